package io.fidelis.core.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The Net Promoter Score from 0–10 "how likely are you to recommend" answers: promoters answer 9–10, passives 7–8,
 * detractors 0–6, and NPS = % promoters − % detractors, from −100 to 100.
 *
 * <p>Its standard error is 100·√(((p + d) − (p − d)²)/n) with p and d the shares of promoters and detractors (the NPS
 * is the mean of a variable that is +1, 0 or −1). The confidence interval is the adjusted-Wald interval of Rocks
 * (2016), "Interval estimation for the 'net promoter score'", The American Statistician 70:365–372, as MeasuringU
 * recommends: add 3 to n and ¾ to the promoters and to the detractors, compute the NPS and its standard error on
 * these adjusted counts, take ± z·SE (z the normal quantile, 1.96 for 95 %), and clip to [−100, 100]. It keeps its
 * coverage for small samples and extreme scores, where the plain Wald interval collapses to a point.
 */
public final class NpsStats {
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private NpsStats() {
    }

    /**
     * One NPS with its interval.
     *
     * @param nps           % promoters − % detractors
     * @param standardError the plain standard error of {@code nps}, in NPS points
     * @param lower         the adjusted-Wald interval's lower end, clipped to −100
     * @param upper         the adjusted-Wald interval's upper end, clipped to 100
     * @param confidence    the interval's confidence level
     */
    public record Nps(int n, int promoters, int passives, int detractors, double nps, double standardError,
                      double lower, double upper, double confidence) {
        /** The NPS and its standard error on the adjusted counts (n + 3, promoters and detractors + ¾). */
        double[] adjusted() {
            return npsAndSe(promoters + 0.75, detractors + 0.75, n + 3);
        }
    }

    /**
     * Comparison of two NPS values by a z-test on the adjusted-Wald scores (so two samples of only promoters still
     * give a finite z).
     *
     * @param difference         the plain difference, NPS a − NPS b
     * @param adjustedDifference the difference of the adjusted NPS values, the centre of the interval
     * @param standardError      √(SE_a² + SE_b²) of the adjusted values
     * @param z                  adjustedDifference / standardError
     * @param pValue             two-sided, 2·(1 − Φ(|z|))
     * @param lower              adjustedDifference − z_{conf}·standardError, clipped to −200
     * @param upper              adjustedDifference + z_{conf}·standardError, clipped to 200
     */
    public record Difference(double difference, double adjustedDifference, double standardError, double z,
                             double pValue, double lower, double upper) {
    }

    /** The NPS of 0–10 answers with a 95 % interval. */
    public static Nps of(int[] answers) {
        return of(answers, 0.95);
    }

    /** @throws IllegalArgumentException for an answer outside 0–10 or no answers */
    public static Nps of(int[] answers, double confidence) {
        int promoters = 0;
        int passives = 0;
        int detractors = 0;
        for (int i = 0; i < answers.length; i++) {
            int a = answers[i];
            if (a < 0 || a > 10) {
                throw new IllegalArgumentException("answer " + (i + 1) + " is " + a
                        + ": NPS answers run from 0 to 10");
            }
            if (a >= 9) {
                promoters++;
            } else if (a >= 7) {
                passives++;
            } else {
                detractors++;
            }
        }
        return ofCounts(promoters, passives, detractors, confidence);
    }

    /** The NPS of counts with a 95 % interval. */
    public static Nps ofCounts(int promoters, int passives, int detractors) {
        return ofCounts(promoters, passives, detractors, 0.95);
    }

    public static Nps ofCounts(int promoters, int passives, int detractors, double confidence) {
        if (promoters < 0 || passives < 0 || detractors < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + promoters + " promoters, "
                    + passives + " passives, " + detractors + " detractors");
        }
        int n = promoters + passives + detractors;
        if (n == 0) {
            throw new IllegalArgumentException("no answers: the NPS needs at least one");
        }
        double z = z(confidence);
        double[] plain = npsAndSe(promoters, detractors, n);
        double[] adjusted = npsAndSe(promoters + 0.75, detractors + 0.75, n + 3);
        return new Nps(n, promoters, passives, detractors, plain[0], plain[1],
                Math.max(-100, adjusted[0] - z * adjusted[1]), Math.min(100, adjusted[0] + z * adjusted[1]),
                confidence);
    }

    /** Whether two NPS values differ (at the confidence level of {@code a}). */
    public static Difference compare(Nps a, Nps b) {
        double[] x = a.adjusted();
        double[] y = b.adjusted();
        double diff = x[0] - y[0];
        double se = Math.sqrt(x[1] * x[1] + y[1] * y[1]);
        double z = diff / se;
        double p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
        double half = z(a.confidence()) * se;
        return new Difference(a.nps() - b.nps(), diff, se, z, p, Math.max(-200, diff - half),
                Math.min(200, diff + half));
    }

    static double z(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        return NORMAL.inverseCumulativeProbability((1 + confidence) / 2);
    }

    private static double[] npsAndSe(double promoters, double detractors, double n) {
        double p = promoters / n;
        double d = detractors / n;
        double variance = (p + d) - (p - d) * (p - d);
        return new double[] {100 * (p - d), 100 * Math.sqrt(Math.max(0, variance) / n)};
    }
}
