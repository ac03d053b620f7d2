package io.fidelis.core.pls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Quality measures, the goodness of fit and the importance-performance map on mobi, each recomputed here from its
 * definition. (The plspm reference files hold no reliability measures; plspm's DG.rho uses principal-component
 * loadings, not the PLS loadings SmartPLS and seminr use, see {@link ConstructQuality}.)
 */
class PlsQualityTest {
    private static final PlsData DATA = Mobi.data();
    private static final FittedPlsPm FIT = PlsPm.fit(DATA, EcsiModel.mobi(), PlsPm.Options.defaults());

    @Test
    void cronbachsAlphaFromTheItemCovariances() {
        // Unscaled: alpha from the raw answers, k/(k − 1) · (1 − Σ var(xᵢ) / var(Σ xᵢ)), sample variances.
        FittedPlsPm unscaled = PlsPm.fit(DATA, EcsiModel.mobi(), PlsPm.Options.defaults().withScaled(false));
        // Scaled: the same on the standardised items (standardised alpha, k r̄ / (1 + (k − 1) r̄)).
        for (String c : EcsiModel.mobi().constructs()) {
            List<String> items = EcsiModel.mobi().items(c);
            int k = items.size();
            if (k == 1) {
                assertThat(FIT.quality().get(c).cronbachAlpha()).isEqualTo(1);
                continue;
            }
            double sumOfVariances = 0;
            double[] total = new double[DATA.rows()];
            double meanCorrelation = 0;
            for (String item : items) {
                double[] x = DATA.column(item);
                sumOfVariances += variance(x);
                for (int r = 0; r < x.length; r++) {
                    total[r] += x[r];
                }
                for (String other : items) {
                    if (!other.equals(item)) {
                        meanCorrelation += correlation(x, DATA.column(other)) / (k * (k - 1.0));
                    }
                }
            }
            double raw = k / (k - 1.0) * (1 - sumOfVariances / variance(total));
            double standardised = k * meanCorrelation / (1 + (k - 1) * meanCorrelation);
            assertThat(unscaled.quality().get(c).cronbachAlpha()).as("raw alpha " + c).isCloseTo(raw, offset(1e-12));
            assertThat(FIT.quality().get(c).cronbachAlpha()).as("standardised alpha " + c)
                    .isCloseTo(standardised, offset(1e-12));
        }
        // CUSL2 (price tolerance) loads weakly: loyalty is the least reliable multi-item block.
        assertThat(FIT.quality().get("LOY").cronbachAlpha()).isLessThan(FIT.quality().get("SAT").cronbachAlpha());
    }

    @Test
    void compositeReliabilityAndAveFromTheLoadings() {
        for (String c : EcsiModel.mobi().constructs()) {
            double sum = 0;
            double sumSq = 0;
            for (String item : EcsiModel.mobi().items(c)) {
                double l = FIT.outerLoadings().get(item);
                sum += l;
                sumSq += l * l;
            }
            int k = EcsiModel.mobi().items(c).size();
            ConstructQuality q = FIT.quality().get(c);
            assertThat(q.items()).isEqualTo(k);
            assertThat(q.compositeReliability()).as("rho_C " + c)
                    .isCloseTo(sum * sum / (sum * sum + (k - sumSq)), offset(1e-14));
            assertThat(q.averageVarianceExtracted()).as("AVE " + c).isCloseTo(sumSq / k, offset(1e-14));
        }
        assertThat(FIT.quality().get("COMP").compositeReliability()).isCloseTo(1, offset(1e-14));
    }

    @Test
    void htmtFromTheItemCorrelations() {
        // Henseler et al. 2015: mean heterotrait correlation / √(mean monotrait SAT × mean monotrait LOY).
        List<String> sat = EcsiModel.mobi().items("SAT");
        List<String> loy = EcsiModel.mobi().items("LOY");
        double hetero = 0;
        for (String a : sat) {
            for (String b : loy) {
                hetero += correlation(DATA.column(a), DATA.column(b)) / 9;
            }
        }
        double expected = hetero / Math.sqrt(monotrait(sat) * monotrait(loy));
        assertThat(FIT.htmt("SAT", "LOY")).isCloseTo(expected, offset(1e-12));
        assertThat(FIT.htmt("LOY", "SAT")).isCloseTo(expected, offset(1e-12));
        assertThat(FIT.htmt().get("SAT").get("LOY")).isCloseTo(expected, offset(1e-12));
        // A single-item block's monotrait correlation counts as 1.
        double comp = 0;
        for (String a : sat) {
            comp += correlation(DATA.column(a), DATA.column("CUSCO")) / 3;
        }
        assertThat(FIT.htmt("SAT", "COMP")).isCloseTo(comp / Math.sqrt(monotrait(sat)), offset(1e-12));
    }

    @Test
    void goodnessOfFitAsPlspm() {
        // √(mean communality over items of multi-item blocks (all but CUSCO) × mean R² of the 6 endogenous).
        double communality = 0;
        for (var e : FIT.outerLoadings().entrySet()) {
            if (!e.getKey().equals("CUSCO")) {
                communality += e.getValue() * e.getValue() / 23;
            }
        }
        double r2 = FIT.rSquared().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(FIT.goodnessOfFit()).isCloseTo(Math.sqrt(communality * r2), offset(1e-14));
    }

    @Test
    void ipmaImportanceIsTheUnstandardisedEffectOnTheRescaledScores() {
        Ipma ipma = FIT.ipma("LOY");
        assertThat(ipma.constructs()).extracting(Ipma.ConstructPoint::construct)
                .containsExactly("IMAG", "EXPE", "QUAL", "VAL", "SAT", "COMP");
        assertThat(ipma.targetPerformance()).isCloseTo(FIT.index(IndexWeighting.ITEM_METRIC).get("LOY"),
                offset(1e-12));
        // COMP acts on LOY directly only: its importance is its coefficient in the OLS of the 0–100 LOY score on
        // the 0–100 scores of LOY's predecessors (IMAG, SAT, COMP), with an intercept.
        double[] loy = FIT.respondentIndex("LOY", IndexWeighting.ITEM_METRIC, 1, 10);
        List<String> predecessors = List.of("IMAG", "SAT", "COMP");
        double[][] x = new double[loy.length][4];
        for (int j = 0; j < 3; j++) {
            double[] s = FIT.respondentIndex(predecessors.get(j), IndexWeighting.ITEM_METRIC, 1, 10);
            for (int r = 0; r < loy.length; r++) {
                x[r][0] = 1;
                x[r][j + 1] = s[r];
            }
        }
        RealMatrix design = MatrixUtils.createRealMatrix(x);
        double[] beta = new QRDecomposition(design).getSolver().solve(MatrixUtils.createRealVector(loy)).toArray();
        Map<String, Ipma.ConstructPoint> points = new java.util.HashMap<>();
        ipma.constructs().forEach(p -> points.put(p.construct(), p));
        assertThat(points.get("COMP").importance()).isCloseTo(beta[3], offset(1e-10));
        assertThat(points.get("COMP").totalEffect()).isCloseTo(FIT.pathCoefficient("COMP", "LOY"), offset(1e-14));
        assertThat(points.get("SAT").performance()).isCloseTo(FIT.index(IndexWeighting.ITEM_METRIC).get("SAT"),
                offset(1e-12));
        // SAT's total effect also runs through COMP: importance = total × sd(LOY 0–100) / sd(SAT 0–100).
        double[] satScore = FIT.respondentIndex("SAT", IndexWeighting.ITEM_METRIC, 1, 10);
        assertThat(points.get("SAT").importance())
                .isCloseTo(FIT.totalEffect("SAT", "LOY") * sd(loy) / sd(satScore), offset(1e-10));
        // Items: importances add up to their construct's; performance is the item mean on 0–100.
        for (Ipma.ConstructPoint p : ipma.constructs()) {
            double sum = ipma.items().stream().filter(i -> i.construct().equals(p.construct()))
                    .mapToDouble(Ipma.ItemPoint::importance).sum();
            assertThat(sum).isCloseTo(p.importance(), offset(1e-12));
        }
        Ipma.ItemPoint cusa1 = ipma.items().stream().filter(i -> i.item().equals("CUSA1")).findFirst().orElseThrow();
        assertThat(cusa1.performance()).isCloseTo((mean(DATA.column("CUSA1")) - 1) / 9 * 100, offset(1e-12));
        assertThat(ipma.items()).noneMatch(i -> i.construct().equals("LOY"));
    }

    private double monotrait(List<String> items) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                sum += correlation(DATA.column(items.get(i)), DATA.column(items.get(j)));
                pairs++;
            }
        }
        return sum / pairs;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance (divisor n − 1). */
    private static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    private static double sd(double[] x) {
        return Math.sqrt(variance(x));
    }

    private static double correlation(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int r = 0; r < x.length; r++) {
            sxy += (x[r] - mx) * (y[r] - my);
            sxx += (x[r] - mx) * (x[r] - mx);
            syy += (y[r] - my) * (y[r] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
