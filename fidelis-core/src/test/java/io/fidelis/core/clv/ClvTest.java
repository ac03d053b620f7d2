package io.fidelis.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.fidelis.core.summary.Period;
import org.junit.jupiter.api.Test;

/** CLV as discounted expected margin; checked against values computed by hand. */
class ClvTest {
    @Test
    void withoutDiscountItIsExpectedPurchasesTimesSpendTimesMargin() {
        // A constant rate of 1 purchase a week: 52.18 weeks in 12 months (365.25 / 7).
        Clv clv = new Clv(0, 12, 0.25, Period.WEEK);
        assertThat(clv.value(t -> t, 40)).isCloseTo(365.25 / 7 * 40 * 0.25, offset(1e-9));
    }

    @Test
    void discountingMonthByMonth() {
        // One purchase a month for 12 months at 12 % a year: sum of 1.12^(-k/12), k = 1..12.
        Clv clv = new Clv(0.12, 12, 1, Period.DAY);
        double month = 365.25 / 12;
        double expected = 0;
        for (int k = 1; k <= 12; k++) {
            expected += Math.pow(1.12, -k / 12.0);
        }
        assertThat(clv.value(t -> t / month, 1)).isCloseTo(expected, offset(1e-9));
        assertThat(expected).isCloseTo(11.3, offset(0.05));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Clv(-0.1, 12, 1, Period.WEEK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Clv(0.1, 0, 1, Period.WEEK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Clv(0.1, 12, 1.5, Period.WEEK)).isInstanceOf(IllegalArgumentException.class);
    }
}
