package io.fidelis.core.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Unpenalised logistic regression by iteratively reweighted least squares (Fisher scoring), as R's {@code glm} with
 * {@code family = binomial}: the same start ({@code mustart = (y + 0.5) / 2}) and the same aliasing rule in spirit
 * (a column that is a linear combination of the intercept and the columns before it is left out and reported, as
 * R's {@code NA} coefficients), iterated to a relative deviance change below 1e-12. The covariance of the estimates
 * is the inverse Fisher information (XᵀWX)⁻¹ at the estimate, giving Wald standard errors as {@code summary.glm}.
 * Package-private.
 */
final class Irls {
    /** A column whose squared residual norm after the columns before it is below this share of its own is aliased. */
    private static final double ALIASED = 1e-9;
    private static final int MAX_ITERATIONS = 50;

    private Irls() {
    }

    /**
     * @param kept       the columns estimated (indices into the design), in order
     * @param aliased    the columns left out as linear combinations of the others
     * @param intercept  the intercept (standardised design)
     * @param beta       the coefficients of {@code kept}
     * @param covariance of (intercept, kept...), (1 + kept) × (1 + kept)
     */
    record Fit(int[] kept, int[] aliased, double intercept, double[] beta, double[][] covariance, double deviance,
               int iterations, boolean converged) {
    }

    /**
     * Fits on the given columns of a design.
     *
     * @param x       columns {@code x[column][row]} (standardised or not)
     * @param y       0 or 1
     * @param columns the columns to use, in order
     */
    static Fit fit(double[][] x, double[] y, int[] columns) {
        int n = y.length;
        // Aliasing: sequential Cholesky of the Gram matrix [1, X]ᵀ[1, X].
        List<Integer> keptList = new ArrayList<>();
        List<Integer> aliasedList = new ArrayList<>();
        {
            int q = columns.length + 1;
            double[][] g = new double[q][q];
            double[][] cols = new double[q][];
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            cols[0] = ones;
            for (int j = 0; j < columns.length; j++) {
                cols[j + 1] = x[columns[j]];
            }
            for (int a = 0; a < q; a++) {
                for (int b = 0; b <= a; b++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += cols[a][i] * cols[b][i];
                    }
                    g[a][b] = s;
                    g[b][a] = s;
                }
            }
            List<Integer> in = new ArrayList<>();
            in.add(0);
            double[][] l = new double[q][q];
            l[0][0] = Math.sqrt(g[0][0]);
            for (int a = 1; a < q; a++) {
                double[] row = new double[in.size()];
                for (int k = 0; k < in.size(); k++) {
                    double s = g[a][in.get(k)];
                    for (int m = 0; m < k; m++) {
                        s -= row[m] * l[k][m];
                    }
                    row[k] = s / l[k][k];
                }
                double d = g[a][a];
                for (double v : row) {
                    d -= v * v;
                }
                if (d <= ALIASED * g[a][a]) {
                    aliasedList.add(columns[a - 1]);
                    continue;
                }
                int k = in.size();
                System.arraycopy(row, 0, l[k], 0, k);
                l[k][k] = Math.sqrt(d);
                in.add(a);
                keptList.add(columns[a - 1]);
            }
        }
        int[] kept = keptList.stream().mapToInt(Integer::intValue).toArray();
        int[] aliased = aliasedList.stream().mapToInt(Integer::intValue).toArray();
        int q = kept.length + 1;
        double[][] design = new double[q][];
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        design[0] = ones;
        for (int j = 0; j < kept.length; j++) {
            design[j + 1] = x[kept[j]];
        }
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            double mu = (y[i] + 0.5) / 2;
            eta[i] = Math.log(mu / (1 - mu));
        }
        double[] coef = new double[q];
        double deviance = deviance(y, eta);
        boolean converged = false;
        int iterations = 0;
        double[] w = new double[n];
        double[] zw = new double[n];
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            for (int i = 0; i < n; i++) {
                double mu = 1 / (1 + Math.exp(-eta[i]));
                double wi = mu * (1 - mu);
                w[i] = wi;
                zw[i] = wi * eta[i] + (y[i] - mu);
            }
            double[][] h = gram(design, w);
            double[] rhs = new double[q];
            for (int a = 0; a < q; a++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += design[a][i] * zw[i];
                }
                rhs[a] = s;
            }
            double[] next = solve(h, rhs);
            if (next == null) {
                break;
            }
            coef = next;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int a = 0; a < q; a++) {
                    s += design[a][i] * coef[a];
                }
                eta[i] = s;
            }
            double d = deviance(y, eta);
            boolean done = Math.abs(d - deviance) / (Math.abs(d) + 0.1) < 1e-12;
            deviance = d;
            if (done) {
                converged = true;
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            double mu = 1 / (1 + Math.exp(-eta[i]));
            w[i] = mu * (1 - mu);
        }
        double[][] covariance = inverse(gram(design, w));
        double[] beta = Arrays.copyOfRange(coef, 1, q);
        return new Fit(kept, aliased, coef[0], beta, covariance, deviance, iterations,
                converged && covariance != null);
    }

    static double deviance(double[] y, double[] eta) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            d += logLoss(y[i], eta[i]);
        }
        return 2 * d;
    }

    /** −log P(y | η), stable for large |η|. */
    static double logLoss(double y, double eta) {
        // log(1 + e^η) − yη
        double softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
        return softplus - y * eta;
    }

    private static double[][] gram(double[][] design, double[] w) {
        int q = design.length;
        int n = w.length;
        double[][] h = new double[q][q];
        for (int a = 0; a < q; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                double[] ca = design[a];
                double[] cb = design[b];
                for (int i = 0; i < n; i++) {
                    s += w[i] * ca[i] * cb[i];
                }
                h[a][b] = s;
                h[b][a] = s;
            }
        }
        return h;
    }

    /** Cholesky factor (lower), or null when not positive definite. */
    private static double[][] cholesky(double[][] a) {
        int q = a.length;
        double[][] l = new double[q][q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    static double[] solve(double[][] a, double[] b) {
        double[][] l = cholesky(a);
        if (l == null) {
            return null;
        }
        return substitute(l, b);
    }

    /** Solves L Lᵀ x = b. */
    private static double[] substitute(double[][] l, double[] b) {
        int q = b.length;
        double[] y = new double[q];
        for (int i = 0; i < q; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[q];
        for (int i = q - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < q; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    static double[][] inverse(double[][] a) {
        double[][] l = cholesky(a);
        if (l == null) {
            return null;
        }
        int q = a.length;
        double[][] inv = new double[q][];
        for (int j = 0; j < q; j++) {
            double[] e = new double[q];
            e[j] = 1;
            inv[j] = substitute(l, e);
        }
        return inv;
    }
}
