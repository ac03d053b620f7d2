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
            double[][] cols = new double[q][];
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            cols[0] = ones;
            for (int j = 0; j < columns.length; j++) {
                cols[j + 1] = x[columns[j]];
            }
            double[][] g = gram(cols, null);
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
            // Rows, then columns, on both cores: each value is computed as one after the other would.
            int half = n / 2;
            java.util.stream.IntStream.range(0, 2).parallel().forEach(part -> {
                for (int i = part == 0 ? 0 : half, to = part == 0 ? half : n; i < to; i++) {
                    double mu = 1 / (1 + Math.exp(-eta[i]));
                    double wi = mu * (1 - mu);
                    w[i] = wi;
                    zw[i] = wi * eta[i] + (y[i] - mu);
                }
            });
            double[][] h = gram(design, w);
            double[] rhs = new double[q];
            java.util.stream.IntStream.range(0, q).parallel().forEach(a -> {
                double s = 0;
                double[] column = design[a];
                for (int i = 0; i < n; i++) {
                    s += column[i] * zw[i];
                }
                rhs[a] = s;
            });
            double[] next = solve(h, rhs);
            if (next == null) {
                break;
            }
            coef = next;
            // η = Σₐ design[a] coef[a], added column by column (the same order of additions for each row)
            double[] c = coef;
            java.util.stream.IntStream.range(0, 2).parallel().forEach(part -> {
                int from = part == 0 ? 0 : half;
                int to = part == 0 ? half : n;
                Arrays.fill(eta, from, to, 0.0);
                for (int a = 0; a < q; a++) {
                    double[] column = design[a];
                    double ca = c[a];
                    for (int i = from; i < to; i++) {
                        eta[i] += column[i] * ca;
                    }
                }
            });
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

    /** Rows per block of the Gram matrix: a block of the design, row by row, stays in the first-level cache. */
    private static final int BLOCK = 64;

    /**
     * The weighted Gram matrix Σᵢ wᵢ aᵢ aᵢᵀ of the rows aᵢ of the design (w null: unweighted). The rows are cut into
     * two fixed halves summed on two threads, each half in blocks of rows copied row-major so that the inner loop
     * is an update of a row of the matrix with four rows' products at a time (a dot product per entry would be a
     * chain of dependent additions); then the halves are added. The result does not depend on the
     * number of threads.
     */
    static double[][] gram(double[][] design, double[] w) {
        int q = design.length;
        int n = design[0].length;
        int half = n / 2;
        double[][] parts = java.util.stream.IntStream.range(0, 2).parallel()
                .mapToObj(h -> gram(design, w, h == 0 ? 0 : half, h == 0 ? half : n)).toArray(double[][]::new);
        double[][] h = new double[q][q];
        for (int a = 0; a < q; a++) {
            for (int b = 0; b <= a; b++) {
                double s = parts[0][a * q + b] + parts[1][a * q + b];
                h[a][b] = s;
                h[b][a] = s;
            }
        }
        return h;
    }

    /** The lower triangle of Σ wᵢ aᵢ aᵢᵀ over rows [from, to), row-major q × q. */
    private static double[] gram(double[][] design, double[] w, int from, int to) {
        int q = design.length;
        double[] g = new double[q * q];
        double[] t = new double[BLOCK * q];
        for (int start = from; start < to; start += BLOCK) {
            int m = Math.min(BLOCK, to - start);
            for (int a = 0; a < q; a++) {
                double[] c = design[a];
                for (int r = 0; r < m; r++) {
                    t[r * q + a] = c[start + r];
                }
            }
            int r = 0;
            // four rows at a time: one load and store of the matrix row for four rows' products
            for (; r + 4 <= m; r += 4) {
                int o0 = r * q;
                int o1 = o0 + q;
                int o2 = o1 + q;
                int o3 = o2 + q;
                double w0 = w == null ? 1 : w[start + r];
                double w1 = w == null ? 1 : w[start + r + 1];
                double w2 = w == null ? 1 : w[start + r + 2];
                double w3 = w == null ? 1 : w[start + r + 3];
                for (int a = 0; a < q; a++) {
                    double s0 = w0 * t[o0 + a];
                    double s1 = w1 * t[o1 + a];
                    double s2 = w2 * t[o2 + a];
                    double s3 = w3 * t[o3 + a];
                    int ga = a * q;
                    for (int b = 0; b <= a; b++) {
                        g[ga + b] += s0 * t[o0 + b] + s1 * t[o1 + b] + s2 * t[o2 + b] + s3 * t[o3 + b];
                    }
                }
            }
            for (; r < m; r++) {
                double wr = w == null ? 1 : w[start + r];
                int row = r * q;
                for (int a = 0; a < q; a++) {
                    double s = wr * t[row + a];
                    int ga = a * q;
                    for (int b = 0; b <= a; b++) {
                        g[ga + b] += s * t[row + b];
                    }
                }
            }
        }
        return g;
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
