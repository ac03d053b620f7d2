package io.fidelis.core.pls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Zero variance, missing answers, and data that do not fit the model. */
class PlsPmDataTest {
    /** Cells (0-based row, item) blanked in the copies of mobi. */
    private static final Object[][] HOLES = {{2, "CUSA2"}, {16, "IMAG1"}, {99, "PERQ5"}, {99, "CUSL3"},
            {199, "CUEX3"}};

    @Test
    void zeroVarianceItemIsNamedWithItsOnlyAnswer() {
        double[][] rows = Mobi.rows();
        int cusa2 = Mobi.names().indexOf("CUSA2");
        for (double[] row : rows) {
            row[cusa2] = 7;
        }
        PlsData data = PlsData.ofRows(Mobi.names(), rows);
        assertThatThrownBy(() -> PlsPm.fit(data, EcsiModel.mobi(), PlsPm.Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item CUSA2 has zero variance: every answer is 7");
    }

    @Test
    void missingAnswersAreRejectedUntilAHandlingIsChosen() {
        PlsData data = PlsData.ofRows(Mobi.names(), withHoles());
        assertThatThrownBy(() -> PlsPm.fit(data, EcsiModel.mobi(), PlsPm.Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 missing answers (NaN)")
                .hasMessageContaining("row 3, item CUSA2")
                .hasMessageContaining("MEAN_REPLACEMENT or CASEWISE_DELETION");
    }

    @Test
    void missingAnswersOutsideTheModelDoNotMatter() {
        double[][] rows = Mobi.rows();
        rows[5][Mobi.names().indexOf("IMAG2")] = Double.NaN;
        FittedPlsPm f = PlsPm.fit(PlsData.ofRows(Mobi.names(), rows), EcsiModel.acsi(), PlsPm.Options.defaults());
        assertThat(f.respondents()).isEqualTo(250);
    }

    @Test
    void casewiseDeletionEqualsTheFitWithoutThoseRows() {
        PlsPm.Options options = PlsPm.Options.defaults().withMissingValues(PlsPm.MissingValues.CASEWISE_DELETION);
        FittedPlsPm withHoles = PlsPm.fit(PlsData.ofRows(Mobi.names(), withHoles()), EcsiModel.mobi(), options);
        List<double[]> kept = new ArrayList<>();
        double[][] rows = Mobi.rows();
        for (int r = 0; r < rows.length; r++) {
            if (r != 2 && r != 16 && r != 99 && r != 199) {
                kept.add(rows[r]);
            }
        }
        FittedPlsPm without = PlsPm.fit(PlsData.ofRows(Mobi.names(), kept.toArray(double[][]::new)),
                EcsiModel.mobi(), PlsPm.Options.defaults());
        assertThat(withHoles.respondents()).isEqualTo(246);
        assertThat(withHoles.rowsUsed()).hasSize(246).doesNotContain(2, 16, 99, 199);
        assertSameFit(withHoles, without);
    }

    @Test
    void meanReplacementEqualsTheFitOnTheFilledInData() {
        PlsPm.Options options = PlsPm.Options.defaults().withMissingValues(PlsPm.MissingValues.MEAN_REPLACEMENT);
        double[][] holes = withHoles();
        FittedPlsPm replaced = PlsPm.fit(PlsData.ofRows(Mobi.names(), holes), EcsiModel.mobi(), options);
        double[][] filled = withHoles();
        for (Object[] hole : HOLES) {
            int item = Mobi.names().indexOf((String) hole[1]);
            double sum = 0;
            int count = 0;
            for (double[] row : filled) {
                if (!Double.isNaN(row[item])) {
                    sum += row[item];
                    count++;
                }
            }
            filled[(int) hole[0]][item] = sum / count;
        }
        FittedPlsPm reference = PlsPm.fit(PlsData.ofRows(Mobi.names(), filled), EcsiModel.mobi(),
                PlsPm.Options.defaults());
        assertThat(replaced.respondents()).isEqualTo(250);
        assertThat(replaced.imputedValues()).isEqualTo(5);
        assertSameFit(replaced, reference);
    }

    @Test
    void answersOutsideTheIndexScaleAreRejected() {
        FittedPlsPm f = PlsPm.fit(Mobi.data(), EcsiModel.mobi(), PlsPm.Options.defaults());
        assertThatThrownBy(() -> f.index(IndexWeighting.ITEM_METRIC, 1, 5))
                .hasMessageContaining("outside the scale 1.0 to 5.0");
        assertThatThrownBy(() -> f.index(IndexWeighting.ITEM_METRIC, 5, 5)).hasMessageContaining("min < max");
    }

    @Test
    void dataShapeIsChecked() {
        assertThatThrownBy(() -> PlsData.ofRows(List.of("a", "b"), new double[][] {{1, 2}, {1}}))
                .hasMessageContaining("row 2 has 1 values for 2 columns");
        assertThatThrownBy(() -> PlsData.ofRows(List.of("a", "a"), new double[][] {{1, 2}}))
                .hasMessageContaining("column a is given twice");
        assertThatThrownBy(() -> PlsData.ofColumns(List.of("a"), new double[][] {{1, Double.POSITIVE_INFINITY}}))
                .hasMessageContaining("item a, row 2: infinite value");
    }

    private static double[][] withHoles() {
        double[][] rows = Mobi.rows();
        for (Object[] hole : HOLES) {
            rows[(int) hole[0]][Mobi.names().indexOf((String) hole[1])] = Double.NaN;
        }
        return rows;
    }

    private static void assertSameFit(FittedPlsPm a, FittedPlsPm b) {
        assertThat(a.iterations()).isEqualTo(b.iterations());
        assertClose(a.pathCoefficients().values(), b.pathCoefficients().values());
        assertClose(a.outerWeights().values(), b.outerWeights().values());
        assertClose(a.outerLoadings().values(), b.outerLoadings().values());
        assertClose(a.rSquared().values(), b.rSquared().values());
        for (String c : a.model().constructs()) {
            double[] x = a.scores(c);
            double[] y = b.scores(c);
            for (int r = 0; r < x.length; r++) {
                assertThat(x[r]).isCloseTo(y[r], offset(1e-12));
            }
        }
        Map<String, Double> ia = a.index(IndexWeighting.ITEM_METRIC);
        b.index(IndexWeighting.ITEM_METRIC).forEach((c, v) -> assertThat(ia.get(c)).isCloseTo(v, offset(1e-12)));
    }

    private static void assertClose(java.util.Collection<Double> a, java.util.Collection<Double> b) {
        List<Double> x = List.copyOf(a);
        List<Double> y = List.copyOf(b);
        assertThat(x).hasSameSizeAs(y);
        for (int i = 0; i < x.size(); i++) {
            assertThat(x.get(i)).isCloseTo(y.get(i), offset(1e-12));
        }
    }
}
