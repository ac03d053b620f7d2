package io.fidelis.core.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PurchaseFrequencyTest {
    @Test
    void classesAndCountsAtTheirBoundaries() {
        // The classes as documented: 0 | 1 | 2–3 | 4–7 | 8+.
        assertThat(List.of(0, 1, 2, 3, 4, 7, 8, 100).stream().map(PurchaseFrequency::classOf))
                .containsExactly(0, 1, 2, 2, 3, 3, 4, 4);
        Instant a = Instant.parse("2026-01-01T00:00:00Z");
        Instant b = Instant.parse("2026-02-01T00:00:00Z");
        // From inclusive, to exclusive.
        assertThat(PurchaseFrequency.count(List.of(a, b, b.plusSeconds(1)), a, b)).isEqualTo(1);
        assertThat(PurchaseFrequency.count(null, a, b)).isZero();
    }
}
