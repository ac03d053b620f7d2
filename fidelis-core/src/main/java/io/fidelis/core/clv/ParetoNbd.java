package io.fidelis.core.clv;

import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.special.Hypergeometric2F1;
import io.fidelis.core.summary.CustomerSummary;
import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987; the likelihood as in Fader, Hardie &amp; Lee 2005,
 * "A note on implementing the Pareto/NBD model in MATLAB"): while alive a customer buys at a Poisson rate
 * λ ~ Gamma(r, α) and lives an exponential lifetime with rate μ ~ Gamma(s, β).
 */
public final class ParetoNbd {
    static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

    private ParetoNbd() {
    }

    public record Options(int maxEvaluations, List<double[]> starts) {
        /** Starting points (r, α, s, β), with α and β scaled to the observation length. */
        public static Options defaults() {
            return new Options(4000, List.of(new double[] {1, 1, 1, 1}, new double[] {0.5, 10, 0.6, 12},
                    new double[] {0.3, 5, 2, 40}));
        }
    }

    public static FittedParetoNbd fit(List<CustomerSummary> summaries, Options options) {
        GroupedSummaries data = GroupedSummaries.of(summaries);
        double scale = BgNbd.meanT(summaries) / 30;
        List<double[]> starts = new ArrayList<>();
        for (double[] s : options.starts()) {
            starts.add(new double[] {FastMath.log(s[0]), FastMath.log(s[1] * scale), FastMath.log(s[2]),
                    FastMath.log(s[3] * scale)});
        }
        Fit fit = MaximumLikelihood.maximise(NAMES, p -> meanLogLikelihood(data, FastMath.exp(p[0]),
                FastMath.exp(p[1]), FastMath.exp(p[2]), FastMath.exp(p[3])), starts, data.customers,
                options.maxEvaluations());
        return new FittedParetoNbd(fit.params().get("r"), fit.params().get("alpha"), fit.params().get("s"),
                fit.params().get("beta"), fit);
    }

    /** The fit from grouped summaries, as {@link BgNbd#fit(SummaryCounts, BgNbd.Options)}. */
    public static FittedParetoNbd fit(SummaryCounts counts, Options options) {
        return fit(counts.asList(), options);
    }

    /** log A0 of the likelihood (FHL 2005 note, eq. 3–4), −∞ when t_x = T. */
    static double logA0(double r, double alpha, double s, double beta, int x, double tx, double T) {
        double rsx = r + s + x;
        double l1;
        double l2;
        if (alpha >= beta) {
            l1 = Hypergeometric2F1.logValue(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx))
                    - rsx * FastMath.log(alpha + tx);
            l2 = Hypergeometric2F1.logValue(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + T))
                    - rsx * FastMath.log(alpha + T);
        } else {
            l1 = Hypergeometric2F1.logValue(rsx, r + x, rsx + 1, (beta - alpha) / (beta + tx))
                    - rsx * FastMath.log(beta + tx);
            l2 = Hypergeometric2F1.logValue(rsx, r + x, rsx + 1, (beta - alpha) / (beta + T))
                    - rsx * FastMath.log(beta + T);
        }
        if (!(l2 < l1)) {
            return Double.NEGATIVE_INFINITY;
        }
        return l1 + FastMath.log1p(-FastMath.exp(l2 - l1));
    }

    /** The two parts of the likelihood after the common factor: log of the "alive at T" and "died in (t_x, T]" terms. */
    static double[] logParts(double r, double alpha, double s, double beta, int x, double tx, double T) {
        double alive = -(r + x) * FastMath.log(alpha + T) - s * FastMath.log(beta + T);
        double died = FastMath.log(s / (r + s + x)) + logA0(r, alpha, s, beta, x, tx, T);
        return new double[] {alive, died};
    }

    static double logLikelihood(double r, double alpha, double s, double beta, int x, double tx, double T) {
        double[] parts = logParts(r, alpha, s, beta, x, tx, T);
        return Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * FastMath.log(alpha) + s * FastMath.log(beta)
                + logSumExp(parts[0], parts[1]);
    }

    static double logSumExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + FastMath.log(FastMath.exp(a - max) + FastMath.exp(b - max));
    }

    static double meanLogLikelihood(GroupedSummaries d, double r, double alpha, double s, double beta) {
        double sum = 0;
        for (int i = 0; i < d.rows(); i++) {
            sum += d.count[i] * logLikelihood(r, alpha, s, beta, d.x[i], d.tx[i], d.T[i]);
        }
        return sum / d.customers;
    }
}
