package io.fidelis.core.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Survey answers of the demo business, consistent with how each customer behaves: a customer's satisfaction is
 * drawn correlated (about 0.7) with their purchase rate, and lower once they have stopped buying, so happier
 * customers buy more often (and, as the referrers are chosen among the frequent buyers, refer more). From it come a
 * relationship NPS, post-purchase CSAT with effort and comments, an ECSI questionnaire answered by 300 customers
 * (the ECSI paths, with loadings near 0.8 and the weak price-tolerance item CUSL2), the intention to stay, an
 * employee pulse per team (teams whose customers are happier are happier) and mystery-shopper visits to our store
 * and two competitors. Written as one row per answer: response, survey template, customer (or team), day, code,
 * value. A random stream of its own, so the customers and purchases do not change.
 */
final class DemoSurveys {
    private DemoSurveys() {
    }

    /** What the answers depend on, per customer. */
    record Customer(String id, double rate, boolean stopped, LocalDate acquired, boolean consent, int region,
                    List<Late> lateDeliveries) {
        /** Whether a delivery of theirs came late in the 30 days up to {@code day}. */
        boolean lateBefore(LocalDate day) {
            return lateDeliveries.stream().anyMatch(d -> !d.day().isAfter(day) && d.day().isAfter(day.minusDays(30)));
        }
    }

    /** A late delivery: the day it came and its order. */
    record Late(LocalDate day, String orderId) {
    }

    static final List<String> TEAMS = List.of("North team", "South team", "Overseas team");

    /**
     * Complaints of the demo business: about one customer in twelve complains, the less happy more often; delivery,
     * product quality, billing, service attitude and other matters; most resolved (quickly, or late), some still
     * open or withdrawn; and a spike of delivery complaints in the last six days (a courier strike) for the alarm to
     * catch. One row per complaint: customer, day, category, severity, subject, description, outcome, days to
     * resolve, root cause, recovery action and its cost, and for product quality the product.
     */
    static void writeComplaints(Path file, List<Customer> customers, LocalDate end, long seed, List<String> skus)
            throws IOException {
        RandomDraws random = new RandomDraws(seed * 31 + 11);
        String[][] kinds = {
            {"DELIVERY", "The parcel came late", "It arrived a week after the promised day.", "Courier delay"},
            {"DELIVERY", "Wrong address", "The order went to my old address.", "Address not updated"},
            {"PRODUCT_QUALITY", "Broken on arrival", "The teapot was cracked when I opened the box.", "Packaging"},
            {"PRODUCT_QUALITY", "Stale tea", "The tea tasted stale, the date was close.", "Stock rotation"},
            {"PRICE_BILLING", "Charged twice", "My card was charged twice for one order.", "Payment gateway"},
            {"SERVICE_ATTITUDE", "Unfriendly staff", "The shop assistant was rude when I asked for help.",
                "Staff training"},
            {"OTHER", "Website problem", "I could not log in to see my orders.", "Website"}};
        String[] severities = {"LOW", "MEDIUM", "MEDIUM", "HIGH", "CRITICAL"};
        String[] recoveries = {"APOLOGY", "REFUND", "REPLACEMENT", "GIFT", "FREE_SERVICE"};
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("customer,day,category,severity,subject,description,outcome,days,root_cause,recovery,cost,sku,"
                    + "order\n");
            for (Customer c : customers) {
                double complain = 0.08 * Math.exp(-0.6 * Math.log(Math.max(c.rate(), 1e-6)) / 3);
                if (!random.chance(Math.min(0.25, complain))) {
                    continue;
                }
                long span = Math.max(1, end.toEpochDay() - c.acquired().toEpochDay());
                LocalDate day = c.acquired().plusDays(random.nextInt((int) Math.min(span, Integer.MAX_VALUE)));
                row(out, random, c.id(), day, kinds[random.nextInt(kinds.length)], severities, recoveries, end, skus);
            }
            // The spike: a courier strike in the last six days, the early warning's alert on the overview.
            for (int k = 0; k < Math.max(12, customers.size() / 60); k++) {
                Customer c = customers.get(random.nextInt(customers.size()));
                row(out, random, c.id(), end.minusDays(random.nextInt(6)), kinds[0], severities, recoveries, end,
                        skus);
            }
            // Late deliveries: about one in six brings a delivery complaint within five days (a stream of its own, so
            // the complaints above stay as they were).
            RandomDraws lateRandom = new RandomDraws(seed * 31 + 29);
            for (Customer c : customers) {
                for (Late late : c.lateDeliveries()) {
                    if (lateRandom.chance(0.16)) {
                        LocalDate day = late.day().plusDays(1 + lateRandom.nextInt(5));
                        if (!day.isAfter(end)) {
                            row(out, lateRandom, c.id(), day, kinds[0], severities, recoveries, end, skus,
                                    late.orderId());
                        }
                    }
                }
            }
        }
    }

    private static void row(Writer out, RandomDraws random, String customer, LocalDate day, String[] kind,
                            String[] severities, String[] recoveries, LocalDate end, List<String> skus)
            throws IOException {
        row(out, random, customer, day, kind, severities, recoveries, end, skus, "");
    }

    private static void row(Writer out, RandomDraws random, String customer, LocalDate day, String[] kind,
                            String[] severities, String[] recoveries, LocalDate end, List<String> skus, String order)
            throws IOException {
        double u = random.uniform();
        long age = end.toEpochDay() - day.toEpochDay();
        String outcome = age < 3 ? "OPEN" : u < 0.62 ? "RESOLVED_FAST" : u < 0.85 ? "RESOLVED_LATE" : u < 0.95
                ? "OPEN" : "WITHDRAWN";
        int days = outcome.equals("RESOLVED_FAST") ? 1 + random.nextInt(3) : 5 + random.nextInt(20);
        String recovery = outcome.startsWith("RESOLVED") ? recoveries[random.nextInt(recoveries.length)] : "";
        String cost = recovery.isEmpty() || recovery.equals("APOLOGY") ? "0"
                : String.format(java.util.Locale.ROOT, "%.2f", 5 + random.uniform() * 60);
        out.write(customer + "," + day + "," + kind[0] + "," + severities[random.nextInt(severities.length)] + ","
                + csv(kind[1]) + "," + csv(kind[2]) + "," + outcome + "," + days + "," + csv(kind[3]) + "," + recovery
                + "," + cost + "," + sku(random, kind[0], skus) + "," + order + "\n");
    }

    /** A product quality complaint names a product, a few products far more often than the rest (a Pareto). */
    private static String sku(RandomDraws random, String category, List<String> skus) {
        if (!category.equals("PRODUCT_QUALITY") || skus.isEmpty()) {
            return "";
        }
        double u = random.uniform();
        return skus.get(Math.min(skus.size() - 1, (int) (skus.size() * u * u * u)));
    }

    static void write(Path file, List<Customer> customers, LocalDate end, long seed) throws IOException {
        RandomDraws random = new RandomDraws(seed * 31 + 7);
        double[] logRate = customers.stream().mapToDouble(c -> Math.log(Math.max(c.rate(), 1e-6))).toArray();
        double mean = java.util.Arrays.stream(logRate).average().orElse(0);
        double sd = Math.sqrt(java.util.Arrays.stream(logRate).map(v -> (v - mean) * (v - mean)).average()
                .orElse(1));
        double[] happiness = new double[customers.size()];
        double[] byRegion = new double[TEAMS.size()];
        int[] inRegion = new int[TEAMS.size()];
        for (int i = 0; i < customers.size(); i++) {
            double z = sd > 0 ? (logRate[i] - mean) / sd : 0;
            happiness[i] = 0.7 * z + 0.71 * random.normal() - (customers.get(i).stopped() ? 0.5 : 0);
            byRegion[customers.get(i).region()] += happiness[i];
            inRegion[customers.get(i).region()]++;
        }
        int responses = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("response,survey,respondent,day,code,value\n");
            for (int i = 0; i < customers.size(); i++) {
                Customer c = customers.get(i);
                double h = happiness[i];
                LocalDate from = c.acquired().isAfter(end.minusDays(365)) ? c.acquired() : end.minusDays(365);
                long span = Math.max(1, end.toEpochDay() - from.toEpochDay());
                if (c.consent() && random.chance(0.35)) {
                    Map<String, String> a = new LinkedHashMap<>();
                    int nps = clamp(Math.round(7.3 + 2.0 * h + 0.8 * random.normal()), 0, 10);
                    a.put("NPS", Integer.toString(nps));
                    if (random.chance(0.3)) {
                        a.put("NPS_REASON", nps >= 9 ? "Friendly staff and good tea" : nps >= 7 ? "Fine, nothing special"
                                : "Deliveries are often late");
                    }
                    if (nps <= 8 && random.chance(0.4)) {
                        a.put("IMPROVE", nps <= 6 ? "I complained twice about late delivery, please fix it"
                                : "More choice in the shop");
                    }
                    write(out, ++responses, "relationship-nps", c.id(), from.plusDays(random.nextInt((int) span)), a);
                }
                if (c.consent() && random.chance(0.25)) {
                    Map<String, String> a = new LinkedHashMap<>();
                    double csatDraw = 3.9 + 0.9 * h + 0.5 * random.normal();
                    int csat = clamp(Math.round(csatDraw), 1, 5);
                    a.put("CSAT", Integer.toString(csat));
                    a.put("CES", Integer.toString(clamp(Math.round(5.2 + 0.8 * h + 0.8 * random.normal()), 1, 7)));
                    if (csat <= 2 && random.chance(0.5)) {
                        a.put("COMMENT", "The product arrived broken and I want a refund");
                    }
                    LocalDate day = from.plusDays(random.nextInt((int) span));
                    // A late delivery in the month before lowers the score by one and a half points (no draw of its
                    // own, so the other answers stay as they were).
                    if (c.lateBefore(day)) {
                        a.put("CSAT", Integer.toString(clamp(Math.round(csatDraw - 1.5), 1, 5)));
                    }
                    write(out, ++responses, "post-purchase-csat", c.id(), day, a);
                }
                if (c.consent() && random.chance(0.1)) {
                    Map<String, String> a = new LinkedHashMap<>();
                    a.put("INTEND_REPURCHASE", Integer.toString(clamp(Math.round(7 + 2.0 * h + random.normal()), 1,
                            10)));
                    boolean offer = random.chance(0.3);
                    a.put("COMPETITOR_OFFER", offer ? "1" : "0");
                    if (offer) {
                        a.put("RESIST_OFFER", h + 0.5 * random.normal() > -0.3 ? "1" : "0");
                    }
                    write(out, ++responses, "conscious-loyalty", c.id(), end.minusDays(random.nextInt(60)), a);
                }
            }
            // The ECSI questionnaire: 300 customers (or all, if fewer), latent constructs along the ECSI paths.
            int ecsi = Math.min(300, customers.size());
            for (int k = 0; k < ecsi; k++) {
                int i = random.nextInt(customers.size());
                double sat = happiness[i];
                double imag = 0.6 * sat + 0.8 * random.normal();
                double expe = 0.5 * imag + 0.87 * random.normal();
                double qual = 0.45 * expe + 0.5 * sat + 0.7 * random.normal();
                double val = 0.55 * qual + 0.25 * sat + 0.75 * random.normal();
                double comp = 0.5 * sat + 0.87 * random.normal();
                double loy = 0.5 * sat + 0.2 * imag + 0.1 * comp + 0.8 * random.normal();
                Map<String, String> a = new LinkedHashMap<>();
                items(a, random, "IMAG", 5, imag, 0.8);
                items(a, random, "CUEX", 3, expe, 0.75);
                items(a, random, "PERQ", 7, qual, 0.8);
                items(a, random, "PERV", 2, val, 0.85);
                items(a, random, "CUSA", 3, sat, 0.85);
                a.put("CUSCO", item(random, comp, 0.9));
                a.put("CUSL1", item(random, loy, 0.85));
                a.put("CUSL2", item(random, loy, 0.2));
                a.put("CUSL3", item(random, loy, 0.85));
                write(out, ++responses, "ecsi", customers.get(i).id(), end.minusDays(random.nextInt(90)), a);
            }
            // The employee pulse: about eight answers per team; a team is as content as its customers, roughly.
            for (int team = 0; team < TEAMS.size(); team++) {
                double mood = inRegion[team] == 0 ? 0 : byRegion[team] / inRegion[team];
                for (int k = 0; k < 8; k++) {
                    double e = 1.5 * mood + 0.8 * random.normal() + (team == 2 ? -0.6 : 0.2);
                    Map<String, String> a = new LinkedHashMap<>();
                    a.put("TEAM", TEAMS.get(team));
                    a.put("ENPS", Integer.toString(clamp(Math.round(7 + 2 * e), 0, 10)));
                    a.put("EQUIPPED", Integer.toString(clamp(Math.round(7 + 1.5 * e + random.normal()), 1, 10)));
                    a.put("HEARD", Integer.toString(clamp(Math.round(6.5 + 1.8 * e + random.normal()), 1, 10)));
                    a.put("KNOW_CUSTOMERS", Integer.toString(clamp(Math.round(7.5 + e + random.normal()), 1, 10)));
                    write(out, ++responses, "employee-pulse", TEAMS.get(team), end.minusDays(random.nextInt(30)), a);
                }
            }
            // Mystery shoppers: ten visits to each store; ours is friendlier and better stocked, but slower.
            String[] items = {"GREETING", "WAITING", "KNOWLEDGE", "AVAILABILITY", "PRICES", "CLEANLINESS", "OVERALL"};
            double[][] level = {{8.2, 6.0, 7.8, 8.0, 7.5, 8.3, 7.8}, {7.0, 7.5, 7.2, 6.8, 7.8, 7.6, 7.2},
                {6.5, 7.0, 6.6, 7.4, 6.9, 7.0, 6.8}};
            for (int store = 0; store < 3; store++) {
                for (int k = 0; k < 10; k++) {
                    Map<String, String> a = new LinkedHashMap<>();
                    a.put("SUBJECT", Integer.toString(store));
                    for (int j = 0; j < items.length; j++) {
                        a.put(items[j], Integer.toString(clamp(Math.round(level[store][j] + random.normal()), 1, 10)));
                    }
                    write(out, ++responses, "mystery-shopper", "", end.minusDays(random.nextInt(120)), a);
                }
            }
        }
    }

    private static void items(Map<String, String> a, RandomDraws random, String prefix, int n, double latent,
                              double loading) {
        for (int k = 1; k <= n; k++) {
            a.put(prefix + k, item(random, latent, loading));
        }
    }

    /** A 1–10 answer with the given loading on a standardised latent variable. */
    private static String item(RandomDraws random, double latent, double loading) {
        double v = loading * latent + Math.sqrt(1 - loading * loading) * random.normal();
        return Integer.toString(clamp(Math.round(7 + 1.5 * v), 1, 10));
    }

    private static int clamp(long v, int min, int max) {
        return (int) Math.max(min, Math.min(max, v));
    }

    private static void write(Writer out, int response, String survey, String respondent, LocalDate day,
                              Map<String, String> answers) throws IOException {
        for (var e : answers.entrySet()) {
            out.write(response + "," + survey + "," + csv(respondent) + "," + day + "," + e.getKey() + ","
                    + csv(e.getValue()) + "\n");
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
