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
}
