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
        List<double[]> starts = new ArrayList<>();
        double firstStep = 1.0;
        if (rows.size() > 2 * SUBSAMPLE) {
            // A first fit on a subsample gives a close start: the fit on all customers then needs few evaluations.
            FittedGammaGamma rough = fit(MaximumLikelihood.subsample(summaries.stream()
                    .filter(s -> s.x() > 0 && s.monetary() > 0).toList(), SUBSAMPLE), options);
            starts.add(new double[] {FastMath.log(rough.p()), FastMath.log(rough.q()), FastMath.log(rough.gamma())});
            firstStep = 0.05;
        } else {
            for (double[] s : options.starts()) {
                starts.add(new double[] {FastMath.log(s[0]), FastMath.log(s[1]), FastMath.log(s[2] * meanSpend)});
            }
        }
        Fit fit = MaximumLikelihood.maximise(NAMES, p -> stats.meanLogLikelihood(FastMath.exp(p[0]),
                FastMath.exp(p[1]), FastMath.exp(p[2])), starts, rows.size(), options.maxEvaluations(), firstStep);
        return new FittedGammaGamma(fit.params().get("p"), fit.params().get("q"), fit.params().get("gamma"), rows.size(),
                fit);
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
                sum -= (p * x[i] + q) * FastMath.log(gamma + mx[i]);
            }
            return sum / x.length;
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
