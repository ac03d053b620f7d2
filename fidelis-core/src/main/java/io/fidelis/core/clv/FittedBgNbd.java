package io.fidelis.core.clv;

import io.fidelis.core.special.Hypergeometric2F1;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.hipparchus.util.CombinatoricsUtils;
import org.hipparchus.util.FastMath;

/**
 * A fitted BG/NBD model: the parameters, how the fit ended, and predictions per customer (from their summary) and
 * for a new customer. Time is in the period of the summaries it was fitted on. Immutable.
 */
public record FittedBgNbd(double r, double alpha, double a, double b, Fit fit) implements RepeatBuyingModel {

    /** A BG/NBD with given parameters (for example published ones), without a fit. */
    public static FittedBgNbd of(double r, double alpha, double a, double b) {
        return new FittedBgNbd(r, alpha, a, b, null);
    }

    public double logLikelihood(int x, double tx, double T) {
        return BgNbd.logLikelihood(r, alpha, a, b, x, tx, T);
    }

    /** P(alive | x, t_x, T): 1 for a customer who never bought again (the model's property). */
    public double pAlive(int x, double tx, double T) {
        if (x == 0) {
            return 1;
        }
        double ratio = FastMath.exp((r + x) * (FastMath.log(alpha + T) - FastMath.log(alpha + tx)));
        return 1 / (1 + a / (b + x - 1) * ratio);
    }

    /**
     * Expected purchases in the next {@code t} periods of a customer with summary (x, t_x, T) who is alive at T: the
     * numerator of FHL 2005, eq. 10, whose denominator is 1 / P(alive).
     */
    public double expectedPurchasesIfAlive(double t, int x, double T) {
        if (t <= 0) {
            return 0;
        }
        double z = t / (alpha + T + t);
        double c = a + b + x - 1;
        if (!(c > 0)) {
            // x = 0 and a + b < 1 (a drawn or fitted parameter set can have it): the closed form holds, but its
            // 2F1 can be negative, which has no logarithm.
            double product = FastMath.pow((alpha + T) / (alpha + T + t), r + x)
                    * Hypergeometric2F1.value(r + x, b + x, c, z);
            return c / (a - 1) * (1 - product);
        }
        // ((α+T)/(α+T+t))^(r+x) · 2F1(…) in log space: each factor alone can under- or overflow for frequent buyers
        // over long horizons, their product cannot.
        double logProduct = (r + x) * FastMath.log((alpha + T) / (alpha + T + t))
                + Hypergeometric2F1.logValue(r + x, b + x, a + b + x - 1, z);
        return (a + b + x - 1) / (a - 1) * -FastMath.expm1(logProduct);
    }

    /** Expected purchases of a new customer by time {@code t} (FHL 2005, eq. 9). */
    public double expectedPurchasesNew(double t) {
        double hyp = Hypergeometric2F1.value(r, b, a + b - 1, t / (alpha + t));
        return (a + b - 1) / (a - 1) * (1 - FastMath.pow(alpha / (alpha + t), r) * hyp);
    }

    /** P(X(t) = n): the probability that a new customer makes n purchases in (0, t] (FHL 2005, eq. 8). */
    public double probabilityOfPurchases(int n, double t) {
        double logBeta = Beta.logBeta(a, b);
        double logPrefix = Gamma.logGamma(r + n) - Gamma.logGamma(r) - CombinatoricsUtils.factorialLog(n);
        double lnA = FastMath.log(alpha / (alpha + t));
        double lnT = FastMath.log(t / (alpha + t));
        double first = FastMath.exp(Beta.logBeta(a, b + n) - logBeta + logPrefix + r * lnA + n * lnT);
        if (n == 0) {
            return first;
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += FastMath.exp(Gamma.logGamma(r + j) - Gamma.logGamma(r) - CombinatoricsUtils.factorialLog(j)
                    + j * lnT);
        }
        double second = FastMath.exp(Beta.logBeta(a + 1, b + n - 1) - logBeta) * (1 - FastMath.exp(r * lnA) * sum);
        return first + second;
    }

    /**
     * P(alive at T + t | alive at T), dropout probability kp from T on. The posterior of an active customer is
     * λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x), independent; E[e^(−λkpt)] = E_p[(A/(A + kpt))^R] with
     * A = α + T, R = r + x, which the Euler integral and the Pfaff transformation (DLMF 15.6.1, 15.8.1) turn into
     * (A/(A + kt))^R · 2F1(R, b + x; a + b + x; kt/(A + kt)).
     */
    @Override
    public double survivalIfAlive(double t, int x, double T, double k) {
        if (t <= 0) {
            return 1;
        }
        double A = alpha + T;
        double kt = k * t;
        double z = kt / (A + kt);
        return FastMath.exp((r + x) * FastMath.log(A / (A + kt))
                + Hypergeometric2F1.logValue(r + x, b + x, a + b + x, z));
    }

    @Override
    public double[] logParameters() {
        return new double[] {FastMath.log(r), FastMath.log(alpha), FastMath.log(a), FastMath.log(b)};
    }

    @Override
    public FittedBgNbd withLogParameters(double[] p) {
        return of(FastMath.exp(p[0]), FastMath.exp(p[1]), FastMath.exp(p[2]), FastMath.exp(p[3]));
    }

    /** The mean log-likelihood of the grouped customers at given log-parameters. */
    double meanLogLikelihood(GroupedSummaries data, double[] p) {
        return BgNbd.meanLogLikelihood(data, FastMath.exp(p[0]), FastMath.exp(p[1]), FastMath.exp(p[2]),
                FastMath.exp(p[3]));
    }
}
