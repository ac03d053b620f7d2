package io.fidelis.core.pls;

import java.util.Arrays;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Lohmöller's PLS algorithm (Wold's iterative PLS, as in plspm 0.5.1 and Tenenhaus et al. 2005, CSDA 48:159–205)
 * for Mode A blocks, run on the item covariance matrix alone: with Mode A every step is a linear function of the
 * item covariances, so the data are read once per fit (and once per bootstrap resample) and the iterations cost
 * O(p²) each.
 *
 * <p>With S the item covariance matrix (divisor N) of the standardised items (the correlation matrix) or of the
 * centred items, and w_b the outer weights of block b:
 * <ol>
 * <li>start: every weight 1, scaled so each construct score Y_b = X_b w_b has variance 1;</li>
 * <li>inner weights e_jb from the construct correlations R = Wᵀ S W by the scheme: centroid, sign(r_jb); factorial,
 * r_jb; path weighting, for predecessors j of b the coefficients of the regression of Y_b on all its predecessors,
 * for successors j the correlation r_jb;</li>
 * <li>Mode A outer weights: w_b = cov(X_b, Z_b) with the inner proxy Z_b = Σ_j e_jb Y_j, i.e.
 * w_b = Σ_j e_jb S_bj w_j;</li>
 * <li>stop when Σ (|w_old| − |w_new|)² &lt; tolerance (plspm's criterion, on the weights before scaling);
 * otherwise scale the new weights to score variance 1 and repeat.</li>
 * </ol>
 * The final weights are the last ones scaled to score variance 1.
 */
final class Estimation {
    private Estimation() {
    }

    /**
     * One converged (or not) run.
     *
     * @param weights     outer weights in the metric of S, each block scaled to score variance 1
     * @param itemScore   itemScore[i][b] = cov(item i, Y_b) in the metric of S
     * @param correlation construct score correlations
     */
    record Estimate(double[] weights, double[][] itemScore, double[][] correlation, int iterations,
                    boolean converged) {
    }

    /** Path coefficients coef[j][b] (j → b), R² per construct (0 for exogenous) and total effects. */
    record Inner(double[][] coef, double[] r2, double[][] total) {
    }

    static Estimate estimate(double[][] s, Layout layout, PlsPm.InnerScheme scheme, double tolerance,
                             int maxIterations) {
        int p = layout.p;
        int k = layout.k;
        double[] w = new double[p];
        Arrays.fill(w, 1);
        normalise(w, s, layout);
        double[] old = w.clone();
        double[] raw = new double[p];
        double[][] t = new double[p][k];
        double[][] r = new double[k][k];
        double[][] e = new double[k][k];
        int iteration = 1;
        boolean converged;
        while (true) {
            covariances(s, w, layout, t, r);
            innerWeights(r, layout, scheme, e);
            double change = 0;
            for (int i = 0; i < p; i++) {
                int b = layout.blockOf[i];
                double v = 0;
                for (int j = 0; j < k; j++) {
                    v += e[j][b] * t[i][j];
                }
                raw[i] = v;
                double d = Math.abs(old[i]) - Math.abs(v);
                change += d * d;
            }
            if (change < tolerance) {
                converged = true;
                break;
            }
            if (iteration >= maxIterations || Double.isNaN(change)) {
                converged = false;
                break;
            }
            System.arraycopy(raw, 0, old, 0, p);
            System.arraycopy(raw, 0, w, 0, p);
            normalise(w, s, layout);
            iteration++;
        }
        System.arraycopy(raw, 0, w, 0, p);
        normalise(w, s, layout);
        covariances(s, w, layout, t, r);
        return new Estimate(w, t, r, iteration, converged);
    }

    /** Scales each block's weights so its score has variance 1. */
    private static void normalise(double[] w, double[][] s, Layout layout) {
        for (int b = 0; b < layout.k; b++) {
            double v = 0;
            for (int i = layout.start[b]; i < layout.start[b + 1]; i++) {
                double row = 0;
                for (int j = layout.start[b]; j < layout.start[b + 1]; j++) {
                    row += s[i][j] * w[j];
                }
                v += w[i] * row;
            }
            if (!(v > 0)) {
                throw new IllegalArgumentException("construct " + layout.constructs.get(b)
                        + " gets a zero score: its inner proxy is uncorrelated with its items");
            }
            double f = 1 / Math.sqrt(v);
            for (int i = layout.start[b]; i < layout.start[b + 1]; i++) {
                w[i] *= f;
            }
        }
    }

    /** t = S W (item × construct covariances) and r = Wᵀ S W (construct covariances), r made exactly symmetric. */
    static void covariances(double[][] s, double[] w, Layout layout, double[][] t, double[][] r) {
        int k = layout.k;
        for (int i = 0; i < layout.p; i++) {
            double[] si = s[i];
            double[] ti = t[i];
            for (int b = 0; b < k; b++) {
                double v = 0;
                for (int j = layout.start[b]; j < layout.start[b + 1]; j++) {
                    v += si[j] * w[j];
                }
                ti[b] = v;
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double v = 0;
                for (int i = layout.start[a]; i < layout.start[a + 1]; i++) {
                    v += w[i] * t[i][b];
                }
                r[a][b] = v;
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double v = 0.5 * (r[a][b] + r[b][a]);
                r[a][b] = v;
                r[b][a] = v;
            }
        }
    }

    /** e[j][b]: the weight of score j in the inner proxy of construct b. */
    private static void innerWeights(double[][] r, Layout layout, PlsPm.InnerScheme scheme, double[][] e) {
        int k = layout.k;
        for (int j = 0; j < k; j++) {
            for (int b = 0; b < k; b++) {
                if (!layout.adjacent[j][b]) {
                    e[j][b] = 0;
                } else if (scheme == PlsPm.InnerScheme.CENTROID) {
                    e[j][b] = Math.signum(r[j][b]);
                } else {
                    e[j][b] = r[j][b];
                }
            }
        }
        if (scheme == PlsPm.InnerScheme.PATH) {
            // Successors keep the correlation; predecessors get the regression coefficients.
            for (int b = 0; b < k; b++) {
                int[] pred = layout.predecessors[b];
                if (pred.length > 1) {
                    double[] beta = regress(r, pred, b, layout);
                    for (int m = 0; m < pred.length; m++) {
                        e[pred[m]][b] = beta[m];
                    }
                }
            }
        }
    }

    /** The OLS coefficients of standardised score y on the standardised scores x, from their correlations. */
    static double[] regress(double[][] r, int[] x, int y, Layout layout) {
        if (x.length == 1) {
            return new double[] {r[x[0]][y]};
        }
        double[][] a = new double[x.length][x.length];
        double[] c = new double[x.length];
        for (int m = 0; m < x.length; m++) {
            for (int n = 0; n < x.length; n++) {
                a[m][n] = r[x[m]][x[n]];
            }
            c[m] = r[x[m]][y];
        }
        try {
            return new CholeskyDecomposition(MatrixUtils.createRealMatrix(a), 1e-12, 1e-12).getSolver()
                    .solve(MatrixUtils.createRealVector(c)).toArray();
        } catch (MathRuntimeException ex) {
            StringBuilder names = new StringBuilder();
            for (int m : x) {
                names.append(names.length() == 0 ? "" : ", ").append(layout.constructs.get(m));
            }
            throw new IllegalArgumentException("the scores of the predecessors of " + layout.constructs.get(y)
                    + " (" + names + ") are collinear", ex);
        }
    }

    /** Path coefficients by OLS of each endogenous score on its predecessors, R², and total effects. */
    static Inner inner(double[][] r, Layout layout) {
        int k = layout.k;
        double[][] coef = new double[k][k];
        double[] r2 = new double[k];
        for (int b : layout.endogenous) {
            int[] pred = layout.predecessors[b];
            double[] beta = regress(r, pred, b, layout);
            double fit = 0;
            for (int m = 0; m < pred.length; m++) {
                coef[pred[m]][b] = beta[m];
                fit += beta[m] * r[pred[m]][b];
            }
            r2[b] = fit;
        }
        // Total effects: B + B² + … (finite: the inner model is acyclic, so B^k = 0).
        double[][] total = new double[k][];
        double[][] power = new double[k][];
        for (int a = 0; a < k; a++) {
            total[a] = coef[a].clone();
            power[a] = coef[a].clone();
        }
        for (int step = 1; step < k; step++) {
            double[][] next = new double[k][k];
            boolean any = false;
            for (int a = 0; a < k; a++) {
                for (int m = 0; m < k; m++) {
                    double pam = power[a][m];
                    if (pam != 0) {
                        for (int b = 0; b < k; b++) {
                            next[a][b] += pam * coef[m][b];
                        }
                        any = true;
                    }
                }
            }
            if (!any) {
                break;
            }
            power = next;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    total[a][b] += next[a][b];
                }
            }
        }
        return new Inner(coef, r2, total);
    }
}
