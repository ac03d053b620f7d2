package io.fidelis.core.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fidelis.core.suggestion.DifferenceInDifferences.Estimate;
import org.junit.jupiter.api.Test;

class DifferenceInDifferencesTest {
    @Test
    void theEstimateAndItsWelchIntervalMatchScipy() {
        double[] tb = {0, 0, 1, 0, 1, 0, 0, 1};
        double[] ta = {1, 1, 1, 0, 1, 1, 0, 1};
        double[] cb = {0, 1, 0, 1, 0, 0, 1, 0, 1, 1};
        double[] ca = {0, 1, 1, 1, 0, 0, 0, 0, 1, 1};
        // Reference: SciPy 1.17.1, ttest_ind(ta - tb, ca - cb, equal_var=False).confidence_interval(0.95):
        // difference 0.375, interval (-0.1297926875473835, 0.8797926875473835), df 14.431089302. Tolerance 1e-9.
        Estimate e = DifferenceInDifferences.estimate(tb, ta, cb, ca, 0.95, 30);
        assertThat(e.difference()).isCloseTo(0.375, within(1e-12));
        assertThat(e.lower()).isCloseTo(-0.1297926875473835, within(1e-9));
        assertThat(e.upper()).isCloseTo(0.8797926875473835, within(1e-9));
        assertThat(e.treatedChange()).isCloseTo(0.375, within(1e-12));
        assertThat(e.comparisonChange()).isCloseTo(0.0, within(1e-12));
        assertThat(e.treated()).isEqualTo(8);
        assertThat(e.comparison()).isEqualTo(10);
        assertThat(e.enough()).as("8 and 10 customers are fewer than 30").isFalse();
        assertThat(DifferenceInDifferences.estimate(tb, ta, cb, ca, 0.95, 8).enough()).isTrue();
    }

    @Test
    void tooFewCustomersGiveNoInterval() {
        Estimate e = DifferenceInDifferences.estimate(new double[] {3}, new double[] {4}, new double[] {2, 3},
                new double[] {2, 3}, 0.95, 2);
        assertThat(e.difference()).isCloseTo(1.0, within(1e-12));
        assertThat(e.lower()).isNaN();
        assertThat(e.enough()).isFalse();
        Estimate none = DifferenceInDifferences.estimate(new double[0], new double[0], new double[0], new double[0],
                0.95, 2);
        assertThat(none.difference()).isNaN();
    }
}
