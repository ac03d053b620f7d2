package io.fidelis.core.referral;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.fidelis.core.stats.Proportions;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The referral multiplier, the business-wide test of "a satisfied customer brings four new ones": the mean number of
 * customers each customer referred directly, by group (loyalty stage, NPS group, …), with a confidence interval; and
 * the share of each month's new customers who came by referral.
 *
 * <p><b>The interval of a mean count.</b> The direct referrals of the n customers of a group are taken as Poisson
 * counts with mean μ, so their total X is Poisson with mean n·μ. The interval is the exact (Garwood 1936,
 * "Fiducial limits for the Poisson distribution", Biometrika 28:437–442) interval of a Poisson mean, divided by n:
 * lower = ½·χ²(α/2; 2X) / n (0 when X = 0), upper = ½·χ²(1 − α/2; 2X + 2) / n, with χ²(p; ν) the p-quantile of the
 * chi-square distribution with ν degrees of freedom (computed as Gamma quantiles, ½·χ²(p; 2k) being the p-quantile of
 * Gamma(k, 1), by Hipparchus). It is exact in the sense of never covering less than the confidence level for Poisson
 * counts, and it is sound for the small totals of a small group or a rare referrer, where a normal interval runs below
 * zero. Garwood's interval is conservative (it covers somewhat more than asked for small totals).
 *
 * <p><b>Overdispersion.</b> Referral counts are usually more variable than Poisson (most customers refer nobody, a
 * few refer many). Each group therefore also reports its dispersion index, the sample variance of the counts over
 * their mean: about 1 for Poisson counts. Well above 1, the Poisson interval is too narrow by a factor of about
 * √dispersion; for a large group the interval mean ± z·s/√n (s the sample standard deviation) is then the better
 * guide, and {@link Group#normalLower()} and {@link Group#normalUpper()} give it (not clipped at zero; NaN for n &lt; 2).
 *
 * <p><b>Share referred by month.</b> For each acquisition month, the new customers, those with a referrer in the
 * forest, and the share with its Wilson score interval ({@link Proportions#wilson(int, int, double)}).
 */
public final class ReferralMultiplier {
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private ReferralMultiplier() {
    }

    /**
     * Settings (defaults in brackets).
     *
     * @param confidence the confidence level of the intervals, strictly between 0 and 1 [0.95]
     */
    public record Options(double confidence) {
        public Options {
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("the confidence level must be strictly between 0 and 1, got "
                        + confidence);
            }
        }

        public static Options defaults() {
            return new Options(0.95);
        }

        public Options withConfidence(double level) {
            return new Options(level);
        }
    }

    /**
     * An interval.
     *
     * @param lower the lower end
     * @param upper the upper end
     */
    public record Interval(double lower, double upper) {
    }

    /**
     * The referral multiplier of one group.
     *
     * @param label       the group's label
     * @param customers   the customers in the group
     * @param referrals   the customers they referred directly, in all
     * @param mean        referrals / customers: direct referrals per customer
     * @param lower       the exact Poisson (Garwood) interval's lower end, ≥ 0
     * @param upper       its upper end
     * @param dispersion  the sample variance of the counts over their mean (≈ 1 for Poisson counts); NaN when the
     *                    group has fewer than 2 customers or no referral
     * @param normalLower mean − z·s/√n, s the sample standard deviation (NaN for fewer than 2 customers)
     * @param normalUpper mean + z·s/√n
     * @param confidence  the confidence level of both intervals
     */
    public record Group(String label, int customers, long referrals, double mean, double lower, double upper,
                        double dispersion, double normalLower, double normalUpper, double confidence) {
    }

    /**
     * New customers of one month and how many of them came by referral.
     *
     * @param month         the acquisition month
     * @param newCustomers  the customers acquired in it
     * @param referred      those of them with a referrer
     * @param share         referred / newCustomers with its Wilson score interval
     */
    public record MonthShare(YearMonth month, int newCustomers, int referred, Proportions.Share share) {
    }

    /**
     * The multiplier of each group, in the order of the labels.
     *
     * @param groups each customer's group label, in the forest's input order; null leaves the customer out (e.g. no
     *               NPS answer)
     * @throws IllegalArgumentException if the length differs from the forest's size
     */
    public static List<Group> byGroup(ReferralForest forest, String[] groups, Options options) {
        Objects.requireNonNull(forest, "forest");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(options, "options");
        if (groups.length != forest.size()) {
            throw new IllegalArgumentException("there are " + groups.length + " group labels for " + forest.size()
                    + " customers: one label (or null) per customer, in the order of the forest's customers");
        }
        // Per label: customers, Σ count, Σ count².
        Map<String, long[]> sums = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] != null) {
                long[] s = sums.computeIfAbsent(groups[i], k -> new long[3]);
                long c = forest.directReferralsAt(i);
                s[0]++;
                s[1] += c;
                s[2] += c * c;
            }
        }
        List<Group> out = new ArrayList<>(sums.size());
        for (var e : sums.entrySet()) {
            long[] s = e.getValue();
            out.add(group(e.getKey(), (int) s[0], s[1], s[2], options.confidence()));
        }
        return out;
    }

    /** The multiplier over every customer of the forest, labelled "all". */
    public static Group overall(ReferralForest forest, Options options) {
        Objects.requireNonNull(options, "options");
        if (forest.size() == 0) {
            throw new IllegalArgumentException("the forest has no customers: a mean needs at least one");
        }
        long sum = 0;
        long squares = 0;
        for (int i = 0; i < forest.size(); i++) {
            long c = forest.directReferralsAt(i);
            sum += c;
            squares += c * c;
        }
        return group("all", forest.size(), sum, squares, options.confidence());
    }

    private static Group group(String label, int n, long sum, long squares, double confidence) {
        double mean = (double) sum / n;
        Interval exact = garwood(sum, n, confidence);
        double variance = n < 2 ? Double.NaN : (squares - (double) sum * sum / n) / (n - 1);
        double dispersion = sum == 0 ? Double.NaN : variance / mean;
        double half = NORMAL.inverseCumulativeProbability((1 + confidence) / 2) * Math.sqrt(variance / n);
        return new Group(label, n, sum, mean, exact.lower(), exact.upper(), dispersion, mean - half, mean + half,
                confidence);
    }

    /**
     * The exact (Garwood) interval of a Poisson rate: {@code events} counted over {@code exposure} units (customers),
     * lower = ½·χ²(α/2; 2·events)/exposure (0 for no event), upper = ½·χ²(1 − α/2; 2·events + 2)/exposure, α = 1 −
     * confidence.
     *
     * @throws IllegalArgumentException for negative events, an exposure that is not positive and finite, or a
     *                                  confidence outside (0, 1)
     */
    public static Interval garwood(long events, double exposure, double confidence) {
        if (events < 0) {
            throw new IllegalArgumentException("the number of events must be ≥ 0, got " + events);
        }
        if (!(exposure > 0) || Double.isInfinite(exposure)) {
            throw new IllegalArgumentException("the exposure must be positive and finite, got " + exposure);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("the confidence level must be strictly between 0 and 1, got "
                    + confidence);
        }
        double alpha = 1 - confidence;
        // ½·χ²(p; 2k) is the p-quantile of Gamma(shape k, scale 1).
        double lower = events == 0 ? 0
                : new GammaDistribution(events, 1).inverseCumulativeProbability(alpha / 2);
        double upper = new GammaDistribution(events + 1, 1).inverseCumulativeProbability(1 - alpha / 2);
        return new Interval(lower / exposure, upper / exposure);
    }

    /**
     * The share of each month's new customers who came by referral (had a referrer in the forest), oldest month first.
     * Months without a new customer are not listed.
     *
     * @param acquiredIn each customer's acquisition month, in the forest's input order; null leaves the customer out
     * @throws IllegalArgumentException if the length differs from the forest's size
     */
    public static List<MonthShare> referredShareByMonth(ReferralForest forest, YearMonth[] acquiredIn,
                                                        Options options) {
        Objects.requireNonNull(forest, "forest");
        Objects.requireNonNull(acquiredIn, "acquiredIn");
        Objects.requireNonNull(options, "options");
        if (acquiredIn.length != forest.size()) {
            throw new IllegalArgumentException("there are " + acquiredIn.length + " acquisition months for "
                    + forest.size() + " customers: one month (or null) per customer, in the order of the forest's"
                    + " customers");
        }
        Map<YearMonth, int[]> counts = new TreeMap<>();
        for (int i = 0; i < acquiredIn.length; i++) {
            if (acquiredIn[i] != null) {
                int[] c = counts.computeIfAbsent(acquiredIn[i], k -> new int[2]);
                c[0]++;
                c[1] += forest.referrerAt(i) >= 0 ? 1 : 0;
            }
        }
        List<MonthShare> out = new ArrayList<>(counts.size());
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            out.add(new MonthShare(e.getKey(), c[0], c[1], Proportions.wilson(c[1], c[0], options.confidence())));
        }
        return out;
    }
}
