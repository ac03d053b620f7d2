package io.fidelis.core.clv;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * Newton's method on the BG/NBD mean log-likelihood over log-parameters, with the analytic gradient and Hessian
 * (derivatives of FHL 2005, eq. 6; digamma and trigamma from Hipparchus), damped until each step improves the
 * likelihood. Used to finish a fit on large data from a close start: a handful of passes over the data instead of
 * hundreds of simplex evaluations. Hipparchus has no Newton method for a general likelihood; the linear algebra is
 * Hipparchus's.
 */
final class BgNbdNewton {
    private BgNbdNewton() {
    }

    /** The mean log-likelihood, its gradient and Hessian with respect to (ln r, ln α, ln a, ln b). */
    record Derivatives(double value, double[] gradient, double[][] hessian) {
    }

    static Derivatives derivatives(GroupedSummaries d, double[] logParams) {
        double r = FastMath.exp(logParams[0]);
        double alpha = FastMath.exp(logParams[1]);
        double a = FastMath.exp(logParams[2]);
        double b = FastMath.exp(logParams[3]);
        double[] phi = {r, alpha, a, b};
        int nx = d.distinctX.length;
        // Terms in x alone: A(x) and its derivatives (natural parameters).
        double[] valueX = new double[nx];
        double[][] gradX = new double[nx][4];
        double[][][] hessX = new double[nx][4][4];
        double lgR = Gamma.logGamma(r);
        double lgB = Gamma.logGamma(b);
        double lgAB = Gamma.logGamma(a + b);
        double psiR = Gamma.digamma(r);
        double psiB = Gamma.digamma(b);
        double psiAB = Gamma.digamma(a + b);
        double triR = Gamma.trigamma(r);
        double triB = Gamma.trigamma(b);
        double triAB = Gamma.trigamma(a + b);
        double lnAlpha = FastMath.log(alpha);
        for (int k = 0; k < nx; k++) {
            int x = d.distinctX[k];
            valueX[k] = Gamma.logGamma(r + x) - lgR + r * lnAlpha + lgAB + Gamma.logGamma(b + x) - lgB
                    - Gamma.logGamma(a + b + x);
            double psiABx = Gamma.digamma(a + b + x);
            double triABx = Gamma.trigamma(a + b + x);
            gradX[k][0] = Gamma.digamma(r + x) - psiR + lnAlpha;
            gradX[k][1] = r / alpha;
            gradX[k][2] = psiAB - psiABx;
            gradX[k][3] = psiAB + Gamma.digamma(b + x) - psiB - psiABx;
            hessX[k][0][0] = Gamma.trigamma(r + x) - triR;
            hessX[k][0][1] = 1 / alpha;
            hessX[k][1][0] = 1 / alpha;
            hessX[k][1][1] = -r / (alpha * alpha);
            hessX[k][2][2] = triAB - triABx;
            hessX[k][2][3] = triAB - triABx;
            hessX[k][3][2] = triAB - triABx;
            hessX[k][3][3] = triAB + Gamma.trigamma(b + x) - triB - triABx;
        }
        double value = 0;
        double[] g = new double[4];
        double[][] h = new double[4][4];
        double[] d3 = new double[4];
        double[] d4 = new double[4];
        for (int i = 0; i < d.rows(); i++) {
            int x = d.x[i];
            int k = d.xIndex[i];
            double w = d.count[i];
            double rx = r + x;
            double aT = alpha + d.T[i];
            double a3 = -rx * FastMath.log(aT);
            d3[0] = -FastMath.log(aT);
            d3[1] = -rx / aT;
            double p = 0;
            double ll;
            if (x == 0) {
                ll = a3;
            } else {
                double aTx = alpha + d.tx[i];
                double a4 = FastMath.log(a) - FastMath.log(b + x - 1) - rx * FastMath.log(aTx);
                double max = Math.max(a3, a4);
                double e3 = FastMath.exp(a3 - max);
                double e4 = FastMath.exp(a4 - max);
                ll = max + FastMath.log(e3 + e4);
                p = e4 / (e3 + e4);
                d4[0] = -FastMath.log(aTx);
                d4[1] = -rx / aTx;
                d4[2] = 1 / a;
                d4[3] = -1 / (b + x - 1);
                // second derivatives of a4 weighted by p, of a3 by 1 − p
                h[0][1] += w * (p * -1 / aTx);
                h[1][1] += w * (p * rx / (aTx * aTx));
                h[2][2] += w * (p * -1 / (a * a));
                h[3][3] += w * (p * 1 / ((b + x - 1) * (b + x - 1)));
                // the mixing term p(1 − p)(∂a4 − ∂a3)(∂a4 − ∂a3)ᵀ
                double q = p * (1 - p);
                double e0 = d4[0] - d3[0];
                double e1 = d4[1] - d3[1];
                double e2 = d4[2];
                double e3d = d4[3];
                double[] e = {e0, e1, e2, e3d};
                for (int m = 0; m < 4; m++) {
                    for (int n = m; n < 4; n++) {
                        h[m][n] += w * q * e[m] * e[n];
                    }
                }
            }
            value += w * (valueX[k] + ll);
            for (int m = 0; m < 4; m++) {
                double dl = (1 - p) * (m < 2 ? d3[m] : 0) + (x == 0 ? 0 : p * d4[m]);
                g[m] += w * (gradX[k][m] + dl);
                for (int n = m; n < 4; n++) {
                    h[m][n] += w * hessX[k][m][n];
                }
            }
            h[0][1] += w * ((1 - p) * -1 / aT);
            h[1][1] += w * ((1 - p) * rx / (aT * aT));
        }
        double n = d.customers;
        double[] gradient = new double[4];
        double[][] hessian = new double[4][4];
        for (int m = 0; m < 4; m++) {
            gradient[m] = phi[m] * g[m] / n;
        }
        for (int m = 0; m < 4; m++) {
            for (int k = m; k < 4; k++) {
                double v = phi[m] * phi[k] * h[m][k] / n + (m == k ? phi[m] * g[m] / n : 0);
                hessian[m][k] = v;
                hessian[k][m] = v;
            }
        }
        return new Derivatives(value / n, gradient, hessian);
    }

    /**
     * Newton steps from {@code start} (log-parameters) until the gradient vanishes; each step is damped (the
     * Hessian shifted by −λI) until it improves the likelihood.
     *
     * @return the log-parameters reached, or {@code null} when no step could improve (the caller keeps its own)
     */
    static double[] maximise(GroupedSummaries d, double[] start, int maxIterations) {
        return maximise(d, start, maxIterations, new int[1]);
    }

    /** @param passes incremented by the passes over the data made */
    static double[] maximise(GroupedSummaries d, double[] start, int maxIterations, int[] passes) {
        double[] theta = start.clone();
        Derivatives current = derivatives(d, theta);
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
                for (int m = 0; m < 4; m++) {
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
                for (int m = 0; m < 4; m++) {
                    next[m] += Math.max(-2, Math.min(2, step.getEntry(m)));
                    finite &= Double.isFinite(next[m]) && next[m] > MaximumLikelihood.LOWER
                            && next[m] < MaximumLikelihood.UPPER;
                }
                if (!finite) {
                    continue;
                }
                Derivatives candidate = derivatives(d, next);
                passes[0]++;
                // Over a million customers the mean is summed to about 1e-14: a step within that is no worse.
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
