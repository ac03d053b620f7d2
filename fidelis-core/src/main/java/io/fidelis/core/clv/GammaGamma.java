package io.fidelis.core.clv;

import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.summary.CustomerSummary;
import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * The Gamma-Gamma model of spend per transaction (Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary
 * value"): a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on the
 * repeat buyers' mean repeat-occasion value; customers with x = 0 or a non-positive mean are left out.
 */
public final class GammaGamma {
    static final List<String> NAMES = List.of("p", "q", "gamma");
    /** Above twice this many repeat buyers, a fit on a subsample of this size gives the start for all. */
    static final int SUBSAMPLE = 20_000;

    private GammaGamma() {
    }

    public record Options(int maxEvaluations, List<double[]> starts) {
        /** Starting points (p, q, γ); γ is scaled to the data's mean spend. */
        public static Options defaults() {
            return new Options(4000, List.of(new double[] {1, 1, 1}, new double[] {5, 3, 1}, new double[] {2, 10, 5}));
        }
    }

    public static FittedGammaGamma fit(List<CustomerSummary> summaries, Options options) {
        List<double[]> rows = new ArrayList<>();
        double meanSpend = 0;
        for (CustomerSummary s : summaries) {
            if (s.x() > 0 && s.monetary() > 0) {
                rows.add(new double[] {s.x(), s.monetary()});
                meanSpend += s.monetary();
            }
        }
        if (rows.size() < GroupedSummaries.MIN_CUSTOMERS) {
            throw new InsufficientDataException("too few repeat buyers with a positive mean spend to fit spend: "
                    + rows.size() + " (need at least " + GroupedSummaries.MIN_CUSTOMERS + ")");
        }
        meanSpend /= rows.size();
        double[] x = new double[rows.size()];
        double[] m = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = rows.get(i)[0];
            m[i] = rows.get(i)[1];
        }
        Stats stats = new Stats(x, m);
        if (rows.size() > 2 * SUBSAMPLE) {
            // A close start from a subsample (Newton's method from each starting point, or the simplex if none
            // converges); Newton's method with the analytic Hessian then finishes on all repeat buyers in a handful
            // of passes. If that fails too, the simplex on all repeat buyers below.
            List<CustomerSummary> repeat = summaries.stream().filter(s -> s.x() > 0 && s.monetary() > 0).toList();
            List<CustomerSummary> sample = MaximumLikelihood.subsample(repeat, SUBSAMPLE);
            Stats small = new Stats(sample.stream().mapToDouble(CustomerSummary::x).toArray(),
                    sample.stream().mapToDouble(CustomerSummary::monetary).toArray());
            double sampleMean = sample.stream().mapToDouble(CustomerSummary::monetary).average().orElse(1);
            int[] passes = {0};
            double[] start = null;
            double best = Double.NEGATIVE_INFINITY;
            for (double[] s : options.starts()) {
                double[] theta = Newton.maximise(small::derivatives, new double[] {FastMath.log(s[0]),
                        FastMath.log(s[1]), FastMath.log(s[2] * sampleMean)}, 100, passes);
                if (theta != null && !MaximumLikelihood.atBound(theta)) {
                    double ll = small.meanLogLikelihood(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]));
                    if (ll > best) {
                        best = ll;
                        start = theta;
                    }
                }
            }
            if (start == null) {
                FittedGammaGamma rough = fit(sample, options);
                passes[0] += rough.fit().evaluations();
                start = rough.fit().boundary().isEmpty() ? new double[] {FastMath.log(rough.p()),
                        FastMath.log(rough.q()), FastMath.log(rough.gamma())} : null;
            }
            double[] theta = start == null ? null : Newton.maximise(stats::derivatives, start, 50, passes);
            if (theta != null) {
                Fit fit = MaximumLikelihood.at(NAMES, theta, stats.meanLogLikelihood(FastMath.exp(theta[0]),
                        FastMath.exp(theta[1]), FastMath.exp(theta[2])), rows.size(), true, passes[0]);
                return new FittedGammaGamma(fit.params().get("p"), fit.params().get("q"), fit.params().get("gamma"),
                        rows.size(), fit);
            }
        }
        List<double[]> starts = new ArrayList<>();
        for (double[] s : options.starts()) {
            starts.add(new double[] {FastMath.log(s[0]), FastMath.log(s[1]), FastMath.log(s[2] * meanSpend)});
        }
        Fit fit = MaximumLikelihood.maximise(NAMES, p -> stats.meanLogLikelihood(FastMath.exp(p[0]),
                FastMath.exp(p[1]), FastMath.exp(p[2])), starts, rows.size(), options.maxEvaluations());
        return new FittedGammaGamma(fit.params().get("p"), fit.params().get("q"), fit.params().get("gamma"), rows.size(),
                fit);
    }

    /** The fit from grouped summaries, as {@link BgNbd#fit(SummaryCounts, BgNbd.Options)}. */
    public static FittedGammaGamma fit(SummaryCounts counts, Options options) {
        return fit(counts.asList(), options);
    }

    /**
     * The log-likelihood through sufficient statistics: terms in x alone are summed per distinct x, Σ ln m and
     * Σ x ln m once; only ln(γ + m x) remains per customer.
     */
    static final class Stats {
        final int[] distinctX;
        final double[] countX;
        final double sumLnM;
        final double sumXLnM;
        final double[] x;
        final double[] mx;

        Stats(double[] x, double[] m) {
            this.x = x;
            this.mx = new double[x.length];
            java.util.TreeMap<Integer, double[]> counts = new java.util.TreeMap<>();
            double lnM = 0;
            double xLnM = 0;
            for (int i = 0; i < x.length; i++) {
                mx[i] = m[i] * x[i];
                counts.computeIfAbsent((int) x[i], k -> new double[1])[0]++;
                lnM += FastMath.log(m[i]);
                xLnM += x[i] * FastMath.log(m[i]);
            }
            this.sumLnM = lnM;
            this.sumXLnM = xLnM;
            this.distinctX = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            this.countX = counts.values().stream().mapToDouble(c -> c[0]).toArray();
        }

        double meanLogLikelihood(double p, double q, double gamma) {
            double sum = 0;
            double lgQ = Gamma.logGamma(q);
            double lnGamma = FastMath.log(gamma);
            for (int k = 0; k < distinctX.length; k++) {
                double px = p * distinctX[k];
                sum += countX[k] * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - lgQ + q * lnGamma
                        + px * FastMath.log(distinctX[k]));
            }
            sum += p * sumXLnM - sumLnM;
            for (int i = 0; i < x.length; i++) {
                sum -= (p * x[i] + q) * Math.log(gamma + mx[i]);
            }
            return sum / x.length;
        }

        /**
         * The mean log-likelihood with its gradient and Hessian over (ln p, ln q, ln γ). Per customer there are one
         * logarithm and one division (g = γ + m x); the sums over customers run in fixed chunks over the cores and
         * are added in chunk order, so the result does not depend on the number of cores.
         */
        Newton.Derivatives derivatives(double[] logParams) {
            double p = FastMath.exp(logParams[0]);
            double q = FastMath.exp(logParams[1]);
            double gamma = FastMath.exp(logParams[2]);
            int n = x.length;
            int chunks = n < 50_000 ? 1 : 64;
            double[][] partial = new double[chunks][6];
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
                int from = (int) ((long) n * c / chunks);
                int to = (int) ((long) n * (c + 1) / chunks);
                double xLnG = 0, lnG = 0, xOverG = 0, overG = 0, xOverG2 = 0, overG2 = 0;
                for (int i = from; i < to; i++) {
                    double g = gamma + mx[i];
                    double ln = Math.log(g); // the JVM's intrinsic: several times faster than FastMath here
                    double inv = 1 / g;
                    xLnG += x[i] * ln;
                    lnG += ln;
                    xOverG += x[i] * inv;
                    overG += inv;
                    xOverG2 += x[i] * inv * inv;
                    overG2 += inv * inv;
                }
                partial[c] = new double[] {xLnG, lnG, xOverG, overG, xOverG2, overG2};
            });
            double[] sum = new double[6];
            for (double[] part : partial) {
                for (int k = 0; k < 6; k++) {
                    sum[k] += part[k];
                }
            }
            double value = p * sumXLnM - sumLnM - p * sum[0] - q * sum[1];
            double gp = sumXLnM - sum[0];
            double gq = -sum[1];
            double gg = n * q / gamma - (p * sum[2] + q * sum[3]);
            double hpp = 0, hpq = 0, hqq = 0;
            double lgQ = Gamma.logGamma(q);
            double psiQ = Gamma.digamma(q);
            double triQ = Gamma.trigamma(q);
            double lnGamma = FastMath.log(gamma);
            for (int k = 0; k < distinctX.length; k++) {
                double xk = distinctX[k];
                double px = p * xk;
                double c = countX[k];
                double psiPxQ = Gamma.digamma(px + q);
                double triPxQ = Gamma.trigamma(px + q);
                value += c * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - lgQ + q * lnGamma + px * FastMath.log(xk));
                gp += c * xk * (psiPxQ - Gamma.digamma(px) + FastMath.log(xk));
                gq += c * (psiPxQ - psiQ + lnGamma);
                hpp += c * xk * xk * (triPxQ - Gamma.trigamma(px));
                hpq += c * xk * triPxQ;
                hqq += c * (triPxQ - triQ);
            }
            double hpg = -sum[2];
            double hqg = n / gamma - sum[3];
            double hgg = -n * q / (gamma * gamma) + p * sum[4] + q * sum[5];
            double[] phi = {p, q, gamma};
            double[] g = {gp, gq, gg};
            double[][] h = {{hpp, hpq, hpg}, {hpq, hqq, hqg}, {hpg, hqg, hgg}};
            // To log-parameters: d/dθ = φ d/dφ; d²/dθᵢdθⱼ = φᵢφⱼ ∂²/∂φᵢ∂φⱼ + δᵢⱼ φᵢ ∂/∂φᵢ; all over n.
            double[] gradient = new double[3];
            double[][] hessian = new double[3][3];
            for (int i = 0; i < 3; i++) {
                gradient[i] = phi[i] * g[i] / n;
                for (int j = 0; j < 3; j++) {
                    hessian[i][j] = (phi[i] * phi[j] * h[i][j] + (i == j ? phi[i] * g[i] : 0)) / n;
                }
            }
            return new Newton.Derivatives(value / n, gradient, hessian);
        }
    }

    /** The log-likelihood of one repeat buyer with x repeat occasions of mean value m (F&amp;H 2013, eq. 3). */
    static double logLikelihood(double p, double q, double gamma, double x, double m) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * FastMath.log(gamma)
                + (px - 1) * FastMath.log(m) + px * FastMath.log(x) - (px + q) * FastMath.log(gamma + m * x);
    }

    static double meanLogLikelihood(double[] x, double[] m, double p, double q, double gamma) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += logLikelihood(p, q, gamma, x[i], m[i]);
        }
        return sum / x.length;
    }
}
