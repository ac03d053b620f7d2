package io.fidelis.core.suggestion;

import java.util.Arrays;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Did delivering an improvement change the suggesting customers? Each customer has an outcome in a window before
 * the delivery and in an equally long window after it (bought again: 1 or 0; or their mean satisfaction score); the
 * change is {@code after − before}. The estimate is the mean change of the suggesting (treated) customers minus the
 * mean change of a comparison group, with a Welch t interval (unequal variances, Welch–Satterthwaite degrees of
 * freedom): the difference in differences. It assumes both groups would have changed alike without the delivery
 * (parallel trends), which a page should say. With fewer than {@code minimum} customers in either group the
 * estimate is reported but marked as too small to read.
 */
public final class DifferenceInDifferences {
    private DifferenceInDifferences() {
    }

    /** The estimate, its interval (NaN with fewer than two customers in a group), and whether the sample suffices. */
    public record Estimate(int treated, int comparison, double treatedBefore, double treatedAfter,
                           double comparisonBefore, double comparisonAfter, double difference, double lower,
                           double upper, boolean enough) {
        public double treatedChange() {
            return treatedAfter - treatedBefore;
        }

        public double comparisonChange() {
            return comparisonAfter - comparisonBefore;
        }
    }

    /**
     * @param treatedBefore    the treated customers' outcomes before, one per customer
     * @param treatedAfter     theirs after, in the same order
     * @param comparisonBefore the comparison customers' outcomes before
     * @param comparisonAfter  theirs after
     * @param confidence       such as 0.95
     * @param minimum          the least customers per group for an estimate worth reading
     */
    public static Estimate estimate(double[] treatedBefore, double[] treatedAfter, double[] comparisonBefore,
                                    double[] comparisonAfter, double confidence, int minimum) {
        if (treatedBefore.length != treatedAfter.length || comparisonBefore.length != comparisonAfter.length) {
            throw new IllegalArgumentException("one outcome before and one after for each customer");
        }
        double[] dt = changes(treatedBefore, treatedAfter);
        double[] dc = changes(comparisonBefore, comparisonAfter);
        int nt = dt.length;
        int nc = dc.length;
        double diff = mean(dt) - mean(dc);
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (nt >= 2 && nc >= 2) {
            double vt = variance(dt) / nt;
            double vc = variance(dc) / nc;
            double se = Math.sqrt(vt + vc);
            if (se == 0) {
                lower = diff;
                upper = diff;
            } else {
                double df = (vt + vc) * (vt + vc) / (vt * vt / (nt - 1) + vc * vc / (nc - 1));
                double t = new TDistribution(df).inverseCumulativeProbability(0.5 + confidence / 2);
                lower = diff - t * se;
                upper = diff + t * se;
            }
        }
        return new Estimate(nt, nc, mean(treatedBefore), mean(treatedAfter), mean(comparisonBefore),
                mean(comparisonAfter), diff, lower, upper, nt >= minimum && nc >= minimum);
    }

    private static double[] changes(double[] before, double[] after) {
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : Arrays.stream(x).sum() / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
