package io.fidelis.core.stats;

import java.util.Arrays;

/**
 * How concentrated value is across customers (the seeds' 80/20 rule): the cumulative share of the total by customer
 * rank (the Pareto curve), the Lorenz curve, the Gini coefficient and the share of the top fraction of customers.
 * Give it margin wherever unit cost is known, revenue otherwise. Immutable.
 */
public final class Pareto {
    private final double[] descending;
    private final double total;

    private Pareto(double[] descending, double total) {
        this.descending = descending;
        this.total = total;
    }

    /** @param values one value per customer (margin or revenue); negative values are allowed (loss-making customers) */
    public static Pareto of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no customers");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double total = 0;
        for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
            double t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        for (double v : sorted) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("values must be finite");
            }
            total += v;
        }
        return new Pareto(sorted, total);
    }

    public int customers() {
        return descending.length;
    }

    public double total() {
        return total;
    }

    /**
     * The share of the total brought by the top {@code fraction} of customers (0.2 for the top 20 %), interpolating
     * within the customer at the cut. Can exceed 1 when the rest lose money.
     */
    public double topShare(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        double exact = fraction * descending.length;
        int whole = (int) Math.floor(exact);
        double sum = 0;
        for (int i = 0; i < whole; i++) {
            sum += descending[i];
        }
        if (whole < descending.length) {
            sum += (exact - whole) * descending[whole];
        }
        return sum / total;
    }

    /** The Pareto curve at {@code points + 1} evenly spaced customer fractions 0, 1/points, ..., 1: cumulative share. */
    public double[] curve(int points) {
        double[] out = new double[points + 1];
        for (int k = 0; k <= points; k++) {
            out[k] = topShare((double) k / points);
        }
        return out;
    }

    /** The Lorenz curve (customers from the smallest up) at {@code points + 1} evenly spaced fractions. */
    public double[] lorenz(int points) {
        double[] out = new double[points + 1];
        for (int k = 0; k <= points; k++) {
            out[k] = 1 - topShare(1 - (double) k / points);
        }
        return out;
    }

    /**
     * The Gini coefficient: 0 when every customer brings the same, (n − 1)/n when one brings everything. Computed
     * exactly as Σ_i (2i − n − 1)·v_(i) / (n·Σv) with v ascending (the mean-difference definition).
     */
    public double gini() {
        int n = descending.length;
        double weighted = 0;
        for (int k = 0; k < n; k++) {
            int i = n - k; // rank from the smallest, 1-based
            weighted += (2.0 * i - n - 1) * descending[k];
        }
        return weighted / (n * total);
    }
}
