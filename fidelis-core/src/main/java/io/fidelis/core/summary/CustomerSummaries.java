package io.fidelis.core.summary;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link CustomerSummary customer summaries} from transactions: one occasion per customer and local day with a
 * purchase, observed from the customer's first occasion up to the observation end (inclusive of that day's
 * purchases, with {@code T} the days from the first occasion to the observation end, in the period). Customers with
 * returns only are left out.
 */
public final class CustomerSummaries {
    private CustomerSummaries() {
    }

    /** The summaries, in order of customer id; transactions after {@code observationEnd} are ignored. */
    public static List<CustomerSummary> of(Iterable<Transaction> transactions, LocalDate observationEnd,
                                           Period period) {
        Map<String, TreeMap<LocalDate, double[]>> byCustomer = new HashMap<>();
        for (Transaction t : transactions) {
            if (t.date().isAfter(observationEnd)) {
                continue;
            }
            double[] day = byCustomer.computeIfAbsent(t.customerId(), k -> new TreeMap<>())
                    .computeIfAbsent(t.date(), d -> new double[2]);
            day[0] += t.amount();
            if (t.amount() >= 0) {
                day[1]++;
            }
        }
        List<String> ids = new ArrayList<>(byCustomer.keySet());
        ids.sort(null);
        List<CustomerSummary> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            CustomerSummary summary = summarise(id, byCustomer.get(id), observationEnd, period);
            if (summary != null) {
                out.add(summary);
            }
        }
        return out;
    }

    /**
     * Occasions are the days with at least one purchase (an amount of 0 or more: a free item is a purchase); a day
     * with returns only (negative amounts) is not one. The
     * monetary value is the net value of everything after the first occasion day (repeat purchases less all later
     * returns) per repeat occasion, never below 0. Returns before the first purchase are ignored.
     */
    static CustomerSummary summarise(String id, TreeMap<LocalDate, double[]> days, LocalDate end, Period period) {
        LocalDate first = null;
        LocalDate last = null;
        int occasions = 0;
        double later = 0;
        for (var e : days.entrySet()) {
            double[] v = e.getValue();
            boolean occasion = v[1] > 0;
            if (first == null) {
                if (!occasion) {
                    continue;
                }
                first = e.getKey();
            } else {
                later += v[0];
            }
            if (occasion) {
                occasions++;
                last = e.getKey();
            }
        }
        if (first == null) {
            return null;
        }
        int x = occasions - 1;
        return new CustomerSummary(id, x, period.of(ChronoUnit.DAYS.between(first, last)),
                period.of(ChronoUnit.DAYS.between(first, end)), x == 0 ? 0 : Math.max(0, later / x));
    }

    /**
     * Repeat occasions of each customer in the holdout {@code (calibrationEnd, holdoutEnd]}, for customers whose first
     * occasion is on or before the calibration end.
     */
    public static Map<String, Integer> holdoutOccasions(Iterable<Transaction> transactions, LocalDate calibrationEnd,
                                                        LocalDate holdoutEnd) {
        Map<String, TreeMap<LocalDate, Boolean>> days = new HashMap<>();
        for (Transaction t : transactions) {
            if (!t.date().isAfter(holdoutEnd) && t.amount() >= 0) {
                days.computeIfAbsent(t.customerId(), k -> new TreeMap<>()).put(t.date(), Boolean.TRUE);
            }
        }
        Map<String, Integer> out = new HashMap<>();
        for (var e : days.entrySet()) {
            if (e.getValue().firstKey().isAfter(calibrationEnd)) {
                continue;
            }
            out.put(e.getKey(), e.getValue().tailMap(calibrationEnd, false).size());
        }
        return out;
    }
}
