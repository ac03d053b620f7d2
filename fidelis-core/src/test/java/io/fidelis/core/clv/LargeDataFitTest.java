package io.fidelis.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.summary.CustomerSummaries;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * The path for large data (a start from a subsample, then Newton's method on all customers) reaches the same maximum
 * as the small-data path. The data are the CDNOW calibration summaries repeated k times: repeating every customer
 * multiplies the log-likelihood by k and leaves its maximum where it was, so the published estimates still apply
 * (BG/NBD: CLVTools 0.12.1, LL −9582.429; Gamma-Gamma: Fader &amp; Hardie 2013, LL −4055.9177).
 */
class LargeDataFitTest {
    static List<CustomerSummary> repeated(int times) {
        List<CustomerSummary> once = CustomerSummaries.of(Cdnow.transactions(), Cdnow.CALIBRATION_END, Period.WEEK);
        List<CustomerSummary> out = new ArrayList<>();
        for (int k = 0; k < times; k++) {
            for (CustomerSummary s : once) {
                out.add(new CustomerSummary(s.customerId() + "-" + k, s.x(), s.tx(), s.T(), s.monetary()));
            }
        }
        return out;
    }

    @Test
    void bgNbdOnFiveTimesCdnow() {
        List<CustomerSummary> data = repeated(5);
        assertThat(data.size()).isGreaterThan(2 * BgNbd.SUBSAMPLE);
        FittedBgNbd f = BgNbd.fit(data, BgNbd.Options.defaults());
        Percentage rel = Percentage.withPercentage(0.1);
        assertThat(f.r()).isCloseTo(0.2425945, rel);
        assertThat(f.alpha()).isCloseTo(4.4136019, rel);
        assertThat(f.a()).isCloseTo(0.7929199, rel);
        assertThat(f.b()).isCloseTo(2.4258881, rel);
        assertThat(f.fit().logLikelihood()).isCloseTo(5 * -9582.429, offset(5 * 0.01));
        assertThat(f.fit().converged()).isTrue();
        // A handful of Newton passes, not hundreds of simplex evaluations.
        assertThat(f.fit().evaluations()).isLessThan(200);
    }

    @Test
    void gammaGammaOnFortyFiveTimesCdnow() {
        List<CustomerSummary> data = repeated(45);
        FittedGammaGamma f = GammaGamma.fit(data, GammaGamma.Options.defaults());
        assertThat(f.customers()).isEqualTo(45 * 946).isGreaterThan(2 * GammaGamma.SUBSAMPLE);
        Percentage rel = Percentage.withPercentage(0.2);
        assertThat(f.p()).isCloseTo(6.25, rel);
        assertThat(f.q()).isCloseTo(3.74, rel);
        assertThat(f.gamma()).isCloseTo(15.44, rel);
        assertThat(f.fit().logLikelihood()).isCloseTo(45 * -4055.9177, offset(45 * 0.01));
    }
}
