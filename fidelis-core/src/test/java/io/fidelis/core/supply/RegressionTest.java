package io.fidelis.core.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RegressionTest {
    /**
     * NIST Statistical Reference Datasets, linear regression, "Longley" (higher difficulty; Longley 1967,
     * https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml): y, x1..x6, 16 rows, and the certified estimates
     * and standard deviations (15 significant digits), residual SD 304.854073561965.
     */
    private static final double[][] LONGLEY = {
        {60323, 83.0, 234289, 2356, 1590, 107608, 1947},
        {61122, 88.5, 259426, 2325, 1456, 108632, 1948},
        {60171, 88.2, 258054, 3682, 1616, 109773, 1949},
        {61187, 89.5, 284599, 3351, 1650, 110929, 1950},
        {63221, 96.2, 328975, 2099, 3099, 112075, 1951},
        {63639, 98.1, 346999, 1932, 3594, 113270, 1952},
        {64989, 99.0, 365385, 1870, 3547, 115094, 1953},
        {63761, 100.0, 363112, 3578, 3350, 116219, 1954},
        {66019, 101.2, 397469, 2904, 3048, 117388, 1955},
        {67857, 104.6, 419180, 2822, 2857, 118734, 1956},
        {68169, 108.4, 442769, 2936, 2798, 120445, 1957},
        {66513, 110.8, 444546, 4681, 2637, 121950, 1958},
        {68655, 112.6, 482704, 3813, 2552, 123366, 1959},
        {69564, 114.2, 502601, 3931, 2514, 125368, 1960},
        {69331, 115.7, 518173, 4806, 2572, 127852, 1961},
        {70551, 116.9, 554894, 4007, 2827, 130081, 1962}};
    private static final double[][] LONGLEY_CERTIFIED = {
        {-3482258.63459582, 890420.383607373},
        {15.0618722713733, 84.9149257747669},
        {-0.358191792925910E-01, 0.334910077722432E-01},
        {-2.02022980381683, 0.488399681651699},
        {-1.03322686717359, 0.214274163161675},
        {-0.511041056535807E-01, 0.226073200069370},
        {1829.15146461355, 455.478499142212}};

    @Test
    void leastSquaresMatchesTheNistCertifiedLongleyValues() {
        double[][] x = new double[6][16];
        double[] y = new double[16];
        for (int i = 0; i < 16; i++) {
            y[i] = LONGLEY[i][0];
            for (int j = 0; j < 6; j++) {
                x[j][i] = LONGLEY[i][j + 1];
            }
        }
        Regression.Fit fit = Regression.ols(x, new String[] {"x1", "x2", "x3", "x4", "x5", "x6"}, y, null);
        for (int j = 0; j < 7; j++) {
            Regression.Term t = fit.terms().get(j);
            // Relative agreement to 1e-8 (Longley's condition number is about 1e8 in double precision).
            assertThat(t.estimate()).as(t.name()).isCloseTo(LONGLEY_CERTIFIED[j][0],
                    within(Math.abs(LONGLEY_CERTIFIED[j][0]) * 1e-8));
            assertThat(t.standardError()).as(t.name()).isCloseTo(LONGLEY_CERTIFIED[j][1],
                    within(LONGLEY_CERTIFIED[j][1] * 1e-8));
            // R's confint.lm: estimate ± qt(0.975, 9) SE, qt(0.975, 9) = 2.262157 (R 4.x).
            assertThat((t.upper() - t.estimate()) / t.standardError()).isCloseTo(2.262157, offset(1e-6));
        }
        assertThat(fit.residualSd()).isCloseTo(304.854073561965, within(304.854073561965 * 1e-9));
    }

    /**
     * UCLA IDRE, "Logit Regression | R Data Analysis Examples" (https://stats.oarc.ucla.edu/r/dae/logit-regression/),
     * the data copied in src/test/resources/churn/ucla (see its README), and the page's R output of
     * {@code summary(glm(admit ~ gre + gpa + rank, family = "binomial"))}, rank a factor; residual deviance 458.52.
     */
    @Test
    void logisticRegressionMatchesRGlmOnTheUclaAdmissionsExample() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/churn/ucla/binary.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
        int n = lines.size();
        double[][] x = new double[5][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i).split(",");
            y[i] = Double.parseDouble(f[0]);
            x[0][i] = Double.parseDouble(f[1]);
            x[1][i] = Double.parseDouble(f[2]);
            int rank = Integer.parseInt(f[3].strip());
            for (int r = 2; r <= 4; r++) {
                x[r][i] = rank == r ? 1 : 0;
            }
        }
        Regression.Fit fit = Regression.logit(x, new String[] {"gre", "gpa", "rank2", "rank3", "rank4"}, y, null);
        double[][] r = {{-3.989979, 1.139951}, {0.002264, 0.001094}, {0.804038, 0.331819}, {-0.675443, 0.316490},
            {-1.340204, 0.345306}, {-1.551464, 0.417832}};
        assertThat(fit.converged()).isTrue();
        for (int j = 0; j < r.length; j++) {
            Regression.Term t = fit.terms().get(j);
            assertThat(t.estimate()).as(t.name()).isCloseTo(r[j][0], offset(1e-6));
            assertThat(t.standardError()).as(t.name()).isCloseTo(r[j][1], offset(1e-6));
            // confint.default: estimate ± 1.959964 SE.
            assertThat(t.upper() - t.estimate()).isCloseTo(1.959963984540054 * t.standardError(), offset(1e-12));
        }
        assertThat(fit.deviance()).isCloseTo(458.52, offset(0.005));
    }

    /**
     * A known effect planted in generated clustered data (200 customers with 10 rows each and a customer effect):
     * the cluster-robust 95% interval holds the planted value in about 95% of 200 replications (binomial: at least
     * 180 of 200 is well within), for OLS and the logit.
     */
    @Test
    void plantedEffectsAreCoveredByTheirClusterRobustIntervals() {
        int coveredLinear = 0;
        int coveredLogit = 0;
        int replications = 200;
        SplittableRandom random = new SplittableRandom(20260630L);
        for (int rep = 0; rep < replications; rep++) {
            int customers = 200;
            int each = 10;
            int n = customers * each;
            double[][] x = new double[2][n];
            double[] y = new double[n];
            double[] z = new double[n];
            Object[] cluster = new Object[n];
            for (int c = 0; c < customers; c++) {
                double u = gaussian(random) * 0.7;
                double covariate = random.nextDouble();
                for (int k = 0; k < each; k++) {
                    int i = c * each + k;
                    x[0][i] = random.nextDouble() < 0.15 ? 1 : 0;
                    x[1][i] = covariate;
                    y[i] = 4.0 - 0.5 * x[0][i] + 0.8 * covariate + u + gaussian(random);
                    double eta = -2.0 + 1.0 * x[0][i] + 0.5 * covariate + u;
                    z[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                    cluster[i] = c;
                }
            }
            Regression.Term linear = Regression.ols(x, new String[] {"late", "c"}, y, cluster).term("late");
            Regression.Term logit = Regression.logit(x, new String[] {"late", "c"}, z, cluster).term("late");
            coveredLinear += linear.lower() <= -0.5 && -0.5 <= linear.upper() ? 1 : 0;
            // The random customer effect attenuates the marginal logit coefficient slightly (about 0.93 here).
            coveredLogit += logit.lower() <= 0.93 && 0.93 <= logit.upper() ? 1 : 0;
        }
        assertThat(coveredLinear).isBetween(180, 200);
        assertThat(coveredLogit).isBetween(178, 200);
    }

    @Test
    void withoutClustersTheRobustIntervalIsTheModelOne() {
        double[][] x = {{0, 1, 2, 3, 4, 5}};
        double[] y = {1.1, 2.9, 5.2, 6.8, 9.1, 11.0};
        Regression.Fit fit = Regression.ols(x, new String[] {"x"}, y, null);
        // Closed form for a straight line: slope = Sxy / Sxx = 34.85 / 17.5, intercept = ȳ − slope x̄.
        assertThat(fit.term("x").estimate()).isCloseTo(34.85 / 17.5, offset(1e-12));
        assertThat(fit.term("(Intercept)").estimate()).isCloseTo(36.1 / 6 - 34.85 / 17.5 * 2.5, offset(1e-12));
        assertThat(fit.term("x").standardError()).isEqualTo(fit.term("x").modelStandardError());
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
