package io.fidelis.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Wilson score intervals, CSAT and CES. */
class ProportionsTest {

    @Test
    void wilsonIntervalsOfNewcombe1998() {
        // Newcombe (1998), Statistics in Medicine 17:857–872, Table II, method 3 (score, no continuity correction),
        // printed to 4 decimals: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611;
        // 1/29 → 0.0061–0.1718.
        assertWilson(81, 263, 0.2553, 0.3662);
        assertWilson(15, 148, 0.0624, 0.1605);
        assertWilson(0, 20, 0, 0.1611);
        assertWilson(1, 29, 0.0061, 0.1718);
        // All successes: the upper end is exactly 1, the lower end mirrors 0/20.
        Proportions.Share all = Proportions.wilson(20, 20, 0.95);
        assertThat(all.upper()).isEqualTo(1);
        assertThat(all.lower()).isCloseTo(1 - 0.1611, offset(5e-5));
    }

    @Test
    void confidenceIsConfigurable() {
        // 81/263 at 90 % (z = 1.64485363): by the formula, (0.30798479 + 0.00514362 ± 0.04710602) / 1.01028724
        // = [0.26331362, 0.35656635].
        Proportions.Share s = Proportions.wilson(81, 263, 0.90);
        assertThat(s.lower()).isCloseTo(0.26331362, offset(1e-8));
        assertThat(s.upper()).isCloseTo(0.35656635, offset(1e-8));
        assertThat(s.confidence()).isEqualTo(0.90);
    }

    @Test
    void csatIsTheTopTwoBoxShareWithTheMeanApart() {
        int[] answers = {5, 4, 3, 5, 1, 4, 4, 2, 5, 5};
        Proportions.Csat csat = Proportions.csat(answers);
        assertThat(csat.topTwoBox().successes()).isEqualTo(7);
        assertThat(csat.topTwoBox().n()).isEqualTo(10);
        assertThat(csat.topTwoBox().share()).isCloseTo(0.7, offset(1e-15));
        assertThat(csat.topTwoBox()).isEqualTo(Proportions.wilson(7, 10, 0.95));
        assertThat(csat.meanAnswer()).isCloseTo(3.8, offset(1e-15));
        assertThatThrownBy(() -> Proportions.csat(new int[] {5, 6}))
                .hasMessage("answer 2 is 6: CSAT answers run from 1 to 5");
        assertThatThrownBy(() -> Proportions.csat(new int[0])).hasMessageContaining("no answers");
    }

    @Test
    void cesCountsFiveToSevenAsEasy() {
        Proportions.Ces ces = Proportions.ces(new int[] {7, 5, 4, 1, 6, 3});
        assertThat(ces.easy().successes()).isEqualTo(3);
        assertThat(ces.meanAnswer()).isCloseTo(26.0 / 6, offset(1e-15));
        assertThatThrownBy(() -> Proportions.ces(new int[] {0})).hasMessageContaining("CES answers run from 1 to 7");
    }

    @Test
    void emptyOrImpossibleCountsAreRejected() {
        assertThatThrownBy(() -> Proportions.wilson(0, 0, 0.95)).hasMessageContaining("no answers");
        assertThatThrownBy(() -> Proportions.wilson(5, 4, 0.95)).hasMessageContaining("between 0 and n");
    }

    private static void assertWilson(int x, int n, double lower, double upper) {
        Proportions.Share s = Proportions.wilson(x, n, 0.95);
        assertThat(s.lower()).as(x + "/" + n + " lower").isCloseTo(lower, offset(5e-5));
        assertThat(s.upper()).as(x + "/" + n + " upper").isCloseTo(upper, offset(5e-5));
    }
}
