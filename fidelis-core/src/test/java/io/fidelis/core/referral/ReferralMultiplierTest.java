package io.fidelis.core.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.YearMonth;
import java.util.List;

import io.fidelis.core.stats.Proportions;
import org.junit.jupiter.api.Test;

/** Mean direct referrals per customer by group with Garwood intervals, and the share referred by month. */
class ReferralMultiplierTest {

    @Test
    void garwoodIntervalsOfTheTextbook() {
        // The exact Poisson interval (Garwood 1936) is ½·χ²(0.025; 2x) … ½·χ²(0.975; 2x + 2). With the chi-square
        // critical values of the NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4:
        //  x = 4:  χ²(0.025; 8) = 2.180, χ²(0.975; 10) = 20.483 → [1.090, 10.242]; to more places (2.179731 and
        //          20.483177, the same quantiles from SciPy's chi2.ppf) [1.0899, 10.2416];
        //  x = 10: χ²(0.025; 20) = 9.591, χ²(0.975; 22) = 36.781 → [4.7954, 18.3904] (SciPy: 4.79539, 18.39036).
        ReferralMultiplier.Interval four = ReferralMultiplier.garwood(4, 1, 0.95);
        assertThat(four.lower()).isCloseTo(1.0899, offset(1e-4));
        assertThat(four.upper()).isCloseTo(10.2416, offset(1e-4));
        ReferralMultiplier.Interval ten = ReferralMultiplier.garwood(10, 1, 0.95);
        assertThat(ten.lower()).isCloseTo(4.7954, offset(1e-4));
        assertThat(ten.upper()).isCloseTo(18.3904, offset(1e-4));
        // x = 0: the lower end is 0 and the upper is −ln(α/2) in closed form (P(X = 0) = e^−μ = 0.025).
        ReferralMultiplier.Interval none = ReferralMultiplier.garwood(0, 1, 0.95);
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(-Math.log(0.025), offset(1e-9));
        // x = 1 at 90 %: lower = −ln(0.95) (P(X ≥ 1) = 0.05), upper solves e^−μ(1 + μ) = 0.05: μ = 4.743865.
        ReferralMultiplier.Interval one = ReferralMultiplier.garwood(1, 1, 0.90);
        assertThat(one.lower()).isCloseTo(-Math.log(0.95), offset(1e-9));
        assertThat(one.upper()).isCloseTo(4.743865, offset(1e-6));
        // The exposure divides: 4 referrals among 2 customers.
        ReferralMultiplier.Interval perCustomer = ReferralMultiplier.garwood(4, 2, 0.95);
        assertThat(perCustomer.lower()).isCloseTo(four.lower() / 2, offset(1e-12));
        assertThat(perCustomer.upper()).isCloseTo(four.upper() / 2, offset(1e-12));
        // A large total: the interval closes in around the mean (normal approximation √x/n·1.96 as a check).
        ReferralMultiplier.Interval large = ReferralMultiplier.garwood(180_000, 1_000_000, 0.95);
        assertThat(large.lower()).isCloseTo(0.18 - 1.96 * Math.sqrt(180_000) / 1e6, offset(2e-6));
        assertThat(large.upper()).isCloseTo(0.18 + 1.96 * Math.sqrt(180_000) / 1e6, offset(2e-6));

        assertThatThrownBy(() -> ReferralMultiplier.garwood(-1, 1, 0.95)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of events must be ≥ 0, got -1");
        assertThatThrownBy(() -> ReferralMultiplier.garwood(1, 0, 0.95)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the exposure must be positive and finite, got 0.0");
    }

    @Test
    void multiplierByGroupOnTheHandWorkedForest() {
        ReferralForest f = ReferralForestTest.small();
        // Input order 60, 40, 10, 50, 20, 80, 30, 70. Promoters 10 and 20 (2 referrals each), passives 40 and 70
        // (1 each), detractors 30, 50 and 80 (none); 60 has no answer.
        String[] groups = {null, "passive", "promoter", "detractor", "promoter", "detractor", "detractor", "passive"};
        List<ReferralMultiplier.Group> byGroup = ReferralMultiplier.byGroup(f, groups,
                ReferralMultiplier.Options.defaults());
        assertThat(byGroup).extracting(ReferralMultiplier.Group::label)
                .containsExactly("detractor", "passive", "promoter");

        ReferralMultiplier.Group promoter = byGroup.get(2);
        assertThat(promoter.customers()).isEqualTo(2);
        assertThat(promoter.referrals()).isEqualTo(4);
        assertThat(promoter.mean()).isEqualTo(2.0);
        // Garwood for 4 referrals (above: [1.0899, 10.2416]) over 2 customers.
        assertThat(promoter.lower()).isCloseTo(1.0899 / 2, offset(1e-4));
        assertThat(promoter.upper()).isCloseTo(10.2416 / 2, offset(1e-4));
        assertThat(promoter.dispersion()).isZero(); // counts 2 and 2: no variance
        assertThat(promoter.confidence()).isEqualTo(0.95);

        ReferralMultiplier.Group passive = byGroup.get(1);
        assertThat(passive.customers()).isEqualTo(2);
        assertThat(passive.referrals()).isEqualTo(2);
        assertThat(passive.mean()).isEqualTo(1.0);

        ReferralMultiplier.Group detractor = byGroup.get(0);
        assertThat(detractor.customers()).isEqualTo(3);
        assertThat(detractor.referrals()).isZero();
        assertThat(detractor.lower()).isZero();
        assertThat(detractor.upper()).isCloseTo(-Math.log(0.025) / 3, offset(1e-9)); // 3.6889 / 3
        assertThat(detractor.dispersion()).isNaN();

        // Everybody: 6 referrals among 8 customers, counts 2, 2, 1, 1, 0, 0, 0, 0.
        ReferralMultiplier.Group all = ReferralMultiplier.overall(f, ReferralMultiplier.Options.defaults());
        assertThat(all.label()).isEqualTo("all");
        assertThat(all.customers()).isEqualTo(8);
        assertThat(all.referrals()).isEqualTo(6);
        assertThat(all.mean()).isEqualTo(0.75);
        // Sample variance: (Σc² − (Σc)²/n)/(n − 1) = (10 − 36/8)/7 = 5.5/7 = 0.785714…; over the mean 0.75:
        // 1.047619…; normal half-width 1.959964·√(0.785714/8) = 0.614236.
        assertThat(all.dispersion()).isCloseTo(5.5 / 7 / 0.75, offset(1e-12));
        assertThat(all.normalLower()).isCloseTo(0.75 - 0.614236, offset(1e-6));
        assertThat(all.normalUpper()).isCloseTo(0.75 + 0.614236, offset(1e-6));
        ReferralMultiplier.Interval exact = ReferralMultiplier.garwood(6, 8, 0.95);
        assertThat(all.lower()).isEqualTo(exact.lower());
        assertThat(all.upper()).isEqualTo(exact.upper());
    }

    @Test
    void confidenceAndLengthsAreChecked() {
        ReferralForest f = ReferralForestTest.small();
        assertThatThrownBy(() -> ReferralMultiplier.Options.defaults().withConfidence(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the confidence level must be strictly between 0 and 1, got 1.0");
        assertThatThrownBy(() -> ReferralMultiplier.byGroup(f, new String[2], ReferralMultiplier.Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there are 2 group labels for 8 customers: one label (or null) per customer, in the order"
                        + " of the forest's customers");
        // A narrower interval at 80 %.
        String[] all = {"a", "a", "a", "a", "a", "a", "a", "a"};
        ReferralMultiplier.Group at80 = ReferralMultiplier.byGroup(f, all,
                ReferralMultiplier.Options.defaults().withConfidence(0.80)).get(0);
        ReferralMultiplier.Group at95 = ReferralMultiplier.overall(f, ReferralMultiplier.Options.defaults());
        assertThat(at80.lower()).isGreaterThan(at95.lower());
        assertThat(at80.upper()).isLessThan(at95.upper());
        assertThat(at80.confidence()).isEqualTo(0.80);
    }

    @Test
    void shareReferredByMonth() {
        ReferralForest f = ReferralForestTest.small();
        // Input order 60, 40, 10, 50, 20, 80, 30, 70. Acquired: 10 and 70 in January (both roots, none referred);
        // 20, 30 and 80 in February (all referred); 40 in March (referred) and 50 unknown; 60 in May (referred).
        // April has no new customer and is not listed.
        YearMonth jan = YearMonth.of(2025, 1);
        YearMonth feb = YearMonth.of(2025, 2);
        YearMonth mar = YearMonth.of(2025, 3);
        YearMonth may = YearMonth.of(2025, 5);
        YearMonth[] months = {may, mar, jan, null, feb, feb, feb, jan};
        List<ReferralMultiplier.MonthShare> shares = ReferralMultiplier.referredShareByMonth(f, months,
                ReferralMultiplier.Options.defaults());
        assertThat(shares).extracting(ReferralMultiplier.MonthShare::month).containsExactly(jan, feb, mar, may);
        assertThat(shares).extracting(ReferralMultiplier.MonthShare::newCustomers).containsExactly(2, 3, 1, 1);
        assertThat(shares).extracting(ReferralMultiplier.MonthShare::referred).containsExactly(0, 3, 1, 1);
        assertThat(shares.get(0).share()).isEqualTo(Proportions.wilson(0, 2, 0.95));
        assertThat(shares.get(1).share()).isEqualTo(Proportions.wilson(3, 3, 0.95));
        // Wilson for 0 of 2 at 95 %: upper = z²/n / (1 + z²/n) = 1.920729 / 2.920729 = 0.657620 (the formula with p̂ = 0).
        assertThat(shares.get(0).share().upper()).isCloseTo(0.657620, offset(1e-6));
        assertThat(shares.get(1).share().share()).isEqualTo(1.0);
        assertThatThrownBy(() -> ReferralMultiplier.referredShareByMonth(f, new YearMonth[1],
                ReferralMultiplier.Options.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("there are 1 acquisition months for 8 customers");
    }
}
