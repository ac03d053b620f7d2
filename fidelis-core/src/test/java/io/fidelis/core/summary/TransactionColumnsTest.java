package io.fidelis.core.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Customer summaries by the BTYD / CLVTools conventions (Fader, Hardie &amp; Lee 2005), on small cases worked by
 * hand: one occasion per day, returns, transactions out of order and the observation end.
 */
class TransactionColumnsTest {
    static final LocalDate D = LocalDate.of(2024, 1, 1);

    static Transaction t(String id, int day, double amount) {
        return new Transaction(id, D.plusDays(day), amount);
    }

    @Test
    void occasionsAreDaysAndMonetaryIsTheNetRepeatValue() {
        // Ann: day 0 (two lines), day 7, day 21 with a return of 5 on day 22; observed to day 28.
        List<Transaction> ann = List.of(t("ann", 21, 30), t("ann", 0, 10), t("ann", 7, 20), t("ann", 0, 5),
                t("ann", 22, -5));
        List<CustomerSummary> s = CustomerSummaries.of(ann, D.plusDays(28), Period.WEEK);
        assertThat(s).hasSize(1);
        CustomerSummary a = s.get(0);
        assertThat(a.x()).isEqualTo(2);
        assertThat(a.tx()).isCloseTo(3.0, offset(1e-12));
        assertThat(a.T()).isCloseTo(4.0, offset(1e-12));
        assertThat(a.monetary()).isCloseTo((20 + 30 - 5) / 2.0, offset(1e-12));
    }

    @Test
    void returnsOnlyDaysAreNoOccasionAndReturnOnlyCustomersAreLeftOut() {
        List<Transaction> all = List.of(t("bob", 3, -10), t("bob", 5, 15), t("bob", 9, -15), t("cy", 1, -4),
                t("dee", 2, 0));
        List<CustomerSummary> s = CustomerSummaries.of(all, D.plusDays(10), Period.DAY);
        assertThat(s).extracting(CustomerSummary::customerId).containsExactly("bob", "dee");
        // Bob: the return before his first purchase is ignored; day 9 has returns only, so he has no repeat.
        assertThat(s.get(0).x()).isZero();
        assertThat(s.get(0).T()).isEqualTo(5);
        assertThat(s.get(0).monetary()).isZero();
        // A free item (amount 0) is a purchase.
        assertThat(s.get(1).T()).isEqualTo(8);
    }

    @Test
    void theObservationEndCutsLaterTransactionsAndTheHoldoutCountsThem() {
        List<Transaction> all = List.of(t("a", 0, 1), t("a", 3, 1), t("a", 12, 1), t("a", 12, 2), t("a", 15, 1),
                t("a", 30, 1), t("b", 11, 1), t("b", 14, 1));
        TransactionColumns columns = TransactionColumns.of(all);
        List<CustomerSummary> s = columns.summaries(D.plusDays(10), Period.DAY);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).x()).isEqualTo(1);
        Map<String, Integer> holdout = columns.holdoutOccasions(D.plusDays(10), D.plusDays(20));
        // a: days 12 and 15 in (10, 20]; b began after the calibration end and is not counted.
        assertThat(holdout).containsExactlyEntriesOf(Map.of("a", 2));
    }
}
