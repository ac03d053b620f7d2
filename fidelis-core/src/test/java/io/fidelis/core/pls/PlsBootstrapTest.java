package io.fidelis.core.pls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import io.fidelis.core.pls.PlsModel.Path;
import org.junit.jupiter.api.Test;

/** Bootstrap intervals: reproducible whatever the parallelism, sensible, and robust to failing resamples. */
class PlsBootstrapTest {
    private static final FittedPlsPm FIT = PlsPm.fit(Mobi.data(), EcsiModel.mobi(), PlsPm.Options.defaults());
    private static final Bootstrap.Options OPTIONS = new Bootstrap.Options(300, 42, 2, 0.95);

    @Test
    void sameSeedGivesIdenticalIntervalsWhateverTheParallelism() {
        Bootstrap.Result twoThreads = Bootstrap.run(FIT, OPTIONS);
        assertThat(Bootstrap.run(FIT, OPTIONS)).isEqualTo(twoThreads);
        assertThat(Bootstrap.run(FIT, OPTIONS.withParallelism(1))).isEqualTo(twoThreads);
        assertThat(Bootstrap.run(FIT, OPTIONS.withParallelism(3))).isEqualTo(twoThreads);
        assertThat(Bootstrap.run(FIT, OPTIONS.withSeed(43)).paths()).isNotEqualTo(twoThreads.paths());
    }

    @Test
    void intervalsCoverTheEstimates() {
        Bootstrap.Result r = Bootstrap.run(FIT, OPTIONS);
        assertThat(r.resamples()).isEqualTo(300);
        assertThat(r.failed()).isZero();
        assertThat(r.failures()).isEmpty();
        assertThat(r.paths()).hasSize(12);
        assertThat(r.outerWeights()).hasSize(24);
        assertThat(r.outerLoadings()).hasSize(24);
        assertThat(r.rSquared()).hasSize(6);
        assertThat(r.totalEffects()).hasSize(21);
        for (String[] p : new String[][] {{"IMAG", "EXPE"}, {"EXPE", "QUAL"}, {"QUAL", "VAL"}, {"QUAL", "SAT"},
                {"VAL", "SAT"}, {"SAT", "COMP"}, {"SAT", "LOY"}, {"IMAG", "LOY"}}) {
            Bootstrap.Interval i = r.paths().get(new Path(p[0], p[1]));
            assertThat(i.estimate()).isEqualTo(FIT.pathCoefficient(p[0], p[1]));
            assertThat(i.contains(i.estimate())).as(p[0] + " → " + p[1]).isTrue();
            assertThat(i.lower()).as("significant " + p[0] + " → " + p[1]).isGreaterThan(0);
            assertThat(i.standardError()).isBetween(0.01, 0.15);
        }
        // EXPE → VAL (0.05) is not significant in the ECSI literature on these data.
        assertThat(r.paths().get(new Path("EXPE", "VAL")).contains(0)).isTrue();
        assertThat(r.rSquared().get("SAT").contains(FIT.rSquared().get("SAT"))).isTrue();
        assertThat(r.totalEffects().get(new Path("QUAL", "LOY")).estimate())
                .isEqualTo(FIT.totalEffect("QUAL", "LOY"));
        Bootstrap.Interval cusl2 = r.outerLoadings().get("CUSL2");
        assertThat(cusl2.lower()).isLessThan(cusl2.estimate()).isLessThan(cusl2.upper());
    }

    @Test
    void quantilesAreRsTypeSeven() {
        double[] sorted = {1, 2, 3, 4, 10};
        // R: quantile(c(1,2,3,4,10), c(0.025, 0.5, 0.975)) = 1.1, 3.0, 9.4
        assertThat(Bootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(3);
        assertThat(Bootstrap.quantile(sorted, 0.975)).isCloseTo(9.4, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void failingResamplesAreCountedNotFatal() {
        // 40 respondents; CUSCO is 5 for all but one, so a resample that misses that one ((39/40)^40 ≈ 36 %) has a
        // zero-variance item.
        double[][] rows = Arrays.copyOf(Mobi.rows(), 40);
        int cusco = Mobi.names().indexOf("CUSCO");
        for (double[] row : rows) {
            row[cusco] = 5;
        }
        rows[7][cusco] = 9;
        FittedPlsPm fit = PlsPm.fit(PlsData.ofRows(Mobi.names(), rows), EcsiModel.mobi(), PlsPm.Options.defaults());
        Bootstrap.Result r = Bootstrap.run(fit, OPTIONS.withResamples(200));
        assertThat(r.resamples()).isEqualTo(200);
        assertThat(r.failed()).isBetween(40, 110);
        assertThat(r.failures()).contains("item CUSCO has zero variance: every answer is 5");
        assertThat(Bootstrap.run(fit, OPTIONS.withResamples(200).withParallelism(1))).isEqualTo(r);
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new Bootstrap.Options(1, 1, 1, 0.95)).hasMessageContaining("resamples ≥ 2");
        assertThatThrownBy(() -> new Bootstrap.Options(100, 1, 1, 1.5)).hasMessageContaining("confidence");
    }
}
