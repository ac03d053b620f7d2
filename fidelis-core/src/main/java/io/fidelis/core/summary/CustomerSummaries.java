package io.fidelis.core.summary;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link CustomerSummary customer summaries} from transactions: one occasion per customer and local day with a
 * purchase, observed from the customer's first occasion up to the observation end (inclusive of that day's
 * purchases, with {@code T} the days from the first occasion to the observation end, in the period). Customers with
 * returns only are left out.
 */
public final class CustomerSummaries {
    private CustomerSummaries() {
    }

    /**
     * The summaries, in order of the customers' first appearance; transactions after {@code observationEnd} are
     * ignored.
     *
     * <p>Occasions are the days with at least one purchase (an amount of 0 or more: a free item is a purchase); a day
     * with returns only (negative amounts) is not one. The monetary value is the net value of everything after the
     * first occasion day (repeat purchases less all later returns) per repeat occasion, never below 0. Returns
     * before the first purchase are ignored. Built by {@link TransactionColumns}.
     */
    public static List<CustomerSummary> of(Iterable<Transaction> transactions, LocalDate observationEnd,
                                           Period period) {
        return TransactionColumns.of(transactions).summaries(observationEnd, period);
    }

    /**
     * Repeat occasions of each customer in the holdout {@code (calibrationEnd, holdoutEnd]}, for customers whose first
     * occasion is on or before the calibration end.
     */
    public static Map<String, Integer> holdoutOccasions(Iterable<Transaction> transactions, LocalDate calibrationEnd,
                                                        LocalDate holdoutEnd) {
        return TransactionColumns.of(transactions).holdoutOccasions(calibrationEnd, holdoutEnd);
    }
}
