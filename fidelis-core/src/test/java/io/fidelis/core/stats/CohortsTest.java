package io.fidelis.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import io.fidelis.core.summary.Transaction;
import org.junit.jupiter.api.Test;

/** Monthly acquisition cohorts on a small history worked out by hand. */
class CohortsTest {
    @Test
    void retentionPerMonthSinceAcquisition() {
        List<Transaction> t = List.of(
                new Transaction("A", LocalDate.of(2024, 1, 5), 10),
                new Transaction("A", LocalDate.of(2024, 2, 10), 10),
                new Transaction("A", LocalDate.of(2024, 4, 1), 10),
                new Transaction("B", LocalDate.of(2024, 1, 20), 10),
                new Transaction("B", LocalDate.of(2024, 3, 3), 10),
                new Transaction("B", LocalDate.of(2024, 4, 9), -10), // a return is not a purchase
                new Transaction("C", LocalDate.of(2024, 2, 14), 10),
                new Transaction("C", LocalDate.of(2024, 5, 14), 10)); // after the last month
        List<Cohorts.Cohort> c = Cohorts.monthly(t, YearMonth.of(2024, 4));
        assertThat(c).hasSize(2);
        assertThat(c.get(0).month()).isEqualTo(YearMonth.of(2024, 1));
        assertThat(c.get(0).size()).isEqualTo(2);
        assertThat(c.get(0).retention()).containsExactly(1.0, 0.5, 0.5, 0.5);
        assertThat(c.get(1).month()).isEqualTo(YearMonth.of(2024, 2));
        assertThat(c.get(1).size()).isEqualTo(1);
        assertThat(c.get(1).retention()).containsExactly(1.0, 0.0, 0.0);
    }
}
