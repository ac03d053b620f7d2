package io.fidelis.core.clv;

import java.util.List;

import io.fidelis.core.summary.CustomerSummary;

/**
 * Customer summaries with identical (x, t_x, T) grouped into one row with a count: the likelihood is a sum over
 * customers, so each distinct row is evaluated once. Refuses data that cannot support a repeat-buying fit.
 */
final class GroupedSummaries {
    final int[] x;
    final double[] tx;
    final double[] T;
    final double[] count;
    final long customers;
    /** The distinct values of x, T and t_x, and each row's index into them: terms that depend on one of them only
     * are computed once per distinct value per likelihood evaluation. */
    final int[] distinctX;
    final double[] distinctT;
    final double[] distinctTx;
    final int[] xIndex;
    final int[] tIndex;
    final int[] txIndex;

    private GroupedSummaries(int[] x, double[] tx, double[] T, double[] count, long customers) {
        this.x = x;
        this.tx = tx;
        this.T = T;
        this.count = count;
        this.customers = customers;
        double[] xs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = x[i];
        }
        this.distinctX = java.util.Arrays.stream(DistinctRows.sortedDistinct(xs)).mapToInt(v -> (int) v).toArray();
        this.distinctT = DistinctRows.sortedDistinct(T);
        this.distinctTx = DistinctRows.sortedDistinct(tx);
        this.xIndex = new int[x.length];
        this.tIndex = new int[x.length];
        this.txIndex = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            xIndex[i] = java.util.Arrays.binarySearch(distinctX, x[i]);
            tIndex[i] = java.util.Arrays.binarySearch(distinctT, T[i]);
            txIndex[i] = java.util.Arrays.binarySearch(distinctTx, tx[i]);
        }
    }

    static final int MIN_CUSTOMERS = 10;

    static GroupedSummaries of(List<CustomerSummary> summaries) {
        if (summaries.size() < MIN_CUSTOMERS) {
            throw new InsufficientDataException("too few customers to fit: " + summaries.size() + " (need at least "
                    + MIN_CUSTOMERS + ")");
        }
        int n = summaries.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        boolean anyRepeat = false;
        boolean anyTime = false;
        for (int i = 0; i < n; i++) {
            CustomerSummary s = summaries.get(i);
            x[i] = s.x();
            tx[i] = s.tx();
            T[i] = s.T();
            anyRepeat |= s.x() > 0;
            anyTime |= s.T() > 0;
        }
        if (!anyTime) {
            throw new InsufficientDataException("every customer has T = 0 (first purchase at the observation end):"
                    + " nothing was observed");
        }
        if (!anyRepeat) {
            throw new InsufficientDataException("no customer bought again (x = 0 for all " + summaries.size()
                    + "): repeat buying cannot be estimated");
        }
        DistinctRows rows = DistinctRows.of(x, tx, T);
        return new GroupedSummaries(rows.x, rows.tx, rows.T, rows.count, n);
    }

    int rows() {
        return x.length;
    }
}
