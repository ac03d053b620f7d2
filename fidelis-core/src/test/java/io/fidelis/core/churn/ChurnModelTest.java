package io.fidelis.core.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The churn model's fit against published and closed-form answers, the elastic net's optimality conditions, the
 * pipeline's handling of unseen categories and missing numbers, and the saved form.
 */
class ChurnModelTest {

    static ChurnData ucla() throws IOException {
        try (InputStream in = ChurnModelTest.class.getResourceAsStream("/churn/ucla/binary.csv")) {
            return ChurnData.read(in, "binary.csv");
        }
    }

    static Map<String, FittedChurnModel.Coefficient> byTerm(FittedChurnModel m) {
        return m.coefficients().stream().collect(Collectors.toMap(FittedChurnModel.Coefficient::term,
                Function.identity()));
    }

    /**
     * UCLA IDRE, "Logit Regression | R Data Analysis Examples" (https://stats.oarc.ucla.edu/r/dae/logit-regression/),
     * data https://stats.idre.ucla.edu/stat/data/binary.csv (400 rows; copy and checks in
     * src/test/resources/churn/ucla/README.md). The page's R output of
     * {@code summary(glm(admit ~ gre + gpa + rank, family = "binomial"))} with {@code rank} a factor:
     * <pre>
     *              Estimate Std. Error
     * (Intercept) -3.989979   1.139951
     * gre          0.002264   0.001094
     * gpa          0.804038   0.331819
     * rank2       -0.675443   0.316490
     * rank3       -1.340204   0.345306
     * rank4       -1.551464   0.417832
     *     Null deviance: 499.98  on 399  degrees of freedom
     * Residual deviance: 458.52  on 394  degrees of freedom
     * </pre>
     * R prints 6 decimals, so the tolerance is half a unit in the last place plus rounding noise: 1e-6.
     */
    @Test
    void unpenalisedFitMatchesRGlmOnTheUclaAdmissionsExample() throws IOException {
        FittedChurnModel m = ChurnModel.fit(ucla(), ChurnModel.Options.defaults("admit")
                .withCategorical(Set.of("rank")).fixed(0, 0));
        Map<String, FittedChurnModel.Coefficient> c = byTerm(m);
        Object[][] r = {
            {"(Intercept)", -3.989979, 1.139951},
            {"gre", 0.002264, 0.001094},
            {"gpa", 0.804038, 0.331819},
            {"rank=2", -0.675443, 0.316490},
            {"rank=3", -1.340204, 0.345306},
            {"rank=4", -1.551464, 0.417832},
        };
        assertThat(c).hasSize(r.length);
        for (Object[] row : r) {
            FittedChurnModel.Coefficient k = c.get((String) row[0]);
            assertThat(k.estimate()).as((String) row[0]).isCloseTo((Double) row[1], offset(1e-6));
            assertThat(k.interval().estimate()).as((String) row[0]).isCloseTo((Double) row[1], offset(1e-6));
            assertThat(k.interval().standardError()).as((String) row[0]).isCloseTo((Double) row[2], offset(1e-6));
            // Wald: estimate ± 1.959964 SE, as R's confint.default.
            assertThat(k.interval().upper() - k.interval().estimate())
                    .isCloseTo(1.959963984540054 * k.interval().standardError(), offset(1e-12));
        }
        assertThat(m.refitDeviance()).isCloseTo(458.52, offset(0.005));
        assertThat(m.rows()).isEqualTo(400);
        assertThat(m.positives()).isEqualTo(127);
    }

    /**
     * One binary predictor: the maximum likelihood estimate is the log odds ratio of the 2×2 table and its standard
     * error √(1/a + 1/b + 1/c + 1/d) (Agresti, Categorical Data Analysis, 3rd ed., §3.1 and §5.3 — closed form).
     */
    @Test
    void aSingleBinaryPredictorGivesTheLogOddsRatioOfItsTable() {
        // premium: 30 churned, 70 stayed; basic (the reference, first in order): 60 churned, 40 stayed.
        List<String[]> rows = new ArrayList<>();
        add(rows, "premium", "Yes", 30);
        add(rows, "premium", "No", 70);
        add(rows, "basic", "Yes", 60);
        add(rows, "basic", "No", 40);
        FittedChurnModel m = ChurnModel.fit(ChurnData.of(List.of("plan", "churn"), rows),
                ChurnModel.Options.defaults("churn").fixed(0, 0));
        Map<String, FittedChurnModel.Coefficient> c = byTerm(m);
        assertThat(c.get("plan=premium").estimate()).isCloseTo(Math.log((30.0 / 70) / (60.0 / 40)), offset(1e-10));
        assertThat(c.get("(Intercept)").estimate()).isCloseTo(Math.log(60.0 / 40), offset(1e-10));
        assertThat(c.get("plan=premium").interval().standardError())
                .isCloseTo(Math.sqrt(1.0 / 30 + 1.0 / 70 + 1.0 / 60 + 1.0 / 40), offset(1e-9));
    }

    private static void add(List<String[]> rows, String plan, String churn, int times) {
        for (int i = 0; i < times; i++) {
            rows.add(new String[] {plan, churn});
        }
    }

    @Test
    void aLargeEnoughPenaltyZeroesEveryCoefficient() throws IOException {
        ChurnData data = ucla();
        for (double alpha : new double[] {1.0, 0.5}) {
            FittedChurnModel m = ChurnModel.fit(data, ChurnModel.Options.defaults("admit")
                    .withCategorical(Set.of("rank")).fixed(alpha, 10));
            for (FittedChurnModel.Coefficient k : m.coefficients().subList(1, m.coefficients().size())) {
                assertThat(k.estimate()).as(k.term()).isZero();
                assertThat(k.note()).contains("not selected");
            }
            // The intercept alone: the log odds of the admission rate, 127 of 400.
            assertThat(m.intercept()).isCloseTo(Math.log(127.0 / 273), offset(1e-9));
        }
    }

    /**
     * The elastic net's Karush-Kuhn-Tucker conditions at the solution, on the standardised columns:
     * gⱼ = (1/n) Σ xᵢⱼ (yᵢ − pᵢ) equals λ(1 − α)βⱼ + λα sign(βⱼ) where βⱼ ≠ 0, and |gⱼ| ≤ λα where βⱼ = 0; the
     * residuals sum to 0 (intercept). Checked on generated data with correlated columns, for lasso, elastic net
     * and ridge along a λ path.
     */
    @Test
    void coordinateDescentSatisfiesTheOptimalityConditions() {
        Random random = new Random(7);
        int n = 300;
        int p = 8;
        double[][] x = new double[p][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double common = random.nextGaussian();
            double eta = -0.5;
            for (int j = 0; j < p; j++) {
                x[j][i] = random.nextGaussian() + (j < 4 ? common : 0);
                eta += (j % 3 == 0 ? 0.8 : 0) * x[j][i];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        standardise(x);
        for (double alpha : new double[] {1.0, 0.5, 0.0}) {
            double[] lambdas = ElasticNet.sequence(ElasticNet.lambdaMax(x, y, alpha), 0.01, 12);
            ElasticNet.Path path = ElasticNet.path(x, y, alpha, lambdas, 1e-14, 1_000_000);
            assertThat(path.converged()).isTrue();
            int zeros = 0;
            for (int k = 0; k < lambdas.length; k++) {
                double lambda = lambdas[k];
                double[] beta = path.betas()[k];
                double[] residual = new double[n];
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double eta = path.intercepts()[k];
                    for (int j = 0; j < p; j++) {
                        eta += beta[j] * x[j][i];
                    }
                    residual[i] = y[i] - 1 / (1 + Math.exp(-eta));
                    sum += residual[i];
                }
                assertThat(sum / n).isCloseTo(0, offset(1e-6));
                for (int j = 0; j < p; j++) {
                    double g = 0;
                    for (int i = 0; i < n; i++) {
                        g += x[j][i] * residual[i];
                    }
                    g /= n;
                    if (beta[j] != 0) {
                        assertThat(g).as("alpha %s, lambda %s, column %d", alpha, lambda, j).isCloseTo(
                                lambda * (1 - alpha) * beta[j] + lambda * alpha * Math.signum(beta[j]), offset(1e-6));
                    } else {
                        zeros++;
                        assertThat(Math.abs(g)).isLessThanOrEqualTo(lambda * alpha + 1e-6);
                    }
                }
            }
            if (alpha > 0) {
                assertThat(zeros).as("the L1 penalty sets some coefficients to 0").isPositive();
            }
        }
    }

    /** With a vanishing ridge penalty, coordinate descent reaches the maximum likelihood fit of IRLS (and R). */
    @Test
    void coordinateDescentWithATinyPenaltyAgreesWithIrls() throws IOException {
        ChurnData data = ucla();
        ChurnModel.Options options = ChurnModel.Options.defaults("admit").withCategorical(Set.of("rank"))
                .withTolerance(1e-16);
        Map<String, FittedChurnModel.Coefficient> cd = byTerm(ChurnModel.fit(data, options.fixed(0, 1e-9)));
        Map<String, FittedChurnModel.Coefficient> ml = byTerm(ChurnModel.fit(data, options.fixed(0, 0)));
        for (String term : ml.keySet()) {
            assertThat(cd.get(term).estimate()).as(term).isCloseTo(ml.get(term).estimate(),
                    offset(1e-5 * Math.max(1, Math.abs(ml.get(term).estimate()))));
        }
    }

    @Test
    void anUnseenCategoryAtScoringTimeContributesNothing() {
        List<String[]> rows = new ArrayList<>();
        Random random = new Random(3);
        String[] plans = {"basic", "plus", "premium"};
        for (int i = 0; i < 300; i++) {
            String plan = plans[i % 3];
            double tenure = random.nextInt(60);
            double eta = (plan.equals("basic") ? 1 : -0.5) - 0.04 * tenure;
            rows.add(new String[] {"c" + i, plan, Double.toString(tenure),
                random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? "Yes" : "No"});
        }
        FittedChurnModel m = ChurnModel.fit(ChurnData.of(List.of("id", "plan", "tenure", "Churn"), rows),
                ChurnModel.Options.defaults("Churn").withId("id"));
        ChurnData score = ChurnData.of(List.of("id", "plan", "tenure"), List.of(
                new String[] {"x1", "enterprise", "10"},
                new String[] {"x2", "", "10"},
                new String[] {"x3", "basic", ""}));
        List<FittedChurnModel.Explanation> e = m.explain(score);
        FittedChurnModel.Factor plan = factor(e.get(0), "plan");
        assertThat(plan.contribution()).isZero();
        assertThat(plan.phrase()).isEqualTo("plan = enterprise was not seen in training and has no effect");
        assertThat(factor(e.get(1), "plan").contribution()).isZero();
        assertThat(e.get(0).probability()).isEqualTo(e.get(1).probability());
        // The probability is the average customer's with only tenure's contribution.
        double logit = e.get(0).averageLogOdds() + factor(e.get(0), "tenure").contribution();
        assertThat(e.get(0).probability()).isCloseTo(1 / (1 + Math.exp(-logit)), offset(1e-15));
        assertThat(m.probabilities(score)[0]).isCloseTo(e.get(0).probability(), offset(1e-15));
        // A missing number is the training median, and says so.
        assertThat(factor(e.get(2), "tenure").phrase()).startsWith("tenure is missing (taken as the median ");
        assertThat(factor(e.get(2), "plan").phrase()).isEqualTo("plan = basic raises churn risk");
        assertThat(e.get(2).top(3)).isNotEmpty();
    }

    private static FittedChurnModel.Factor factor(FittedChurnModel.Explanation e, String feature) {
        return e.factors().stream().filter(f -> f.feature().equals(feature)).findFirst().orElseThrow();
    }

    @Test
    void contributionsAddUpToTheLogOdds() throws IOException {
        ChurnData data = ucla();
        FittedChurnModel m = ChurnModel.fit(data, ChurnModel.Options.defaults("admit")
                .withCategorical(Set.of("rank")));
        double[] p = m.probabilities(data);
        List<FittedChurnModel.Explanation> e = m.explain(data);
        for (int i = 0; i < data.rows(); i++) {
            double logit = e.get(i).averageLogOdds();
            for (FittedChurnModel.Factor f : e.get(i).factors()) {
                logit += f.contribution();
            }
            assertThat(1 / (1 + Math.exp(-logit))).isCloseTo(p[i], offset(1e-12));
        }
        assertThat(m.tuning()).isNotNull();
        assertThat(m.tuning().folds()).isEqualTo(5);
    }

    @Test
    void theSavedModelReadsBackToTheSameScores() throws IOException {
        ChurnData data = ucla();
        FittedChurnModel m = ChurnModel.fit(data, ChurnModel.Options.defaults("admit")
                .withCategorical(Set.of("rank")));
        String json = m.toJson();
        FittedChurnModel back = FittedChurnModel.fromJson(json);
        assertThat(back.probabilities(data)).containsExactly(m.probabilities(data));
        assertThat(back.coefficients()).isEqualTo(m.coefficients());
        assertThat(back.toJson()).isEqualTo(json);
        assertThat(back.tuning()).isEqualTo(m.tuning());
    }

    @Test
    void aBrokenModelFileIsRefusedWithItsPlace() throws IOException {
        String json = ChurnModel.fit(ucla(), ChurnModel.Options.defaults("admit").fixed(0, 0)).toJson();
        assertThatThrownBy(() -> FittedChurnModel.fromJson(json.substring(0, json.length() / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("model JSON, line ");
        assertThatThrownBy(() -> FittedChurnModel.fromJson(json.replace("\"alpha\"", "\"alfa\"")))
                .hasMessage("model JSON, model: unknown key \"alfa\"");
        assertThatThrownBy(() -> FittedChurnModel.fromJson(json.replace("\"kind\": \"numeric\"", "\"kind\": 3")))
                .hasMessage("model JSON, model.features[0].kind: expected a string");
        assertThatThrownBy(() -> FittedChurnModel.fromJson("{\"format\": \"x\", \"format\": \"y\"}"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> FittedChurnModel.fromJson("[".repeat(1000)))
                .hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> FittedChurnModel.fromJson(json + "x")).hasMessageContaining("after the model");
    }

    @Test
    void badDataIsRefusedWithTheFileLineAndField() {
        List<String> names = List.of("id", "tenure", "Churn");
        assertThatThrownBy(() -> ChurnModel.fit(ChurnData.of(names, List.<String[]>of(new String[] {"a", "1", "Yes"})),
                ChurnModel.Options.defaults("churned")))
                .isInstanceOf(ChurnDataException.class).hasMessageStartingWith("data: no column churned (the target)");
        assertThatThrownBy(() -> ChurnModel.fit(ChurnData.of(names, List.of(new String[] {"a", "1", "Yes"},
                new String[] {"b", "2", ""})), ChurnModel.Options.defaults("Churn")))
                .hasMessage("data:3: field 'Churn': the target is blank");
        assertThatThrownBy(() -> ChurnModel.fit(ChurnData.of(names, List.of(new String[] {"a", "1", "Yes"},
                new String[] {"b", "2", "No"}, new String[] {"c", "2", "Maybe"})), ChurnModel.Options.defaults("Churn")))
                .hasMessage("data:4: field 'Churn': a third value 'Maybe' (the target has two values, Yes and No)");
        assertThatThrownBy(() -> ChurnModel.fit(ChurnData.of(names, List.of(new String[] {"a", "1", "Yes"},
                new String[] {"b", "2", "No"})), ChurnModel.Options.defaults("Churn").withId("id")))
                .hasMessageContaining("5-fold cross-validation needs at least 5 customers of each outcome");
        assertThatThrownBy(() -> ChurnData.read(new java.io.ByteArrayInputStream(
                "a,b\n1,2\n3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "f.csv"))
                .hasMessage("f.csv:3: 1 fields, the header has 2");
        assertThatThrownBy(() -> ChurnData.read(new java.io.ByteArrayInputStream(
                "a,a\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "f.csv"))
                .hasMessage("f.csv:1: column a is in the header twice (columns 1 and 2)");
    }

    @Test
    void aNonNumberInANumericColumnAtScoringTimeNamesItsPlace() throws IOException {
        FittedChurnModel m = ChurnModel.fit(ucla(), ChurnModel.Options.defaults("admit").fixed(0, 0));
        ChurnData bad = ChurnData.of(List.of("gre", "gpa", "rank"), List.of(new String[] {"700", "3.5", "2"},
                new String[] {"high", "3.5", "2"}));
        assertThatThrownBy(() -> m.probabilities(bad))
                .hasMessage("data:3: field 'gre': not a number: 'high' (the column is numeric in the model)");
        ChurnData absent = ChurnData.of(List.of("gre", "rank"), List.<String[]>of(new String[] {"700", "2"}));
        assertThatThrownBy(() -> m.probabilities(absent)).hasMessageStartingWith("data: no column gpa");
    }

    private static void standardise(double[][] x) {
        for (double[] c : x) {
            double m = 0;
            for (double v : c) {
                m += v;
            }
            m /= c.length;
            double ss = 0;
            for (double v : c) {
                ss += (v - m) * (v - m);
            }
            double s = Math.sqrt(ss / c.length);
            for (int i = 0; i < c.length; i++) {
                c[i] = (c[i] - m) / s;
            }
        }
    }
}
