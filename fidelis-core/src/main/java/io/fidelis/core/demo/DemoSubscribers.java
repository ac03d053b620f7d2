package io.fidelis.core.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.fidelis.core.churn.ChurnData;

/**
 * Generated subscribers of a telecom-like business for the churn model's benchmark: 20 numeric and 10 categorical
 * features (2 to 5 levels each, 23 dummy columns), with the outcome {@code churned} (Yes/No) drawn from a planted
 * logistic model, so that a fit has something real to find. The features are correlated as in such a business
 * (total charges are tenure × monthly charge, the survey scores follow one underlying satisfaction that also moves
 * the logins, long contracts go with longer tenure), some are missing (an NPS answer from 65 % of subscribers, a
 * CSAT answer from 50 %), and eight of them (total charges, data use, dependents, distance, age of the device…) have
 * no effect. Deterministic for a seed: the same seed gives the same table, cell for cell.
 */
public final class DemoSubscribers {
    /** The outcome column. */
    public static final String TARGET = "churned";
    /** The id column (not a feature). */
    public static final String ID = "id";

    static final String[] NUMERIC = {"tenure_months", "monthly_charge", "total_charges", "age", "support_calls_90d",
            "complaints_12m", "nps", "csat", "logins_30d", "days_since_login", "data_gb_month", "late_payments_12m",
            "discount_pct", "products", "dependents", "distance_km", "referrals", "outages_90d", "price_increase_pct",
            "usage_trend"};
    static final String[] CATEGORICAL = {"contract", "payment_method", "region", "plan", "channel", "gender", "device",
            "internet", "auto_renew", "segment"};

    private static final String[] CONTRACT = {"Month-to-month", "One year", "Two year"};
    private static final String[] PAYMENT = {"Bank transfer", "Credit card", "Electronic check", "Mailed check"};
    private static final String[] REGION = {"Central", "East", "North", "South", "West"};
    private static final String[] PLAN = {"Basic", "Family", "Premium", "Standard"};
    private static final String[] CHANNEL = {"Online", "Phone", "Store"};
    private static final String[] GENDER = {"Female", "Male"};
    private static final String[] DEVICE = {"Android", "Other", "iOS"};
    private static final String[] INTERNET = {"DSL", "Fibre", "None"};
    private static final String[] YES_NO = {"No", "Yes"};
    private static final String[] SEGMENT = {"Consumer", "Senior", "Small business", "Student"};

    private DemoSubscribers() {
    }

    /**
     * @param data        the table: {@code id}, the 20 numeric and 10 categorical features, {@code churned}
     * @param probability each subscriber's churn probability under the planted model (the best any model can do)
     */
    public record Sample(ChurnData data, double[] probability) {
    }

    /** The names of the 30 features, numeric first. */
    public static List<String> features() {
        List<String> names = new ArrayList<>(List.of(NUMERIC));
        names.addAll(List.of(CATEGORICAL));
        return names;
    }

    /** {@code subscribers} rows drawn with the seed; ids start at {@code S1}, or after {@code firstId − 1}. */
    public static Sample generate(int subscribers, long seed, int firstId) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        names.add(ID);
        names.addAll(features());
        names.add(TARGET);
        List<String[]> rows = new ArrayList<>(subscribers);
        double[] probability = new double[subscribers];
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < subscribers; i++) {
            String[] row = new String[names.size()];
            int c = 0;
            row[c++] = "S" + (firstId + i);
            // The latent satisfaction moves the survey answers, the logins and the churn risk.
            double satisfaction = normal(random);
            int contract = pick(random, 0.55, 0.25);
            int tenure = 1 + (int) Math.min(71, exponential(random, contract == 0 ? 15 : contract == 1 ? 30 : 45));
            int plan = pick(random, 0.35, 0.15, 0.15);
            int internet = pick(random, 0.35, 0.45);
            double monthly = 18 + 12 * plan + (internet == 1 ? 25 : internet == 0 ? 10 : 0) + 15 * random.nextDouble();
            double total = tenure * monthly * (0.95 + 0.1 * random.nextDouble());
            int age = (int) Math.max(18, Math.min(90, Math.round(45 + 15 * normal(random))));
            int supportCalls = poisson(random, 1.0 + 0.4 * Math.max(0, -satisfaction));
            int complaints = poisson(random, 0.25 + 0.25 * Math.max(0, -satisfaction));
            boolean npsAnswered = random.nextDouble() < 0.65;
            int nps = (int) Math.max(0, Math.min(10, Math.round(7 + 2 * satisfaction + normal(random))));
            boolean csatAnswered = random.nextDouble() < 0.5;
            int csat = (int) Math.max(1, Math.min(5, Math.round(3.8 + 0.8 * satisfaction + 0.6 * normal(random))));
            int logins = poisson(random, Math.exp(2.3 + 0.3 * satisfaction));
            int sinceLogin = (int) exponential(random, 10 * Math.exp(-0.3 * satisfaction));
            double dataGb = internet == 2 ? 0 : exponential(random, internet == 1 ? 60 : 20);
            int latePayments = poisson(random, 0.4);
            int discount = 5 * random.nextInt(5);
            int products = 1 + poisson(random, 0.8);
            int dependents = poisson(random, 0.7);
            double distance = exponential(random, 15);
            int referrals = poisson(random, 0.15 + 0.1 * Math.max(0, satisfaction));
            int outages = poisson(random, 0.5);
            int priceIncrease = new int[] {0, 3, 5, 8}[random.nextInt(4)];
            double trend = 0.5 * satisfaction + normal(random);
            int payment = pick(random, 0.25, 0.3, 0.3);
            int region = random.nextInt(5);
            int channel = pick(random, 0.5, 0.2);
            int gender = random.nextInt(2);
            int device = pick(random, 0.5, 0.1);
            boolean autoRenew = random.nextDouble() < (contract == 0 ? 0.3 : 0.7);
            int segment = pick(random, 0.6, 0.15, 0.15);

            // The planted model (log-odds).
            double eta = -1.3
                    - 0.025 * tenure
                    + 0.012 * monthly
                    - 0.006 * (age - 45)
                    + 0.18 * supportCalls
                    + 0.35 * complaints
                    - 0.75 * satisfaction
                    - 0.03 * logins
                    + 0.02 * sinceLogin
                    + 0.25 * latePayments
                    - 0.02 * discount
                    - 0.15 * (products - 1)
                    - 0.3 * referrals
                    + 0.15 * outages
                    + 0.08 * priceIncrease
                    - 0.2 * trend
                    + (contract == 1 ? -1.0 : contract == 2 ? -1.8 : 0)
                    + (payment == 2 ? 0.45 : payment == 3 ? 0.15 : 0)
                    + (region == 2 ? 0.1 : region == 3 ? -0.1 : 0)
                    + (plan == 2 ? -0.25 : 0)
                    + (channel == 0 ? 0.15 : 0)
                    + (device == 1 ? 0.1 : 0)
                    + (internet == 1 ? 0.35 : internet == 2 ? -0.3 : 0)
                    + (autoRenew ? -0.5 : 0)
                    + (segment == 3 ? 0.3 : segment == 1 ? -0.2 : 0);
            double p = 1 / (1 + Math.exp(-eta));
            probability[i] = p;
            boolean churned = random.nextDouble() < p;

            row[c++] = Integer.toString(tenure);
            row[c++] = decimal(sb, monthly);
            row[c++] = decimal(sb, total);
            row[c++] = Integer.toString(age);
            row[c++] = Integer.toString(supportCalls);
            row[c++] = Integer.toString(complaints);
            row[c++] = npsAnswered ? Integer.toString(nps) : "";
            row[c++] = csatAnswered ? Integer.toString(csat) : "";
            row[c++] = Integer.toString(logins);
            row[c++] = Integer.toString(sinceLogin);
            row[c++] = decimal(sb, dataGb);
            row[c++] = Integer.toString(latePayments);
            row[c++] = Integer.toString(discount);
            row[c++] = Integer.toString(products);
            row[c++] = Integer.toString(dependents);
            row[c++] = decimal(sb, distance);
            row[c++] = Integer.toString(referrals);
            row[c++] = Integer.toString(outages);
            row[c++] = Integer.toString(priceIncrease);
            row[c++] = decimal(sb, trend);
            row[c++] = CONTRACT[contract];
            row[c++] = PAYMENT[payment];
            row[c++] = REGION[region];
            row[c++] = PLAN[plan];
            row[c++] = CHANNEL[channel];
            row[c++] = GENDER[gender];
            row[c++] = DEVICE[device];
            row[c++] = INTERNET[internet];
            row[c++] = YES_NO[autoRenew ? 1 : 0];
            row[c++] = SEGMENT[segment];
            row[c] = YES_NO[churned ? 1 : 0];
            rows.add(row);
        }
        return new Sample(ChurnData.of(names, rows), probability);
    }

    /** The index drawn with the given probabilities for the first levels; the last level takes the rest. */
    private static int pick(SplittableRandom random, double... first) {
        double u = random.nextDouble();
        for (int k = 0; k < first.length; k++) {
            u -= first[k];
            if (u < 0) {
                return k;
            }
        }
        return first.length;
    }

    private static double normal(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    private static double exponential(SplittableRandom random, double mean) {
        return -Math.log(1.0 - random.nextDouble()) * mean;
    }

    private static int poisson(SplittableRandom random, double mean) {
        return RandomDraws.poisson(random.nextDouble(), mean);
    }

    /** Two decimals, as a CSV export would have them. */
    private static String decimal(StringBuilder sb, double v) {
        long cents = Math.round(v * 100);
        sb.setLength(0);
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        sb.append(cents / 100).append('.');
        long frac = cents % 100;
        if (frac < 10) {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }
}
