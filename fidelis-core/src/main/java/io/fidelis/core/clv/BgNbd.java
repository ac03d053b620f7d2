package io.fidelis.core.clv;

import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.summary.CustomerSummary;
import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * The BG/NBD model of repeat buying with dropout (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy
 * way"): while alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with
 * probability p ~ Beta(a, b). Fitted by maximum likelihood on customer summaries.
 */
public final class BgNbd {
    static final List<String> NAMES = List.of("r", "alpha", "a", "b");

    private BgNbd() {
    }

    /** How to fit. */
    public record Options(int maxEvaluations, List<double[]> starts) {
        /** Starting points (r, α, a, b) spread over typical values, and 4,000 evaluations per start. */
        public static Options defaults() {
            return new Options(4000, List.of(new double[] {1, 1, 1, 1}, new double[] {0.3, 5, 0.8, 2.5},
                    new double[] {0.5, 10, 0.1, 5}));
        }
    }

    /**
     * Above twice this many customers, a Nelder–Mead fit on a subsample of this size gives the start, and Newton's
     * method with the analytic Hessian finishes on all customers.
     */
    static final int SUBSAMPLE = 5_000;

    public static FittedBgNbd fit(List<CustomerSummary> summaries, Options options) {
        if (summaries.size() > 2 * SUBSAMPLE) {
            // A close start from a subsample: Newton's method from each starting point (a few milliseconds), or the
            // simplex if none converges.
            List<CustomerSummary> sample = MaximumLikelihood.subsample(summaries, SUBSAMPLE);
            GroupedSummaries small = GroupedSummaries.of(sample);
            int[] passes = {0};
            double[] start = null;
            double best = Double.NEGATIVE_INFINITY;
            for (double[] s : starts(sample, options)) {
                double[] theta = BgNbdNewton.maximise(small, s, 100, passes);
                if (theta != null && !MaximumLikelihood.atBound(theta)) {
                    double ll = meanLogLikelihood(small, FastMath.exp(theta[0]), FastMath.exp(theta[1]),
                            FastMath.exp(theta[2]), FastMath.exp(theta[3]));
                    if (ll > best) {
                        best = ll;
                        start = theta;
                    }
                }
            }
            if (start == null) {
                FittedBgNbd rough = fit(sample, options);
                passes[0] += rough.fit().evaluations();
                if (rough.fit().boundary().isEmpty()) {
                    start = new double[] {FastMath.log(rough.r()), FastMath.log(rough.alpha()),
                            FastMath.log(rough.a()), FastMath.log(rough.b())};
                }
            }
            if (start != null) {
                GroupedSummaries data = GroupedSummaries.of(summaries);
                // Newton with the analytic Hessian: a handful of passes over all customers.
                double[] theta = BgNbdNewton.maximise(data, start, 50, passes);
                if (theta != null) {
                    Fit fit = MaximumLikelihood.at(NAMES, theta, meanLogLikelihood(data, FastMath.exp(theta[0]),
                            FastMath.exp(theta[1]), FastMath.exp(theta[2]), FastMath.exp(theta[3])), data.customers,
                            true, passes[0]);
                    return new FittedBgNbd(fit.params().get("r"), fit.params().get("alpha"), fit.params().get("a"),
                            fit.params().get("b"), fit);
                }
                Fit fit = MaximumLikelihood.maximise(NAMES, p -> meanLogLikelihood(data, FastMath.exp(p[0]),
                        FastMath.exp(p[1]), FastMath.exp(p[2]), FastMath.exp(p[3])), List.of(start), data.customers,
                        options.maxEvaluations(), 0.05);
                return new FittedBgNbd(fit.params().get("r"), fit.params().get("alpha"), fit.params().get("a"),
                        fit.params().get("b"), fit);
            }
        }
        GroupedSummaries data = GroupedSummaries.of(summaries);
        Fit fit = MaximumLikelihood.maximise(NAMES, p -> meanLogLikelihood(data, FastMath.exp(p[0]),
                FastMath.exp(p[1]), FastMath.exp(p[2]), FastMath.exp(p[3])), starts(summaries, options),
                data.customers, options.maxEvaluations());
        return new FittedBgNbd(fit.params().get("r"), fit.params().get("alpha"), fit.params().get("a"),
                fit.params().get("b"), fit);
    }

    /**
     * The fit from grouped summaries (the same as {@link #fit(List, Options)} on the customers in the counts'
     * canonical order): the same counts always give the same fit, whatever order they were collected in.
     */
    public static FittedBgNbd fit(SummaryCounts counts, Options options) {
        return fit(counts.asList(), options);
    }

    /** The starting points on the log scale; α is on the scale of time, so relative to the observation length. */
    private static List<double[]> starts(List<CustomerSummary> summaries, Options options) {
        double scale = meanT(summaries);
        List<double[]> starts = new ArrayList<>();
        for (double[] s : options.starts()) {
            starts.add(new double[] {FastMath.log(s[0]), FastMath.log(s[1] * scale / 30), FastMath.log(s[2]),
                    FastMath.log(s[3])});
        }
        return starts;
    }


    static double meanT(List<CustomerSummary> summaries) {
        double sum = 0;
        for (CustomerSummary s : summaries) {
            sum += s.T();
        }
        return Math.max(sum / summaries.size(), 1e-9);
    }

    /** The log-likelihood of one customer (FHL 2005, eq. 6). */
    static double logLikelihood(double r, double alpha, double a, double b, int x, double tx, double T) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * FastMath.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * FastMath.log(alpha + T);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = FastMath.log(a) - FastMath.log(b + x - 1) - (r + x) * FastMath.log(alpha + tx);
        double max = Math.max(a3, a4);
        return a1 + a2 + max + FastMath.log(FastMath.exp(a3 - max) + FastMath.exp(a4 - max));
    }

    /**
     * The mean of {@link #logLikelihood} over the grouped customers, with every term that depends on x, T or t_x
     * alone computed once per distinct value: per row there remain one exponential and one logarithm.
     */
    static double meanLogLikelihood(GroupedSummaries d, double r, double alpha, double a, double b) {
        int nx = d.distinctX.length;
        double[] byX = new double[nx];
        double[] lnDropX = new double[nx];
        double lgR = Gamma.logGamma(r);
        double lgB = Gamma.logGamma(b);
        double lgAB = Gamma.logGamma(a + b);
        double lnAlpha = FastMath.log(alpha);
        double lnA = FastMath.log(a);
        for (int k = 0; k < nx; k++) {
            int x = d.distinctX[k];
            byX[k] = Gamma.logGamma(r + x) - lgR + r * lnAlpha + lgAB + Gamma.logGamma(b + x) - lgB
                    - Gamma.logGamma(a + b + x);
            lnDropX[k] = x > 0 ? lnA - FastMath.log(b + x - 1) : Double.NaN;
        }
        double[] lnT = new double[d.distinctT.length];
        for (int k = 0; k < lnT.length; k++) {
            lnT[k] = FastMath.log(alpha + d.distinctT[k]);
        }
        double[] lnTx = new double[d.distinctTx.length];
        for (int k = 0; k < lnTx.length; k++) {
            lnTx[k] = FastMath.log(alpha + d.distinctTx[k]);
        }
        // Large data: the rows in fixed chunks over the available cores, summed in chunk order (deterministic).
        int rows = d.rows();
        int chunks = rows < 100_000 ? 1 : Math.min(64, Runtime.getRuntime().availableProcessors() * 4);
        double[] partial = new double[chunks];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) rows * c / chunks);
            int to = (int) ((long) rows * (c + 1) / chunks);
            double part = 0;
            for (int i = from; i < to; i++) {
                int x = d.x[i];
                double rx = r + x;
                double a3 = -rx * lnT[d.tIndex[i]];
                double ll;
                if (x == 0) {
                    ll = byX[d.xIndex[i]] + a3;
                } else {
                    double a4 = lnDropX[d.xIndex[i]] - rx * lnTx[d.txIndex[i]];
                    double max = Math.max(a3, a4);
                    ll = byX[d.xIndex[i]] + max + Math.log(1 + Math.exp(Math.min(a3, a4) - max));
                }
                part += d.count[i] * ll;
            }
            partial[c] = part;
        });
        double sum = 0;
        for (double p : partial) {
            sum += p;
        }
        return sum / d.customers;
    }
}
