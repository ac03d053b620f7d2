package io.fidelis.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Concentration measures, checked against values worked out by hand from their definitions. */
class ParetoTest {
    @Test
    void giniFromTheMeanDifferenceDefinition() {
        // Σ|x_i − x_j| / (2 n² μ) for 1..5: 40 / (2 · 25 · 3) = 0.2667.
        assertThat(Pareto.of(new double[] {3, 1, 5, 2, 4}).gini()).isCloseTo(40.0 / 150, offset(1e-12));
        assertThat(Pareto.of(new double[] {7, 7, 7, 7}).gini()).isCloseTo(0, offset(1e-12));
        // One customer brings everything: (n − 1) / n.
        assertThat(Pareto.of(new double[] {0, 0, 0, 10}).gini()).isCloseTo(0.75, offset(1e-12));
    }

    @Test
    void topShareAndCurves() {
        Pareto p = Pareto.of(new double[] {0, 1, 2, 3, 4, 5, 5, 10, 20, 50});
        assertThat(p.total()).isEqualTo(100);
        assertThat(p.topShare(0.2)).isCloseTo(0.70, offset(1e-12)); // 50 + 20
        assertThat(p.topShare(0.25)).isCloseTo(0.75, offset(1e-12)); // 50 + 20 + half of 10
        assertThat(p.topShare(0)).isZero();
        assertThat(p.topShare(1)).isCloseTo(1, offset(1e-12));
        double[] curve = p.curve(10);
        assertThat(curve[2]).isCloseTo(0.70, offset(1e-12));
        double[] lorenz = p.lorenz(10);
        assertThat(lorenz[0]).isCloseTo(0, offset(1e-12));
        assertThat(lorenz[10]).isCloseTo(1, offset(1e-12));
        assertThat(lorenz[8]).isCloseTo(0.30, offset(1e-12)); // the bottom 80 % bring what the top 20 % do not
    }

    @Test
    void lossMakingCustomersPushTheTopShareAboveOne() {
        Pareto p = Pareto.of(new double[] {100, 10, -20, -10, 0});
        assertThat(p.total()).isEqualTo(80);
        assertThat(p.topShare(0.2)).isCloseTo(1.25, offset(1e-12));
    }
}
