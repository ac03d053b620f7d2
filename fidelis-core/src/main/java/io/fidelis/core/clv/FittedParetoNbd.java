package io.fidelis.core.clv;

import io.fidelis.core.special.Hypergeometric2F1;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.hipparchus.util.CombinatoricsUtils;
import org.hipparchus.util.FastMath;

/** A fitted Pareto/NBD model with per-customer and new-customer predictions. Immutable. */
public record FittedParetoNbd(double r, double alpha, double s, double beta, Fit fit) implements RepeatBuyingModel {

    public static FittedParetoNbd of(double r, double alpha, double s, double beta) {
        return new FittedParetoNbd(r, alpha, s, beta, null);
    }

    public double logLikelihood(int x, double tx, double T) {
        return ParetoNbd.logLikelihood(r, alpha, s, beta, x, tx, T);
    }

    /** P(alive | x, t_x, T) (FHL 2005 note, eq. 5). */
    public double pAlive(int x, double tx, double T) {
        double[] parts = ParetoNbd.logParts(r, alpha, s, beta, x, tx, T);
        return FastMath.exp(parts[0] - ParetoNbd.logSumExp(parts[0], parts[1]));
    }

    /**
     * Expected purchases in the next {@code t} periods of a customer alive at T (Schmittlein et al. 1987, eq. 22,
     * without its P(alive) factor).
     */
    public double expectedPurchasesIfAlive(double t, int x, double T) {
        if (t <= 0) {
            return 0;
        }
        double rate = (r + x) * (beta + T) / (alpha + T);
        double lifetime = Math.abs(s - 1) < 1e-9 ? FastMath.log((beta + T + t) / (beta + T))
                : -FastMath.expm1((s - 1) * FastMath.log((beta + T) / (beta + T + t))) / (s - 1);
        return rate * lifetime;
    }

    /** Expected purchases of a new customer by time {@code t}. */
    public double expectedPurchasesNew(double t) {
        if (Math.abs(s - 1) < 1e-9) {
            return r * beta / alpha * FastMath.log((beta + t) / beta);
        }
        return r * beta / (alpha * (s - 1)) * (1 - FastMath.pow(beta / (beta + t), s - 1));
    }

    /**
     * P(X(t) = n) for a new customer (Fader, Hardie &amp; Lee 2006, "Deriving an expression for P(X(t) = x) under
     * the Pareto/NBD model").
     */
    public double probabilityOfPurchases(int n, double t) {
        double first = FastMath.exp(Gamma.logGamma(r + n) - Gamma.logGamma(r) - CombinatoricsUtils.factorialLog(n)
                + r * FastMath.log(alpha / (alpha + t)) + n * FastMath.log(t / (alpha + t))
                + s * FastMath.log(beta / (beta + t)));
        double logFactor = r * FastMath.log(alpha) + s * FastMath.log(beta) + Beta.logBeta(r + n, s + 1)
                - Beta.logBeta(r, s);
        boolean alphaFirst = alpha >= beta;
        double big = alphaFirst ? alpha : beta;
        double diff = Math.abs(alpha - beta);
        double bParam = alphaFirst ? s + 1 : r + n;
        double c = r + s + n + 1;
        double b1 = FastMath.exp(Hypergeometric2F1.logValue(r + s, bParam, c, diff / big)
                - (r + s) * FastMath.log(big));
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double logTerm = Gamma.logGamma(r + s + i) - Gamma.logGamma(r + s) - CombinatoricsUtils.factorialLog(i)
                    + i * FastMath.log(t) + Hypergeometric2F1.logValue(r + s + i, bParam, c, diff / (big + t))
                    - (r + s + i) * FastMath.log(big + t);
            sum += FastMath.exp(logTerm);
        }
        // Far in the tail b1 − sum is a difference of nearly equal numbers; rounding must not make it negative.
        return Math.max(0, first + FastMath.exp(logFactor) * (b1 - sum));
    }

    /**
     * P(alive at T + t | alive at T), dropout rate kμ from T on: an active customer's μ ~ Gamma(s, β + T), so
     * E[e^(−kμt)] = ((β + T)/(β + T + kt))^s.
     */
    @Override
    public double survivalIfAlive(double t, int x, double T, double k) {
        if (t <= 0) {
            return 1;
        }
        return FastMath.exp(s * FastMath.log((beta + T) / (beta + T + k * t)));
    }

    @Override
    public double[] logParameters() {
        return new double[] {FastMath.log(r), FastMath.log(alpha), FastMath.log(s), FastMath.log(beta)};
    }

    @Override
    public FittedParetoNbd withLogParameters(double[] p) {
        return of(FastMath.exp(p[0]), FastMath.exp(p[1]), FastMath.exp(p[2]), FastMath.exp(p[3]));
    }

    /** The mean log-likelihood of the grouped customers at given log-parameters. */
    double meanLogLikelihood(GroupedSummaries data, double[] p) {
        return ParetoNbd.meanLogLikelihood(data, FastMath.exp(p[0]), FastMath.exp(p[1]), FastMath.exp(p[2]),
                FastMath.exp(p[3]));
    }
}
