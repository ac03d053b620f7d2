package io.fidelis.core.clv;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.fidelis.core.summary.CustomerSummary;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * How uncertain a fitted repeat-buying model's parameters are: the asymptotic normal distribution of the
 * maximum-likelihood estimate on the log scale, N(θ̂, I⁻¹), where I is the observed information, minus the Hessian of
 * the total log-likelihood at θ̂ (n times that of the mean). The Hessian is analytic for BG/NBD
 * ({@link BgNbdNewton}) and from central differences of the log-likelihood for Pareto/NBD. The log scale keeps every
 * drawn parameter positive. Fewer customers give less information and so wider draws. Immutable.
 */
public final class ParameterUncertainty {
    /** The step of the central differences on the log scale (Pareto/NBD). */
    private static final double STEP = 1e-4;

    private final RepeatBuyingModel model;
    private final double[] estimate;
    private final double[][] covariance;
    private final double[][] factor;

    private ParameterUncertainty(RepeatBuyingModel model, double[] estimate, double[][] covariance,
                                 double[][] factor) {
        this.model = model;
        this.estimate = estimate;
        this.covariance = covariance;
        this.factor = factor;
    }

    /**
     * The uncertainty of a model fitted to these customers (the same customers it was fitted on), or empty when the
     * information matrix is not positive definite: a parameter at a bound of the search (BG/NBD's a → 0: no
     * detectable dropout), where the normal approximation does not hold.
     */
    public static Optional<ParameterUncertainty> of(RepeatBuyingModel model, List<CustomerSummary> summaries) {
        GroupedSummaries data = GroupedSummaries.of(summaries);
        double[] theta = model.logParameters();
        double[][] hessian;
        if (model instanceof FittedBgNbd) {
            hessian = BgNbdNewton.derivatives(data, theta).hessian();
        } else if (model instanceof FittedParetoNbd p) {
            hessian = numericHessian(t -> p.meanLogLikelihood(data, t), theta);
        } else {
            throw new IllegalArgumentException("no Hessian for " + model.getClass().getSimpleName());
        }
        int k = theta.length;
        double[][] information = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                information[i][j] = -data.customers * hessian[i][j];
            }
        }
        try {
            RealMatrix inverse = new CholeskyDecomposition(MatrixUtils.createRealMatrix(information),
                    1e-12, 1e-14).getSolver().getInverse();
            // Symmetric to rounding, then its own Cholesky factor for the draws.
            double[][] cov = inverse.getData();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < i; j++) {
                    double m = (cov[i][j] + cov[j][i]) / 2;
                    cov[i][j] = m;
                    cov[j][i] = m;
                }
            }
            double[][] lower = new CholeskyDecomposition(MatrixUtils.createRealMatrix(cov), 1e-12, 1e-300).getL()
                    .getData();
            for (double[] row : cov) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new ParameterUncertainty(model, theta, cov, lower));
        } catch (MathIllegalArgumentException notPositiveDefinite) {
            return Optional.empty();
        }
    }

    /** The Hessian of f at θ by central differences (second differences on the diagonal). */
    static double[][] numericHessian(java.util.function.ToDoubleFunction<double[]> f, double[] theta) {
        int k = theta.length;
        double[][] h = new double[k][k];
        double f0 = f.applyAsDouble(theta);
        for (int i = 0; i < k; i++) {
            double plus = f.applyAsDouble(shift(theta, i, STEP, -1, 0));
            double minus = f.applyAsDouble(shift(theta, i, -STEP, -1, 0));
            h[i][i] = (plus - 2 * f0 + minus) / (STEP * STEP);
            for (int j = 0; j < i; j++) {
                double pp = f.applyAsDouble(shift(theta, i, STEP, j, STEP));
                double pm = f.applyAsDouble(shift(theta, i, STEP, j, -STEP));
                double mp = f.applyAsDouble(shift(theta, i, -STEP, j, STEP));
                double mm = f.applyAsDouble(shift(theta, i, -STEP, j, -STEP));
                h[i][j] = (pp - pm - mp + mm) / (4 * STEP * STEP);
                h[j][i] = h[i][j];
            }
        }
        return h;
    }

    private static double[] shift(double[] theta, int i, double di, int j, double dj) {
        double[] t = theta.clone();
        t[i] += di;
        if (j >= 0) {
            t[j] += dj;
        }
        return t;
    }

    /** The estimate's log-parameters. */
    public double[] estimate() {
        return estimate.clone();
    }

    /** The asymptotic covariance matrix of the log-parameters. */
    public double[][] covariance() {
        double[][] out = new double[covariance.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = covariance[i].clone();
        }
        return out;
    }

    /** The standard errors of the log-parameters (≈ the relative standard errors of the parameters). */
    public double[] standardErrors() {
        double[] se = new double[covariance.length];
        for (int i = 0; i < se.length; i++) {
            se[i] = Math.sqrt(covariance[i][i]);
        }
        return se;
    }

    /**
     * {@code n} models with parameters drawn from the asymptotic normal distribution; the same seed gives the same
     * draws.
     */
    public List<RepeatBuyingModel> draws(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = estimate.length;
        List<RepeatBuyingModel> out = new java.util.ArrayList<>(n);
        for (int d = 0; d < n; d++) {
            double[] z = new double[k];
            for (int i = 0; i < k; i++) {
                z[i] = gaussian(random);
            }
            double[] theta = estimate.clone();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    theta[i] += factor[i][j] * z[j];
                }
            }
            out.add(model.withLogParameters(theta));
        }
        return out;
    }

    /** A standard normal variate (Box–Muller, one of the pair). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
