package io.fidelis.core.supply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Ordinary least squares and logistic regression with an intercept, and 95% confidence intervals: from the model
 * (OLS: t with n − p degrees of freedom, as R's {@code confint.lm}; logistic: Wald z, as R's
 * {@code confint.default}), or, when observations come in clusters (several deliveries of one customer), from the
 * cluster-robust sandwich covariance with Stata's small-sample factor G/(G−1)·(n−1)/(n−p) for OLS and G/(G−1)
 * for the logit, and t with G − 1 degrees of freedom. Least squares by Householder QR (Hipparchus), so an
 * ill-conditioned design such as NIST's Longley keeps its digits; the logit by Fisher scoring (IRLS), each step a
 * weighted QR.
 */
public final class Regression {
    private static final int MAX_ITERATIONS = 50;

    private Regression() {
    }

    /**
     * One coefficient.
     *
     * @param standardError the standard error the interval uses (cluster-robust when clusters were given)
     * @param modelStandardError the classical one (OLS: σ²(XᵀX)⁻¹; logit: the inverse Fisher information)
     */
    public record Term(String name, double estimate, double standardError, double modelStandardError, double lower,
                       double upper) {
        /** Whether the 95% interval excludes zero. */
        public boolean significant() {
            return lower > 0 || upper < 0;
        }
    }

    /**
     * A fitted model: the terms (the intercept first, named {@code (Intercept)}), the observations and clusters, the
     * residual standard deviation (OLS) or the residual deviance (logit), and whether the logit converged.
     */
    public record Fit(List<Term> terms, int n, int clusters, double residualSd, double deviance, boolean converged) {
        public Term term(String name) {
            return terms.stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no term " + name));
        }
    }

    /**
     * Least squares of {@code y} on an intercept and the columns {@code x[column][row]}.
     *
     * @param clusters a cluster label per row for cluster-robust intervals, or {@code null} for the model's own
     */
    public static Fit ols(double[][] x, String[] names, double[] y, Object[] clusters) {
        RealMatrix design = design(x, y.length);
        int n = y.length;
        int p = design.getColumnDimension();
        requireRows(n, p);
        QRDecomposition qr = new QRDecomposition(design, 1e-12);
        DecompositionSolver solver = qr.getSolver();
        if (!solver.isNonSingular()) {
            throw new IllegalArgumentException("the design is singular (a column is a combination of others)");
        }
        RealVector beta = solver.solve(new ArrayRealVector(y, false));
        RealVector residuals = new ArrayRealVector(y, false).subtract(design.operate(beta));
        double rss = residuals.dotProduct(residuals);
        double sigma2 = rss / (n - p);
        RealMatrix rInverse = new QRDecomposition(qr.getR().getSubMatrix(0, p - 1, 0, p - 1)).getSolver()
                .getInverse();
        RealMatrix bread = rInverse.multiply(rInverse.transpose()); // (XᵀX)⁻¹ = R⁻¹R⁻ᵀ
        double[] modelSe = new double[p];
        for (int j = 0; j < p; j++) {
            modelSe[j] = Math.sqrt(sigma2 * bread.getEntry(j, j));
        }
        double[] score = residuals.toArray();
        return finish(names, beta.toArray(), modelSe, design, bread, score, clusters, n, p, true,
                Math.sqrt(sigma2), rss, true);
    }

    /** Logistic regression of a 0/1 {@code y} on an intercept and the columns; clusters as for {@link #ols}. */
    public static Fit logit(double[][] x, String[] names, double[] y, Object[] clusters) {
        RealMatrix design = design(x, y.length);
        int n = y.length;
        int p = design.getColumnDimension();
        requireRows(n, p);
        double[] eta = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = (y[i] + 0.5) / 2; // R's glm start
            eta[i] = Math.log(mu[i] / (1 - mu[i]));
        }
        double deviance = deviance(y, mu);
        RealVector beta = null;
        boolean converged = false;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            RealMatrix weighted = design.copy();
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                double w = Math.max(mu[i] * (1 - mu[i]), 1e-12);
                double s = Math.sqrt(w);
                z[i] = s * (eta[i] + (y[i] - mu[i]) / w);
                for (int j = 0; j < p; j++) {
                    weighted.multiplyEntry(i, j, s);
                }
            }
            DecompositionSolver solver = new QRDecomposition(weighted, 1e-12).getSolver();
            if (!solver.isNonSingular()) {
                throw new IllegalArgumentException("the design is singular (a column is a combination of others)");
            }
            beta = solver.solve(new ArrayRealVector(z, false));
            RealVector linear = design.operate(beta);
            for (int i = 0; i < n; i++) {
                eta[i] = linear.getEntry(i);
                mu[i] = 1 / (1 + Math.exp(-eta[i]));
            }
            double next = deviance(y, mu);
            if (Math.abs(next - deviance) / (Math.abs(next) + 0.1) < 1e-12) {
                deviance = next;
                converged = true;
                break;
            }
            deviance = next;
        }
        RealMatrix fisher = new Array2DRowRealMatrix(p, p);
        for (int i = 0; i < n; i++) {
            double w = mu[i] * (1 - mu[i]);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b <= a; b++) {
                    fisher.addToEntry(a, b, w * design.getEntry(i, a) * design.getEntry(i, b));
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                fisher.setEntry(a, b, fisher.getEntry(b, a));
            }
        }
        RealMatrix bread = new QRDecomposition(fisher).getSolver().getInverse();
        double[] modelSe = new double[p];
        for (int j = 0; j < p; j++) {
            modelSe[j] = Math.sqrt(bread.getEntry(j, j));
        }
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = y[i] - mu[i];
        }
        return finish(names, beta.toArray(), modelSe, design, bread, score, clusters, n, p, false, Double.NaN,
                deviance, converged);
    }

    private static Fit finish(String[] names, double[] beta, double[] modelSe, RealMatrix design, RealMatrix bread,
                              double[] score, Object[] clusters, int n, int p, boolean linear, double residualSd,
                              double devianceOrRss, boolean converged) {
        double[] se = modelSe;
        int groups = n;
        double quantile;
        if (clusters != null) {
            Map<Object, double[]> sums = new HashMap<>();
            for (int i = 0; i < n; i++) {
                double[] s = sums.computeIfAbsent(clusters[i], k -> new double[p]);
                for (int j = 0; j < p; j++) {
                    s[j] += design.getEntry(i, j) * score[i];
                }
            }
            groups = sums.size();
            if (groups < 2) {
                throw new IllegalArgumentException("cluster-robust intervals need at least two clusters");
            }
            RealMatrix meat = new Array2DRowRealMatrix(p, p);
            for (double[] s : sums.values()) {
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        meat.addToEntry(a, b, s[a] * s[b]);
                    }
                }
            }
            double factor = (double) groups / (groups - 1) * (linear ? (n - 1.0) / (n - p) : 1.0);
            RealMatrix v = bread.multiply(meat).multiply(bread).scalarMultiply(factor);
            se = new double[p];
            for (int j = 0; j < p; j++) {
                se[j] = Math.sqrt(v.getEntry(j, j));
            }
            quantile = new TDistribution(groups - 1).inverseCumulativeProbability(0.975);
        } else {
            quantile = linear ? new TDistribution(n - p).inverseCumulativeProbability(0.975) : 1.959963984540054;
        }
        List<Term> terms = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            String name = j == 0 ? "(Intercept)" : names[j - 1];
            terms.add(new Term(name, beta[j], se[j], modelSe[j], beta[j] - quantile * se[j],
                    beta[j] + quantile * se[j]));
        }
        return new Fit(List.copyOf(terms), n, groups, residualSd, linear ? Double.NaN : devianceOrRss, converged);
    }

    private static RealMatrix design(double[][] x, int n) {
        RealMatrix design = new Array2DRowRealMatrix(n, x.length + 1);
        for (int i = 0; i < n; i++) {
            design.setEntry(i, 0, 1.0);
            for (int j = 0; j < x.length; j++) {
                design.setEntry(i, j + 1, x[j][i]);
            }
        }
        return design;
    }

    private static void requireRows(int n, int p) {
        if (n <= p) {
            throw new IllegalArgumentException("need more observations (" + n + ") than coefficients (" + p + ")");
        }
    }

    private static double deviance(double[] y, double[] mu) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            double m = Math.min(Math.max(mu[i], 1e-300), 1 - 1e-16);
            d -= 2 * (y[i] > 0.5 ? Math.log(m) : Math.log(1 - m));
        }
        return d;
    }
}
