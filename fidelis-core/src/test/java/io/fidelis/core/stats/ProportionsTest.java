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
    void differenceWithNewcombeHybridScoreInterval() {
        // Newcombe (1998), Statistics in Medicine 17:873–890, Table II example (a), 56/70 − 48/80, method 10:
        // 0.0524 to 0.3339 (the difference is 0.8 − 0.6 = 0.2). Written out from the Wilson intervals (z = 1.959964,
        // computed with Python 3.11 math to 10 decimals): 56/70 → [0.6918335550, 0.8769526075], 48/80 →
        // [0.4904546501, 0.7003817240]; lower = 0.2 − √((0.8 − 0.6918335550)² + (0.7003817240 − 0.6)²)
        // = 0.0524314724, upper = 0.2 + √((0.8769526075 − 0.8)² + (0.6 − 0.4904546501)²) = 0.3338726540.
        Proportions.Difference d = Proportions.difference(56, 70, 48, 80, 0.95);
        assertThat(d.difference()).isCloseTo(0.2, offset(1e-15));
        assertThat(d.lower()).isCloseTo(0.0524314724, offset(1e-9));
        assertThat(d.upper()).isCloseTo(0.3338726540, offset(1e-9));
        assertThat(d.lower()).isCloseTo(0.0524, offset(5e-5));
        assertThat(d.upper()).isCloseTo(0.3339, offset(5e-5));
        assertThat(d.a()).isEqualTo(Proportions.wilson(56, 70, 0.95));
        assertThat(d.b()).isEqualTo(Proportions.wilson(48, 80, 0.95));
        assertThat(d.confidence()).isEqualTo(0.95);
    }

    @Test
    void differenceAtZeroAndFullCounts() {
        // 5/56 − 0/29, by the same formula (Python 3.11 math): Wilson 5/56 → [0.0387421484, 0.1925600139], 0/29 →
        // [0, 0.1169697985]; lower = 5/56 − √((5/56 − 0.0387421484)² + 0.1169697985²) = −0.0381371479, upper =
        // 5/56 + √((0.1925600139 − 5/56)² + 0²) = 0.1925600139.
        Proportions.Difference d = Proportions.difference(5, 56, 0, 29, 0.95);
        assertThat(d.lower()).isCloseTo(-0.0381371479, offset(1e-9));
        assertThat(d.upper()).isCloseTo(0.1925600139, offset(1e-9));
        // 10/10 − 0/20: Wilson 10/10 → [0.7224672001, 1], 0/20 → [0, 0.1611251581]; lower = 1 −
        // √(0.2775327999² + 0.1611251581²) = 0.6790860371, upper = 1 + 0 = 1 exactly.
        Proportions.Difference all = Proportions.difference(10, 10, 0, 20, 0.95);
        assertThat(all.lower()).isCloseTo(0.6790860371, offset(1e-9));
        assertThat(all.upper()).isEqualTo(1);
        // Swapping the groups mirrors the interval.
        Proportions.Difference swapped = Proportions.difference(0, 20, 10, 10, 0.95);
        assertThat(swapped.lower()).isEqualTo(-1);
        assertThat(swapped.upper()).isCloseTo(-0.6790860371, offset(1e-9));
        assertThatThrownBy(() -> Proportions.difference(1, 0, 1, 2, 0.95)).hasMessageContaining("no answers");
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
