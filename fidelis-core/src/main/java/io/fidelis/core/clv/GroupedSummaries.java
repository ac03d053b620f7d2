package io.fidelis.core.clv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        java.util.TreeMap<Integer, Integer> xs = new java.util.TreeMap<>();
        java.util.TreeMap<Double, Integer> ts = new java.util.TreeMap<>();
        java.util.TreeMap<Double, Integer> txs = new java.util.TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            xs.put(x[i], 0);
            ts.put(T[i], 0);
            txs.put(tx[i], 0);
        }
        this.distinctX = xs.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.distinctT = ts.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        this.distinctTx = txs.keySet().stream().mapToDouble(Double::doubleValue).toArray();
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
        record Key(int x, double tx, double T) {
        }
        Map<Key, long[]> groups = new HashMap<>();
        boolean anyRepeat = false;
        boolean anyTime = false;
        for (CustomerSummary s : summaries) {
            groups.computeIfAbsent(new Key(s.x(), s.tx(), s.T()), k -> new long[1])[0]++;
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
        int n = groups.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] count = new double[n];
        int i = 0;
        for (var e : groups.entrySet()) {
            x[i] = e.getKey().x();
            tx[i] = e.getKey().tx();
            T[i] = e.getKey().T();
            count[i] = e.getValue()[0];
            i++;
        }
        return new GroupedSummaries(x, tx, T, count, summaries.size());
    }

    int rows() {
        return x.length;
    }
}
