package io.fidelis.core.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The coordinate descent of {@link ElasticNet} (one pass over the rows per visited coordinate, one per categorical
 * feature for its dummies) against the plain implementation it replaced ({@link ElasticNetReference}, two passes
 * per coordinate and intercept step): the same iterates in another order of the floating-point operations, so the
 * same paths to 1e-8, at the default tolerance (1e-7, where both stop at the same sweep) and at a tight one.
 */
class ElasticNetTest {
    /** Correlated numeric columns and one-hot columns of a 4-level factor, standardised; y from a logistic model. */
    static double[][] generated(int n, long seed, double[] y) {
        Random random = new Random(seed);
        int p = 9;
        double[][] x = new double[p][n];
        for (int i = 0; i < n; i++) {
            double common = random.nextGaussian();
            int level = random.nextInt(4);
            double eta = -0.7 + 0.5 * (level == 2 ? 1 : 0) - 0.4 * (level == 3 ? 1 : 0);
            for (int j = 0; j < 6; j++) {
                x[j][i] = random.nextGaussian() + (j < 3 ? common : 0);
                eta += (j % 2 == 0 ? 0.6 : 0.05) * x[j][i];
            }
            for (int l = 1; l < 4; l++) {
                x[5 + l][i] = level == l ? 1 : 0;
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        for (double[] c : x) {
            double m = Arrays.stream(c).average().orElseThrow();
            double ss = 0;
            for (double v : c) {
                ss += (v - m) * (v - m);
            }
            double s = Math.sqrt(ss / n);
            for (int i = 0; i < n; i++) {
                c[i] = (c[i] - m) / s;
            }
        }
        return x;
    }

    static void assertSamePath(double[][] x, double[] y, double alpha, double[] lambdas, double tolerance,
                               boolean stopEarly, int[][] dummies) {
        ElasticNet.Path fast = ElasticNet.path(x, y, alpha, lambdas, tolerance, 100_000, stopEarly, true, dummies);
        int[] distinct = ElasticNet.distinct(x);
        double[][] sub = new double[distinct.length][];
        for (int k = 0; k < distinct.length; k++) {
            sub[k] = x[distinct[k]];
        }
        ElasticNet.Path plain = ElasticNetReference.descend(sub, y, alpha, lambdas, tolerance, 100_000, stopEarly);
        assertThat(fast.converged()).isEqualTo(plain.converged());
        double largest = 0;
        for (int l = 0; l < lambdas.length; l++) {
            assertThat(fast.intercepts()[l]).as("alpha %s, lambda %d: intercept", alpha, l)
                    .isCloseTo(plain.intercepts()[l], org.assertj.core.data.Offset.offset(1e-8));
            for (int k = 0; k < distinct.length; k++) {
                double a = fast.betas()[l][distinct[k]];
                double b = plain.betas()[l][k];
                assertThat(a).as("alpha %s, lambda %d, column %d", alpha, l, distinct[k])
                        .isCloseTo(b, org.assertj.core.data.Offset.offset(1e-8));
                // a coefficient the plain descent keeps at exactly 0 stays exactly 0
                assertThat(a == 0).isEqualTo(b == 0);
                largest = Math.max(largest, Math.abs(b));
            }
        }
        assertThat(largest).as("the paths are not all zero").isGreaterThan(0.05);
    }

    @Test
    void theOnePassDescentFollowsThePlainOneOnGeneratedData() {
        double[] y = new double[4000];
        double[][] x = generated(4000, 3, y);
        for (double alpha : new double[] {0, 0.5, 1}) {
            double[] lambdas = ElasticNet.sequence(ElasticNet.lambdaMax(x, y, alpha), 1e-4, 30);
            // column by column, and the one-hot columns 6–8 as one group
            assertThat(ElasticNet.Group.of(x, List.of(new int[] {6, 9}))).hasSize(1);
            assertThat(ElasticNet.Group.of(x, List.of(new int[] {5, 9}))).as("5 is numeric").isEmpty();
            assertSamePath(x, y, alpha, lambdas, 1e-7, true, new int[0][]);
            assertSamePath(x, y, alpha, lambdas, 1e-7, true, new int[][] {{6, 9}});
            assertSamePath(x, y, alpha, lambdas, 1e-14, false, new int[][] {{6, 9}});
        }
    }

    /** The Telco design (7,043 customers, 30 columns after the one-hot coding, several of them copies). */
    @Test
    void theOnePassDescentFollowsThePlainOneOnTelco() throws IOException {
        ChurnData telco;
        try (InputStream in = ElasticNetTest.class.getResourceAsStream(
                "/churn/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv")) {
            telco = ChurnData.read(in, "telco");
        }
        ChurnModel.Prepared prepared = ChurnModel.prepare(telco, ChurnModel.Options.defaults("Churn")
                .withId("customerID").withPositive("Yes"));
        int[] rows = new int[telco.rows()];
        Arrays.setAll(rows, i -> i);
        Encoding encoding = Encoding.learn(prepared.features(), rows);
        double[][] x = encoding.standardised(prepared.features(), rows);
        double[] y = new double[rows.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = prepared.actual()[i] ? 1 : 0;
        }
        assertThat(ElasticNet.distinct(x).length).as("copies of columns are left to the first").isLessThan(x.length);
        for (double alpha : List.of(0.0, 0.5, 1.0)) {
            double[] lambdas = ElasticNet.sequence(ElasticNet.lambdaMax(x, y, alpha), 1e-4, 30);
            assertSamePath(x, y, alpha, lambdas, 1e-7, true, encoding.dummies());
        }
        assertThat(encoding.dummies().length).as("Telco's categorical features").isGreaterThan(10);
        assertThat(ElasticNet.Group.of(x, List.of(encoding.dummies()))).hasSize(encoding.dummies().length);
    }
}
