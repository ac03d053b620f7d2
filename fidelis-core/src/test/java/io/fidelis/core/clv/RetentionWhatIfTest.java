package io.fidelis.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

/**
 * The retention what-if on the CDNOW calibration summaries (BTYD's {@code cdnowSummary$cbs}) with the published
 * parameters (BG/NBD: Fader, Hardie &amp; Lee 2005; Pareto/NBD: BTYD 2.4; Gamma-Gamma: Fader &amp; Hardie 2013):
 * the baseline is the models' closed-form expectation, the changed dropout is checked against numerical integration
 * and Monte Carlo, the calibration hits the points asked for, and the money follows its algebra.
 */
class RetentionWhatIfTest {
    static final FittedBgNbd BGNBD = CustomerScoringTest.BGNBD;
    static final FittedParetoNbd PNBD = CustomerScoringTest.PNBD;
    static final FittedGammaGamma SPEND = CustomerScoringTest.SPEND;

    static RetentionWhatIf.Base base(List<CustomerSummary> customers, double marginShare) {
        int n = customers.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] margin = new double[n];
        double[] past = new double[n];
        for (int i = 0; i < n; i++) {
            CustomerSummary s = customers.get(i);
            x[i] = s.x();
            tx[i] = s.tx();
            T[i] = s.T();
            margin[i] = SPEND.expectedSpend(s.x(), s.monetary()) * marginShare;
            past[i] = (s.x() + 1) * s.monetary() * marginShare;
        }
        return new RetentionWhatIf.Base(x, tx, T, margin, past);
    }

    static RetentionWhatIf.Options options(double points) {
        return new RetentionWhatIf.Options(points, 12, 0.10, Period.WEEK, 2.0, 20.0, 0, 1);
    }

    @Test
    void withNoChangeTheBaselineIsTheModelsClosedFormExpectedPurchases() {
        List<CustomerSummary> customers = CustomerScoringTest.cdnow();
        RetentionWhatIf.Base base = base(customers, 0.3);
        double horizon = 12 * 365.25 / 12 / 7; // twelve months in weeks
        for (RepeatBuyingModel model : List.of(BGNBD, PNBD)) {
            RetentionWhatIf.Result r = RetentionWhatIf.run(model, null, base, options(0));
            double closedForm = 0;
            double margin = 0;
            double active = 0;
            for (int i = 0; i < customers.size(); i++) {
                CustomerSummary s = customers.get(i);
                double e = model.expectedPurchases(horizon, s.x(), s.tx(), s.T());
                closedForm += e;
                margin += e * base.marginPerPurchase()[i];
                active += model.pAlive(s.x(), s.tx(), s.T());
            }
            // The tolerance: 1e-6 (the sums are about 1,200 purchases).
            assertThat(r.baseline().purchases()).isCloseTo(closedForm, offset(1e-6));
            assertThat(r.baseline().purchases()).isCloseTo(CustomerScoring.expectedTotal(customers, model, horizon),
                    offset(1e-6));
            assertThat(r.baseline().margin()).isCloseTo(margin, offset(1e-6));
            assertThat(r.activeNow()).isCloseTo(active, offset(1e-9));
            assertThat(r.dropoutFactor()).isEqualTo(1.0);
            assertThat(r.scenario()).isEqualTo(r.baseline());
            assertThat(r.marginUpliftShare()).isEqualTo(0.0);
            // The discounted margin is the CLV the scoring gives each customer at margin share 0.3, summed.
            Clv clv = new Clv(0.10, 12, 0.3, Period.WEEK);
            CustomerScoring.Scores scores = CustomerScoring.score(customers, model, SPEND, horizon, clv);
            double total = 0;
            for (double v : scores.clv()) {
                total += v;
            }
            assertThat(r.baseline().clv()).isCloseTo(total, offset(1e-6));
        }
    }

    @Test
    void aLowerDropoutIsTheClosedFormAtScaledTimeCheckedByNumericalIntegration() {
        // BG/NBD, an active customer with x = 3, T = 40: λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x). With dropout
        // kp: E[X(t)] = E_p[(1 − (A/(A + kpt))^R) / (kp)] and S(t) = E_p[(A/(A + kpt))^R]. Reference: these
        // integrals over p by mpmath 1.3.0 quad at 30 digits (src/test/resources/whatif/bgnbd_scaled_dropout.py);
        // agreement to 1e-12.
        int x = 3;
        double T = 40;
        double t = 52;
        double[][] reference = {{1, 2.97868110336336, 0.694615694968573}, {0.8, 3.09992539909843, 0.736859919738358},
                {0.5, 3.31305068087781, 0.81364150037048}, {0.2, 3.57817619956073, 0.913670924623643}};
        for (double[] row : reference) {
            double k = row[0];
            assertThat(BGNBD.expectedPurchasesIfAlive(t, x, T, k)).isCloseTo(row[1], offset(1e-12));
            assertThat(BGNBD.survivalIfAlive(t, x, T, k)).isCloseTo(row[2], offset(1e-12));
        }
        assertThat(BGNBD.expectedPurchasesIfAlive(t, x, T, 1)).isEqualTo(BGNBD.expectedPurchasesIfAlive(t, x, T));
        // x = 0 with a + b < 1: the 2F1 of the closed form is negative, the expectation is not (mpmath: 0.2959750065).
        FittedBgNbd small = FittedBgNbd.of(0.25, 5, 0.3, 0.5);
        assertThat(small.expectedPurchasesIfAlive(52, 0, 30)).isCloseTo(0.29597500646961, offset(1e-10));
    }

    @Test
    void paretoNbdsLowerDropoutIsANewBetaForANewCustomer() {
        // μ → kμ for a customer at T = 0 is the Pareto/NBD with β/k: its closed-form expectation for a new customer.
        double k = 0.6;
        FittedParetoNbd shifted = FittedParetoNbd.of(PNBD.r(), PNBD.alpha(), PNBD.s(), PNBD.beta() / k);
        for (double t : new double[] {10, 52, 150}) {
            assertThat(PNBD.expectedPurchasesIfAlive(t, 0, 0, k)).isCloseTo(shifted.expectedPurchasesNew(t),
                    offset(1e-10));
            assertThat(PNBD.survivalIfAlive(t, 0, 0, k)).isCloseTo(Math.pow(PNBD.beta() / (PNBD.beta() + k * t),
                    PNBD.s()), offset(1e-12));
        }
    }

    @Test
    void aMonteCarloSimulationOfTheChangedDropoutAgreesWithTheClosedForms() {
        // Simulate active customers with x = 2, T = 30 from their posterior, from T on with dropout kp (BG/NBD) or
        // kμ (Pareto/NBD), and count the purchases in the next 52 weeks and who is still active: within 4 standard
        // errors of the closed forms (200,000 customers, seed 7).
        int x = 2;
        double T = 30;
        double t = 52;
        double k = 0.7;
        int n = 200_000;
        RandomDataGenerator random = new RandomDataGenerator(7);
        double[] bgPurchases = new double[n];
        double[] bgAlive = new double[n];
        double[] pnPurchases = new double[n];
        double[] pnAlive = new double[n];
        for (int i = 0; i < n; i++) {
            double lambda = random.nextGamma(BGNBD.r() + x, 1 / (BGNBD.alpha() + T));
            double p = k * random.nextBeta(BGNBD.a(), BGNBD.b() + x);
            double clock = 0;
            int bought = 0;
            boolean alive = true;
            while (true) {
                clock += random.nextExponential(1 / lambda);
                if (clock > t) {
                    break;
                }
                bought++;
                if (random.nextUniform(0, 1) < p) {
                    alive = false;
                    break;
                }
            }
            bgPurchases[i] = bought;
            bgAlive[i] = alive ? 1 : 0;
            double lambda2 = random.nextGamma(PNBD.r() + x, 1 / (PNBD.alpha() + T));
            double mu = k * random.nextGamma(PNBD.s(), 1 / (PNBD.beta() + T));
            double life = random.nextExponential(1 / mu);
            double until = Math.min(life, t);
            pnPurchases[i] = until <= 0 ? 0 : random.nextPoisson(lambda2 * until);
            pnAlive[i] = life > t ? 1 : 0;
        }
        assertWithin(bgPurchases, BGNBD.expectedPurchasesIfAlive(t, x, T, k));
        assertWithin(bgAlive, BGNBD.survivalIfAlive(t, x, T, k));
        assertWithin(pnPurchases, PNBD.expectedPurchasesIfAlive(t, x, T, k));
        assertWithin(pnAlive, PNBD.survivalIfAlive(t, x, T, k));
    }

    private static void assertWithin(double[] sample, double expected) {
        double mean = 0;
        for (double v : sample) {
            mean += v;
        }
        mean /= sample.length;
        double var = 0;
        for (double v : sample) {
            var += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(var / (sample.length - 1) / sample.length);
        assertThat(mean).isCloseTo(expected, offset(4 * se));
    }

    @Test
    void theScenarioLowersTheAnnualDropoutByThePointsAsked() {
        RetentionWhatIf.Base base = base(CustomerScoringTest.cdnow(), 0.3);
        for (RepeatBuyingModel model : List.of(BGNBD, PNBD)) {
            RetentionWhatIf.Result none = RetentionWhatIf.run(model, null, base, options(0));
            RetentionWhatIf.Result five = RetentionWhatIf.run(model, null, base, options(5));
            RetentionWhatIf.Result ten = RetentionWhatIf.run(model, null, base, options(10));
            assertThat(five.annualDropoutBaseline()).isEqualTo(none.annualDropoutBaseline());
            assertThat(five.annualDropoutScenario()).isCloseTo(none.annualDropoutBaseline() - 0.05, offset(1e-9));
            assertThat(ten.annualDropoutScenario()).isCloseTo(none.annualDropoutBaseline() - 0.10, offset(1e-9));
            assertThat(five.dropoutFactor()).isBetween(ten.dropoutFactor(), 1.0);
            assertThat(five.marginUpliftShare()).isPositive().isLessThan(ten.marginUpliftShare());
            assertThat(five.scenario().activeAtEnd()).isGreaterThan(five.baseline().activeAtEnd());
            assertThat(five.extraActiveAtEnd()).isPositive();
            // The purchase rate is untouched: the first month changes little, later months more.
            assertThat(five.path().activeScenario()[0]).isEqualTo(five.path().activeBaseline()[0]);
            assertThat(five.baseline()).isEqualTo(none.baseline());
            assertThatThrownBy(() -> RetentionWhatIf.run(model, null, base, options(
                    Math.ceil(100 * none.annualDropoutBaseline()))))
                    .isInstanceOf(RetentionWhatIf.InfeasibleException.class).hasMessageContaining("annual dropout");
        }
    }

    @Test
    void theBreakEvenSpendLeavesNoNetUplift() {
        RetentionWhatIf.Base base = base(CustomerScoringTest.cdnow(), 0.3);
        RetentionWhatIf.Result r = RetentionWhatIf.run(BGNBD, null, base, options(5));
        double clvUplift = r.scenario().clv() - r.baseline().clv();
        assertThat(r.retentionSpend()).isCloseTo(2.0 * r.scenario().customerYears(), offset(1e-9));
        assertThat(r.netUplift()).isCloseTo(clvUplift - r.retentionSpend(), offset(1e-9));
        assertThat(r.costRatio()).isCloseTo(0.1, offset(1e-15));
        assertThat(r.costPerCustomerKept()).isCloseTo(r.retentionSpend() / r.extraActiveAtEnd(), offset(1e-9));
        assertThat(r.keepToWinRatio()).isCloseTo(r.costPerCustomerKept() / 20.0, offset(1e-12));
        RetentionWhatIf.Options atBreakEven = new RetentionWhatIf.Options(5, 12, 0.10, Period.WEEK,
                r.breakEvenCostPerCustomerYear(), 20, 0, 1);
        RetentionWhatIf.Result even = RetentionWhatIf.run(BGNBD, null, base, atBreakEven);
        assertThat(even.netUplift()).isCloseTo(0, offset(1e-9 * Math.abs(clvUplift)));
        // Customer-years of a customer who stays active the whole year are 1 before discounting, so the spend on
        // N customers is at most cost × N.
        assertThat(r.scenario().customerYears()).isLessThan(r.activeNow());
    }

    @Test
    void theTopFifthsShareIsTheParetoOfTheExpectedAndOfThePastMargin() {
        List<CustomerSummary> customers = CustomerScoringTest.cdnow();
        RetentionWhatIf.Base base = base(customers, 0.3);
        RetentionWhatIf.Result r = RetentionWhatIf.run(BGNBD, null, base, options(5));
        assertThat(r.topSharePast()).isCloseTo(io.fidelis.core.stats.Pareto.of(base.pastProfit()).topShare(0.2),
                offset(1e-12));
        // CDNOW: most customers never came back; the top fifth hold most of the value.
        assertThat(r.topShareExpected()).isBetween(0.5, 1.0);
        assertThat(r.topSharePast()).isBetween(0.5, 1.0);
    }

    @Test
    void theBandContainsThePointEstimateAndWidensWithLessData() {
        List<CustomerSummary> all = CustomerScoringTest.cdnow();
        List<CustomerSummary> fewer = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 5) {
            fewer.add(all.get(i));
        }
        double[] widths = new double[2];
        int k = 0;
        for (List<CustomerSummary> data : List.of(all, fewer)) {
            FittedBgNbd fitted = BgNbd.fit(data, BgNbd.Options.defaults());
            ParameterUncertainty u = ParameterUncertainty.of(fitted, data).orElseThrow();
            RetentionWhatIf.Options o = new RetentionWhatIf.Options(5, 12, 0.1, Period.WEEK, 2, 20, 400, 3);
            RetentionWhatIf.Result r = RetentionWhatIf.run(fitted, u, base(data, 0.3), o);
            assertThat(r.band()).isNotNull();
            assertThat(r.band().draws()).isEqualTo(400);
            assertThat(r.band().contains(r.marginUpliftShare())).isTrue();
            assertThat(r.band().upper()).isGreaterThan(r.band().lower());
            widths[k++] = r.band().upper() - r.band().lower();
            // The same seed gives the same band.
            assertThat(RetentionWhatIf.run(fitted, u, base(data, 0.3), o).band()).isEqualTo(r.band());
        }
        assertThat(widths[1]).isGreaterThan(1.5 * widths[0]);
    }

    @Test
    void drawsOnASampleOfCustomersGiveNearlyTheBandOfAll() {
        // Large bases run the draws on a sample (RetentionWhatIf.BAND_SAMPLE); here 800 of CDNOW's 2,357 against
        // all of them, with the same 400 parameter draws.
        List<CustomerSummary> data = CustomerScoringTest.cdnow();
        ParameterUncertainty u = ParameterUncertainty.of(BGNBD, data).orElseThrow();
        RetentionWhatIf.Options o = new RetentionWhatIf.Options(5, 12, 0.1, Period.WEEK, 2, 20, 400, 3);
        RetentionWhatIf.Result all = RetentionWhatIf.run(BGNBD, u, base(data, 0.3), o);
        RetentionWhatIf.Result sampled = RetentionWhatIf.run(BGNBD, u, base(data, 0.3), o, 800);
        assertThat(all.band().customers()).isEqualTo(data.size());
        assertThat(sampled.band().customers()).isEqualTo(800);
        assertThat(sampled.marginUpliftShare()).isEqualTo(all.marginUpliftShare());
        assertThat(sampled.band().contains(sampled.marginUpliftShare())).isTrue();
        double width = all.band().upper() - all.band().lower();
        assertThat(sampled.band().upper() - sampled.band().lower()).isCloseTo(width, offset(0.2 * width));
        assertThat(sampled.band().lower()).isCloseTo(all.band().lower(), offset(0.2 * width));
        assertThat(sampled.band().upper()).isCloseTo(all.band().upper(), offset(0.2 * width));
    }

    @Test
    void manyCustomersCostWhatTheirDistinctSummariesCost() {
        // The same customers repeated give the same shares and n times the totals.
        List<CustomerSummary> once = CustomerScoringTest.cdnow();
        List<CustomerSummary> thrice = new ArrayList<>(once);
        thrice.addAll(once);
        thrice.addAll(once);
        RetentionWhatIf.Result a = RetentionWhatIf.run(BGNBD, null, base(once, 0.3), options(5));
        RetentionWhatIf.Result b = RetentionWhatIf.run(BGNBD, null, base(thrice, 0.3), options(5));
        assertThat(b.dropoutFactor()).isCloseTo(a.dropoutFactor(), offset(1e-9));
        assertThat(b.baseline().margin()).isCloseTo(3 * a.baseline().margin(), offset(1e-6));
        assertThat(b.marginUpliftShare()).isCloseTo(a.marginUpliftShare(), offset(1e-9));
    }

    @Test
    void theAnalyticAndNumericHessiansAgree() {
        List<CustomerSummary> data = CustomerScoringTest.cdnow();
        GroupedSummaries grouped = GroupedSummaries.of(data);
        double[] theta = BGNBD.logParameters();
        double[][] analytic = BgNbdNewton.derivatives(grouped, theta).hessian();
        double[][] numeric = ParameterUncertainty.numericHessian(t -> BGNBD.meanLogLikelihood(grouped, t), theta);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(numeric[i][j]).isCloseTo(analytic[i][j], offset(1e-5 * Math.max(1, Math.abs(analytic[i][j]))));
            }
        }
        // Pareto/NBD's standard errors shrink with more customers, roughly as 1/sqrt(n).
        ParameterUncertainty full = ParameterUncertainty.of(PNBD, data).orElseThrow();
        List<CustomerSummary> quarter = new ArrayList<>();
        for (int i = 0; i < data.size(); i += 4) {
            quarter.add(data.get(i));
        }
        FittedParetoNbd quarterFit = ParetoNbd.fit(quarter, ParetoNbd.Options.defaults());
        ParameterUncertainty less = ParameterUncertainty.of(quarterFit, quarter).orElseThrow();
        for (int i = 0; i < 4; i++) {
            assertThat(less.standardErrors()[i]).isGreaterThan(1.3 * full.standardErrors()[i]);
        }
    }
}
