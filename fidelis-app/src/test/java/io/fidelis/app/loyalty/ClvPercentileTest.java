package io.fidelis.app.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The count behind a CLV percentile: values at most a given one, in sorted values (as SQL's {@code clv <= ?}). */
class ClvPercentileTest {
    @Test
    void countsValuesAtMostTheOneGivenWithTiesAndNaNLast() {
        double[] sorted = {1, 2, 2, 2, 5, Double.NaN};
        assertThat(LoyaltyProfiles.atMost(sorted, 0)).isZero();
        assertThat(LoyaltyProfiles.atMost(sorted, 1)).isEqualTo(1);
        assertThat(LoyaltyProfiles.atMost(sorted, 2)).isEqualTo(4);
        assertThat(LoyaltyProfiles.atMost(sorted, 4.99)).isEqualTo(4);
        assertThat(LoyaltyProfiles.atMost(sorted, 5)).isEqualTo(5);
        assertThat(LoyaltyProfiles.atMost(sorted, 1e300)).isEqualTo(5); // NaN is never "at most"
        assertThat(LoyaltyProfiles.atMost(new double[0], 3)).isZero();
    }
}
