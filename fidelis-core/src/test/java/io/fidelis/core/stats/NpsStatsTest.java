package io.fidelis.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** NPS, its adjusted-Wald interval (Rocks 2016) and the two-sample z-test, against hand calculations. */
class NpsStatsTest {

    @Test
    void adjustedWaldIntervalByHand() {
        // n = 100: 40 promoters, 40 passives, 20 detractors.
        // Plain: p = 0.40, d = 0.20, NPS = 20; SE = 100·√((0.60 − 0.20²)/100) = 100·√0.0056 = 7.48331477.
        // Adjusted (Rocks 2016): n' = 103, promoters 40.75, detractors 20.75: p' = 0.39563107, d' = 0.20145631,
        //   NPS' = 100·20/103 = 19.41747573; SE' = 100·√((61.5/103 − (20/103)²)/103) = 7.36946957.
        //   95 %: z = 1.95996398; 19.41747573 ± 1.95996398 · 7.36946957 = 19.41747573 ± 14.44389495
        //   = [4.97358078, 33.86137067]. (With z rounded to 1.96: [4.97332, 33.86164].)
        NpsStats.Nps nps = NpsStats.ofCounts(40, 40, 20);
        assertThat(nps.n()).isEqualTo(100);
        assertThat(nps.nps()).isCloseTo(20, offset(1e-12));
        assertThat(nps.standardError()).isCloseTo(7.48331477, offset(1e-8));
        assertThat(nps.lower()).isCloseTo(4.97358078, offset(1e-8));
        assertThat(nps.upper()).isCloseTo(33.86137067, offset(1e-8));
        assertThat(nps.confidence()).isEqualTo(0.95);
    }

    @Test
    void answersAreClassified() {
        int[] answers = {0, 6, 7, 8, 9, 10, 10, 3, 9, 8};
        NpsStats.Nps nps = NpsStats.of(answers);
        assertThat(nps.promoters()).isEqualTo(4); // 9, 10, 10, 9
        assertThat(nps.passives()).isEqualTo(3); // 7, 8, 8
        assertThat(nps.detractors()).isEqualTo(3); // 0, 6, 3
        assertThat(nps.nps()).isCloseTo(10, offset(1e-12));
        assertThat(NpsStats.ofCounts(4, 3, 3)).isEqualTo(nps);
    }

    @Test
    void allPromotersClipsTheInterval() {
        // n = 10 promoters: NPS 100, plain SE 0; adjusted n' = 13, 10.75 and 0.75: NPS' = 76.92307692,
        // SE' = 15.01023774, upper 76.92 + 29.42 = 106.34 → clipped to 100; lower 47.50355154.
        NpsStats.Nps nps = NpsStats.ofCounts(10, 0, 0);
        assertThat(nps.nps()).isEqualTo(100);
        assertThat(nps.standardError()).isZero();
        assertThat(nps.upper()).isEqualTo(100);
        assertThat(nps.lower()).isCloseTo(47.50355154, offset(1e-8));
        assertThat(NpsStats.ofCounts(0, 0, 10).lower()).isEqualTo(-100);
    }

    @Test
    void twoScoresCompared() {
        // a: 100 answers, 40 promoters, 20 detractors; b: 120 answers, 30 promoters, 36 detractors (NPS −5).
        // Adjusted: a' = 19.41747573 (SE 7.36946957), b' = 100·(30.75 − 36.75)/123 = −4.87804878
        // (SE 6.66504626); difference 24.29552451, SE √(7.36946957² + 6.66504626²) = 9.93639388,
        // z = 2.44510481, two-sided p = erfc(z/√2) = 0.01448101.
        NpsStats.Difference d = NpsStats.compare(NpsStats.ofCounts(40, 40, 20), NpsStats.ofCounts(30, 54, 36));
        assertThat(d.difference()).isCloseTo(25, offset(1e-12));
        assertThat(d.adjustedDifference()).isCloseTo(24.29552451, offset(1e-8));
        assertThat(d.standardError()).isCloseTo(9.93639388, offset(1e-8));
        assertThat(d.z()).isCloseTo(2.44510481, offset(1e-8));
        assertThat(d.pValue()).isCloseTo(0.01448101, offset(1e-8));
        assertThat(d.lower()).isGreaterThan(0);
        // Two samples of only promoters: finite z, no difference.
        NpsStats.Difference same = NpsStats.compare(NpsStats.ofCounts(5, 0, 0), NpsStats.ofCounts(5, 0, 0));
        assertThat(same.z()).isZero();
        assertThat(same.pValue()).isCloseTo(1, offset(1e-12));
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> NpsStats.of(new int[] {5, 11}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("answer 2 is 11: NPS answers run from 0 to 10");
        assertThatThrownBy(() -> NpsStats.of(new int[] {-1})).hasMessageContaining("answer 1 is -1");
        assertThatThrownBy(() -> NpsStats.of(new int[0])).hasMessage("no answers: the NPS needs at least one");
        assertThatThrownBy(() -> NpsStats.ofCounts(0, 0, 0)).hasMessageContaining("no answers");
        assertThatThrownBy(() -> NpsStats.ofCounts(-1, 2, 0)).hasMessageContaining("negative");
        assertThatThrownBy(() -> NpsStats.ofCounts(1, 1, 1, 1.0)).hasMessageContaining("confidence");
    }
}
