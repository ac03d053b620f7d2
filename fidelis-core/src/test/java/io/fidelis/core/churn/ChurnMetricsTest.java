package io.fidelis.core.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;

import org.junit.jupiter.api.Test;

/** ROC AUC, average precision, Brier score, lift and the reliability curve on cases small enough to count by hand. */
class ChurnMetricsTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void aucIsTheShareOfPositiveNegativePairsRankedRight() {
        // Scores 0.9(+) 0.8(−) 0.7(+) 0.6(−) 0.5(−): pairs (+,−) = 2 × 3 = 6; the 0.9 beats all 3 negatives, the 0.7
        // beats 2 of them: 5/6.
        boolean[] y = {T, F, T, F, F};
        double[] p = {0.9, 0.8, 0.7, 0.6, 0.5};
        assertThat(ChurnMetrics.rocAuc(y, p)).isCloseTo(5.0 / 6, offset(1e-15));
    }

    @Test
    void tiedScoresCountOneHalfInTheAuc() {
        // + at 0.5, − at 0.5, − at 0.1: the tie counts 1/2, the other pair 1: (1/2 + 1) / 2 = 0.75.
        assertThat(ChurnMetrics.rocAuc(new boolean[] {T, F, F}, new double[] {0.5, 0.5, 0.1}))
                .isCloseTo(0.75, offset(1e-15));
        // Everything tied: 0.5 whatever the order.
        assertThat(ChurnMetrics.rocAuc(new boolean[] {T, F, T, F}, new double[] {0.3, 0.3, 0.3, 0.3}))
                .isEqualTo(0.5);
        assertThat(ChurnMetrics.rocAuc(new boolean[] {T, T}, new double[] {0.3, 0.4})).isNaN();
    }

    @Test
    void averagePrecisionSumsPrecisionAtEachRecallStep() {
        // Ranked + − + − −: recall steps 1/2 at precision 1/1 and 1/2 at precision 2/3: 1/2 + 1/3 = 5/6.
        boolean[] y = {T, F, T, F, F};
        double[] p = {0.9, 0.8, 0.7, 0.6, 0.5};
        assertThat(ChurnMetrics.averagePrecision(y, p)).isCloseTo(0.5 + 1.0 / 3, offset(1e-15));
    }

    @Test
    void tiedScoresEnterTheAveragePrecisionTogether() {
        // 0.8 {+, −} then 0.2 {+, −}: at 0.8 recall 1/2 with precision 1/2; at 0.2 recall 1 with precision 2/4:
        // 1/2 × 1/2 + 1/2 × 1/2 = 0.5 (scikit-learn's average_precision_score gives the same on this input).
        boolean[] y = {T, F, T, F};
        double[] p = {0.8, 0.8, 0.2, 0.2};
        assertThat(ChurnMetrics.averagePrecision(y, p)).isCloseTo(0.5, offset(1e-15));
    }

    @Test
    void brierIsTheMeanSquaredError() {
        // (0.8 − 1)² + (0.3 − 0)² + (0.5 − 1)² = 0.04 + 0.09 + 0.25 = 0.38; / 3.
        assertThat(ChurnMetrics.brier(new boolean[] {T, F, T}, new double[] {0.8, 0.3, 0.5}))
                .isCloseTo(0.38 / 3, offset(1e-15));
    }

    @Test
    void topDecileLiftComparesTheTopTenPercentWithTheBaseRate() {
        // 20 customers, 4 positive (rate 0.2); the top 2 by score are 1 positive and 1 negative: rate 0.5, lift 2.5.
        boolean[] y = new boolean[20];
        double[] p = new double[20];
        for (int i = 0; i < 20; i++) {
            p[i] = 1 - i / 20.0;
        }
        y[0] = true;
        y[5] = true;
        y[6] = true;
        y[7] = true;
        assertThat(ChurnMetrics.lift(y, p, 0.1)).isCloseTo(2.5, offset(1e-12));
    }

    @Test
    void aTieAcrossTheCutCountsWithTheShareThatFits() {
        // 10 customers, top decile = 1 customer; the top score is shared by 2 (one positive): half a positive in one
        // customer's room: rate 0.5; base rate 2/10: lift 2.5.
        boolean[] y = {T, F, T, F, F, F, F, F, F, F};
        double[] p = {0.9, 0.9, 0.5, 0.4, 0.3, 0.3, 0.2, 0.2, 0.1, 0.1};
        assertThat(ChurnMetrics.lift(y, p, 0.1)).isCloseTo(2.5, offset(1e-12));
    }

    @Test
    void theReliabilityCurveHasTenEqualBins() {
        boolean[] y = {F, T, T, F, T};
        double[] p = {0.05, 0.08, 0.95, 1.0, 0.55};
        List<ChurnMetrics.CalibrationBin> bins = ChurnMetrics.calibration(y, p, 10);
        assertThat(bins).hasSize(10);
        assertThat(bins.get(0).count()).isEqualTo(2);
        assertThat(bins.get(0).meanPredicted()).isCloseTo(0.065, offset(1e-15));
        assertThat(bins.get(0).observedRate()).isEqualTo(0.5);
        assertThat(bins.get(5).count()).isEqualTo(1);
        assertThat(bins.get(9).count()).isEqualTo(2); // 1.0 falls in the last bin
        assertThat(bins.get(9).observedRate()).isEqualTo(0.5);
        assertThat(bins.get(3).count()).isZero();
        assertThat(bins.get(3).observedRate()).isNaN();
    }

    @Test
    void mismatchedInputIsRefused() {
        assertThatThrownBy(() -> ChurnMetrics.rocAuc(new boolean[] {T}, new double[] {0.1, 0.2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChurnMetrics.brier(new boolean[] {T}, new double[] {Double.NaN}))
                .hasMessageContaining("NaN");
    }
}
