package io.fidelis.core.clv;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * The analytic gradient and Hessian of the BG/NBD mean log-likelihood over log-parameters (derivatives of FHL 2005,
 * eq. 6; digamma and trigamma from Hipparchus), for {@link Newton}.
 */
final class BgNbdNewton {
    private BgNbdNewton() {
    }

    /** The mean log-likelihood, its gradient and Hessian with respect to (ln r, ln α, ln a, ln b). */
    static Newton.Derivatives derivatives(GroupedSummaries d, double[] logParams) {
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
        // Terms in x alone, weighted once by the customers with that x.
        double[] weightX = new double[nx];
        for (int i = 0; i < d.rows(); i++) {
            weightX[d.xIndex[i]] += d.count[i];
        }
        double value = 0;
        double[] g = new double[4];
        double[][] h = new double[4][4];
        for (int k = 0; k < nx; k++) {
            value += weightX[k] * valueX[k];
            for (int m = 0; m < 4; m++) {
                g[m] += weightX[k] * gradX[k][m];
                for (int n = m; n < 4; n++) {
                    h[m][n] += weightX[k] * hessX[k][m][n];
                }
            }
        }
        // Terms in T and t_x alone, once per distinct value.
        double[] lnT = new double[d.distinctT.length];
        double[] invT = new double[lnT.length];
        for (int k = 0; k < lnT.length; k++) {
            lnT[k] = FastMath.log(alpha + d.distinctT[k]);
            invT[k] = 1 / (alpha + d.distinctT[k]);
        }
        double[] lnTx = new double[d.distinctTx.length];
        double[] invTx = new double[lnTx.length];
        for (int k = 0; k < lnTx.length; k++) {
            lnTx[k] = FastMath.log(alpha + d.distinctTx[k]);
            invTx[k] = 1 / (alpha + d.distinctTx[k]);
        }
        double[] lnDrop = new double[nx];
        double[] invDrop = new double[nx];
        for (int k = 0; k < nx; k++) {
            int x = d.distinctX[k];
            lnDrop[k] = x > 0 ? FastMath.log(a) - FastMath.log(b + x - 1) : 0;
            invDrop[k] = x > 0 ? 1 / (b + x - 1) : 0;
        }
        // Per row: one exponential and one logarithm. Rows in fixed chunks over the cores, added in chunk order.
        int rows = d.rows();
        int chunks = rows < 50_000 ? 1 : 64;
        double[][] partial = new double[chunks][];
        double invA = 1 / a;
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) rows * c / chunks);
            int to = (int) ((long) rows * (c + 1) / chunks);
            // value, gradient (4), upper Hessian h00 h01 h02 h03 h11 h12 h13 h22 h23 h33
            double v = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
            double h00 = 0, h01 = 0, h02 = 0, h03 = 0, h11 = 0, h12 = 0, h13 = 0, h22 = 0, h23 = 0, h33 = 0;
            for (int i = from; i < to; i++) {
                int x = d.x[i];
                double w = d.count[i];
                double rx = r + x;
                double lT = lnT[d.tIndex[i]];
                double iT = invT[d.tIndex[i]];
                double a3 = -rx * lT;
                if (x == 0) {
                    v += w * a3;
                    g0 -= w * lT;
                    g1 -= w * rx * iT;
                    h01 -= w * iT;
                    h11 += w * rx * iT * iT;
                    continue;
                }
                int k = d.xIndex[i];
                double lTx = lnTx[d.txIndex[i]];
                double iTx = invTx[d.txIndex[i]];
                double iDrop = invDrop[k];
                double a4 = lnDrop[k] - rx * lTx;
                double max = Math.max(a3, a4);
                // Math rather than FastMath in the loop over rows: the JVM's intrinsics are several times faster.
                double e = Math.exp(Math.min(a3, a4) - max);
                double ll = max + Math.log(1 + e); // e in (0, 1]: no loss of precision
                // p: the weight of the a4 term, e4 / (e3 + e4)
                double p = a4 >= a3 ? 1 / (1 + e) : e / (1 + e);
                double p3 = 1 - p;
                v += w * ll;
                g0 += w * (-p3 * lT - p * lTx);
                g1 += w * (-p3 * rx * iT - p * rx * iTx);
                g2 += w * p * invA;
                g3 -= w * p * iDrop;
                h01 += w * (-p3 * iT - p * iTx);
                h11 += w * (p3 * rx * iT * iT + p * rx * iTx * iTx);
                h22 -= w * p * invA * invA;
                h33 += w * p * iDrop * iDrop;
                // the mixing term p(1 − p)(∂a4 − ∂a3)(∂a4 − ∂a3)ᵀ
                double q = w * p * p3;
                double e0 = lT - lTx;
                double e1 = rx * iT - rx * iTx;
                double e2 = invA;
                double e3 = -iDrop;
                h00 += q * e0 * e0;
                h01 += q * e0 * e1;
                h02 += q * e0 * e2;
                h03 += q * e0 * e3;
                h11 += q * e1 * e1;
                h12 += q * e1 * e2;
                h13 += q * e1 * e3;
                h22 += q * e2 * e2;
                h23 += q * e2 * e3;
                h33 += q * e3 * e3;
            }
            partial[c] = new double[] {v, g0, g1, g2, g3, h00, h01, h02, h03, h11, h12, h13, h22, h23, h33};
        });
        for (double[] part : partial) {
            value += part[0];
            for (int m = 0; m < 4; m++) {
                g[m] += part[1 + m];
            }
            h[0][0] += part[5];
            h[0][1] += part[6];
            h[0][2] += part[7];
            h[0][3] += part[8];
            h[1][1] += part[9];
            h[1][2] += part[10];
            h[1][3] += part[11];
            h[2][2] += part[12];
            h[2][3] += part[13];
            h[3][3] += part[14];
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
        return new Newton.Derivatives(value / n, gradient, hessian);
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
        return Newton.maximise(theta -> derivatives(d, theta), start, maxIterations, passes);
    }
}
