package io.fidelis.core.clv;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

import io.fidelis.core.summary.CustomerSummary;

/**
 * Customer summaries grouped into their distinct values (x, t_x, T, monetary) with the number of customers that have
 * each: the sufficient statistics of BG/NBD, Pareto/NBD and Gamma-Gamma, as a distributed job collects them from
 * many machines. The rows are kept in one canonical order (ascending x, then t_x, T and monetary), so the fits from
 * them do not depend on the order in which the rows arrived, and they equal the fits from the customers listed in
 * that order ({@link #asList()}). Immutable.
 */
public final class SummaryCounts {
    private final int[] x;
    private final double[] tx;
    private final double[] T;
    private final double[] monetary;
    /** The number of customers in this row and the rows before it. */
    private final long[] through;

    private SummaryCounts(int[] x, double[] tx, double[] T, double[] monetary, long[] through) {
        this.x = x;
        this.tx = tx;
        this.T = T;
        this.monetary = monetary;
        this.through = through;
    }

    /**
     * Rows in any order; equal rows (any number of them) are added together.
     *
     * @param count the customers of each row, at least 1
     */
    public static SummaryCounts of(int[] x, double[] tx, double[] T, double[] monetary, long[] count) {
        int n = x.length;
        if (tx.length != n || T.length != n || monetary.length != n || count.length != n) {
            throw new IllegalArgumentException("the columns differ in length");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            // The summary's own checks (0 <= t_x <= T, t_x = 0 when x = 0).
            new CustomerSummary("", x[i], tx[i], T[i], monetary[i]);
            if (count[i] < 1) {
                throw new IllegalArgumentException("a row needs at least one customer, got " + count[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> compare(x[i], tx[i], T[i], monetary[i], x[j], tx[j], T[j], monetary[j]));
        int[] sx = new int[n];
        double[] stx = new double[n];
        double[] sT = new double[n];
        double[] sm = new double[n];
        long[] through = new long[n];
        int rows = 0;
        long customers = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            customers = Math.addExact(customers, count[i]);
            if (rows > 0 && compare(sx[rows - 1], stx[rows - 1], sT[rows - 1], sm[rows - 1], x[i], tx[i], T[i],
                    monetary[i]) == 0) {
                through[rows - 1] = customers;
                continue;
            }
            sx[rows] = x[i];
            stx[rows] = tx[i];
            sT[rows] = T[i];
            sm[rows] = monetary[i];
            through[rows] = customers;
            rows++;
        }
        return new SummaryCounts(Arrays.copyOf(sx, rows), Arrays.copyOf(stx, rows), Arrays.copyOf(sT, rows),
                Arrays.copyOf(sm, rows), Arrays.copyOf(through, rows));
    }

    /** The counts of some customers' summaries (their ids are not kept). */
    public static SummaryCounts of(Collection<CustomerSummary> summaries) {
        int n = summaries.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] m = new double[n];
        long[] count = new long[n];
        int i = 0;
        for (CustomerSummary s : summaries) {
            x[i] = s.x();
            tx[i] = s.tx();
            T[i] = s.T();
            m[i] = s.monetary();
            count[i++] = 1;
        }
        return of(x, tx, T, m, count);
    }

    private static int compare(int x1, double tx1, double T1, double m1, int x2, double tx2, double T2, double m2) {
        int c = Integer.compare(x1, x2);
        if (c == 0) {
            c = Double.compare(tx1, tx2);
        }
        if (c == 0) {
            c = Double.compare(T1, T2);
        }
        return c != 0 ? c : Double.compare(m1, m2);
    }

    /** The number of customers. */
    public long customers() {
        return through.length == 0 ? 0 : through[through.length - 1];
    }

    /** The number of distinct rows. */
    public int rows() {
        return x.length;
    }

    /**
     * The customers one by one in the canonical order, each with an empty id: a view (each access finds its row by
     * binary search), for the fits that take a list.
     */
    public List<CustomerSummary> asList() {
        long customers = customers();
        if (customers > Integer.MAX_VALUE) {
            throw new IllegalStateException("too many customers for a list: " + customers);
        }
        return new View((int) customers);
    }

    private final class View extends AbstractList<CustomerSummary> implements RandomAccess {
        private final int size;

        View(int size) {
            this.size = size;
        }

        @Override
        public CustomerSummary get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            // The first row whose running count exceeds the index.
            int lo = 0;
            int hi = through.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (through[mid] > index) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return new CustomerSummary("", x[lo], tx[lo], T[lo], monetary[lo]);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
