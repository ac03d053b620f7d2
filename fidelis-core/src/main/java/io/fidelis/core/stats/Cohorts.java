package io.fidelis.core.stats;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fidelis.core.summary.Transaction;

/**
 * Monthly acquisition cohorts: customers grouped by the month of their first purchase, and for each later month the
 * share of the cohort who bought in it (retention).
 */
public final class Cohorts {
    private Cohorts() {
    }

    /**
     * @param retention retention[k] = share of the cohort who bought in the k-th month after acquisition
     *                  (retention[0] = 1), up to the last month observed
     */
    public record Cohort(YearMonth month, int size, double[] retention) {
    }

    /** The cohorts of purchases (amount ≥ 0) up to and including {@code lastMonth}, oldest first. */
    public static List<Cohort> monthly(Iterable<Transaction> transactions, YearMonth lastMonth) {
        Map<String, TreeSet<YearMonth>> months = new HashMap<>();
        for (Transaction t : transactions) {
            YearMonth m = YearMonth.from(t.date());
            if (t.amount() >= 0 && !m.isAfter(lastMonth)) {
                months.computeIfAbsent(t.customerId(), k -> new TreeSet<>()).add(m);
            }
        }
        TreeMap<YearMonth, List<Set<YearMonth>>> byCohort = new TreeMap<>();
        for (TreeSet<YearMonth> active : months.values()) {
            byCohort.computeIfAbsent(active.first(), k -> new ArrayList<>()).add(active);
        }
        List<Cohort> out = new ArrayList<>();
        for (var e : byCohort.entrySet()) {
            YearMonth start = e.getKey();
            int length = (int) (start.until(lastMonth, java.time.temporal.ChronoUnit.MONTHS) + 1);
            double[] retention = new double[length];
            for (Set<YearMonth> active : e.getValue()) {
                for (YearMonth m : active) {
                    retention[(int) start.until(m, java.time.temporal.ChronoUnit.MONTHS)]++;
                }
            }
            int size = e.getValue().size();
            for (int k = 0; k < length; k++) {
                retention[k] /= size;
            }
            out.add(new Cohort(start, size, retention));
        }
        return out;
    }
}
