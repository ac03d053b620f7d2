package io.fidelis.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;

import io.fidelis.core.summary.CustomerSummaries;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * Gamma-Gamma on the 946 repeat buyers of the CDNOW 1/10 sample, against Fader &amp; Hardie (2013), "The
 * Gamma-Gamma model of monetary value": p = 6.25, q = 3.74, γ = 15.44, LL = −4055.9177.
 */
class GammaGammaTest {
    @Test
    void fitMatchesFaderAndHardie() {
        List<CustomerSummary> summaries = CustomerSummaries.of(Cdnow.transactions(), Cdnow.CALIBRATION_END,
                Period.WEEK);
        FittedGammaGamma f = GammaGamma.fit(summaries, GammaGamma.Options.defaults());
        assertThat(f.customers()).isEqualTo(946);
        Percentage rel = Percentage.withPercentage(0.2); // the paper prints 3 to 4 significant digits
        assertThat(f.p()).isCloseTo(6.25, rel);
        assertThat(f.q()).isCloseTo(3.74, rel);
        assertThat(f.gamma()).isCloseTo(15.44, rel);
        assertThat(f.fit().logLikelihood()).isCloseTo(-4055.9177, offset(0.01));
        assertThat(f.fit().converged()).isTrue();
        // F&H 2013: the population mean spend pγ/(q − 1) ≈ 35.2; a customer's expectation lies between the
        // population mean and their own mean, nearer their own the more they bought.
        assertThat(f.populationMeanSpend()).isCloseTo(6.25 * 15.44 / 2.74, Percentage.withPercentage(1));
        double own = 100;
        assertThat(f.expectedSpend(1, own)).isBetween(f.populationMeanSpend(), own);
        assertThat(f.expectedSpend(10, own)).isGreaterThan(f.expectedSpend(1, own));
    }

    static GammaGamma.Stats cdnowStats() {
        List<CustomerSummary> repeat = CustomerSummaries.of(Cdnow.transactions(), Cdnow.CALIBRATION_END, Period.WEEK)
                .stream().filter(s -> s.x() > 0 && s.monetary() > 0).toList();
        return new GammaGamma.Stats(repeat.stream().mapToDouble(CustomerSummary::x).toArray(),
                repeat.stream().mapToDouble(CustomerSummary::monetary).toArray());
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        GammaGamma.Stats stats = cdnowStats();
        java.util.function.ToDoubleFunction<double[]> ll = t -> stats.meanLogLikelihood(Math.exp(t[0]),
                Math.exp(t[1]), Math.exp(t[2]));
        // Not at integer p·x or p·x + q: Hipparchus's digamma recurses up to 49 and is 3e-9 off there, with a step
        // at integers that a finite difference across it would see (its derivative is not the problem).
        double[] theta = {1.3, 0.9, 3.0};
        Newton.Derivatives d = stats.derivatives(theta);
        assertThat(d.value()).isCloseTo(ll.applyAsDouble(theta), offset(1e-11));
        double h = 1e-5;
        for (int m = 0; m < 3; m++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[m] += h;
            down[m] -= h;
            assertThat(d.gradient()[m]).as("gradient " + m)
                    .isCloseTo((ll.applyAsDouble(up) - ll.applyAsDouble(down)) / (2 * h), offset(1e-7));
            double[] gUp = stats.derivatives(up).gradient();
            double[] gDown = stats.derivatives(down).gradient();
            for (int k = 0; k < 3; k++) {
                assertThat(d.hessian()[k][m]).as("hessian " + k + "," + m)
                        .isCloseTo((gUp[k] - gDown[k]) / (2 * h), offset(1e-6));
            }
        }
    }

    @Test
    void newtonReachesThePublishedMaximumFromAnotherStart() {
        GammaGamma.Stats stats = cdnowStats();
        double[] theta = Newton.maximise(stats::derivatives, new double[] {Math.log(3), Math.log(2), Math.log(30)},
                100, new int[1]);
        assertThat(theta).isNotNull();
        Percentage rel = Percentage.withPercentage(0.2);
        assertThat(Math.exp(theta[0])).isCloseTo(6.25, rel);
        assertThat(Math.exp(theta[1])).isCloseTo(3.74, rel);
        assertThat(Math.exp(theta[2])).isCloseTo(15.44, rel);
        assertThat(stats.meanLogLikelihood(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2])) * 946)
                .isCloseTo(-4055.9177, offset(0.01));
    }
}
