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
 * The analytic gradient and Hessian of the BG/NBD likelihood against central finite differences, and Newton's
 * method reaching the CLVTools 0.12.1 estimates on CDNOW from a start well away from them.
 */
class BgNbdNewtonTest {
    static final List<CustomerSummary> CDNOW = CustomerSummaries.of(Cdnow.transactions(), Cdnow.CALIBRATION_END,
            Period.WEEK);
    static final GroupedSummaries DATA = GroupedSummaries.of(CDNOW);

    static double ll(double[] theta) {
        return BgNbd.meanLogLikelihood(DATA, Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]),
                Math.exp(theta[3]));
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double[] theta = {Math.log(0.3), Math.log(5), Math.log(0.7), Math.log(2)};
        Newton.Derivatives d = BgNbdNewton.derivatives(DATA, theta);
        assertThat(d.value()).isCloseTo(ll(theta), offset(1e-12));
        double h = 1e-5;
        for (int m = 0; m < 4; m++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[m] += h;
            down[m] -= h;
            assertThat(d.gradient()[m]).as("gradient " + m).isCloseTo((ll(up) - ll(down)) / (2 * h), offset(1e-7));
            double[] gUp = BgNbdNewton.derivatives(DATA, up).gradient();
            double[] gDown = BgNbdNewton.derivatives(DATA, down).gradient();
            for (int k = 0; k < 4; k++) {
                assertThat(d.hessian()[k][m]).as("hessian " + k + "," + m)
                        .isCloseTo((gUp[k] - gDown[k]) / (2 * h), offset(1e-6));
            }
        }
    }

    @Test
    void newtonReachesTheMaximumLikelihoodFromAnotherStart() {
        double[] theta = BgNbdNewton.maximise(DATA, new double[] {Math.log(0.5), Math.log(8), Math.log(1.2),
                Math.log(4)}, 100);
        assertThat(theta).isNotNull();
        Percentage rel = Percentage.withPercentage(0.1);
        // CLVTools 0.12.1: r=0.2425945, α=4.4136019, a=0.7929199, b=2.4258881, LL=−9582.429.
        assertThat(Math.exp(theta[0])).isCloseTo(0.2425945, rel);
        assertThat(Math.exp(theta[1])).isCloseTo(4.4136019, rel);
        assertThat(Math.exp(theta[2])).isCloseTo(0.7929199, rel);
        assertThat(Math.exp(theta[3])).isCloseTo(2.4258881, rel);
        assertThat(ll(theta) * 2357).isCloseTo(-9582.429, offset(0.01));
    }
}
