package io.fidelis.core.clv;

import java.util.function.Function;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Newton's method for a mean log-likelihood over log-parameters with analytic gradient and Hessian, damped
 * (Levenberg style) until each step improves the likelihood, and steps capped at 2 on the log scale. Used to finish
 * fits on large data from a close start: a handful of passes over the data instead of hundreds of simplex
 * evaluations. Hipparchus has no Newton method for a general likelihood; the linear algebra is Hipparchus's.
 */
final class Newton {
    private Newton() {
    }

    /** The mean log-likelihood, its gradient and Hessian at a point. */
    record Derivatives(double value, double[] gradient, double[][] hessian) {
    }

    /**
     * @param passes incremented by the evaluations made (each a pass over the data)
     * @return the maximum, or {@code null} when no step improves and the gradient is not small
     */
    static double[] maximise(Function<double[], Derivatives> f, double[] start, int maxIterations, int[] passes) {
        double[] theta = start.clone();
        Derivatives current = f.apply(theta);
        passes[0]++;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double gmax = 0;
            for (double v : current.gradient()) {
                gmax = Math.max(gmax, Math.abs(v));
            }
            if (gmax < 1e-9) {
                return theta;
            }
            boolean improved = false;
            for (double lambda = 0; lambda < 1e8; lambda = lambda == 0 ? 1e-6 : lambda * 10) {
                RealMatrix h = new Array2DRowRealMatrix(current.hessian());
                for (int m = 0; m < theta.length; m++) {
                    h.addToEntry(m, m, -lambda * Math.max(1, Math.abs(h.getEntry(m, m))));
                }
                RealVector step;
                try {
                    step = new LUDecomposition(h).getSolver().solve(new ArrayRealVector(current.gradient()))
                            .mapMultiply(-1);
                } catch (RuntimeException singular) {
                    continue;
                }
                double[] next = theta.clone();
                boolean finite = true;
                for (int m = 0; m < theta.length; m++) {
                    next[m] += Math.max(-2, Math.min(2, step.getEntry(m)));
                    finite &= Double.isFinite(next[m]) && next[m] > MaximumLikelihood.LOWER
                            && next[m] < MaximumLikelihood.UPPER;
                }
                if (!finite) {
                    continue;
                }
                Derivatives candidate = f.apply(next);
                passes[0]++;
                // Over a million data rows the mean is summed to about 1e-14: a step within that is no worse.
                double noise = 1e-13 * Math.max(1, Math.abs(current.value()));
                if (Double.isFinite(candidate.value()) && candidate.value() >= current.value() - noise) {
                    theta = next;
                    boolean done = Math.abs(candidate.value() - current.value()) <= noise;
                    current = candidate;
                    improved = true;
                    if (done) {
                        return theta;
                    }
                    break;
                }
            }
            if (!improved) {
                // No step improves: at the maximum to within rounding if the gradient is that small, else give up.
                return gmax < 1e-6 ? theta : null;
            }
        }
        return theta;
    }
}
