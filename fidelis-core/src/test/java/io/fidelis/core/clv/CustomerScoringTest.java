package io.fidelis.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import org.junit.jupiter.api.Test;

/**
 * Scoring all customers at once gives each customer what the model gives them one by one. The customers are the
 * CDNOW calibration summaries (BTYD's {@code cdnowSummary$cbs}); the parameters are the published ones (FHL 2005 for
 * BG/NBD, BTYD for Pareto/NBD, Fader &amp; Hardie 2013 for Gamma-Gamma).
 */
class CustomerScoringTest {
    static final FittedBgNbd BGNBD = FittedBgNbd.of(0.243, 4.414, 0.793, 2.426);
    static final FittedParetoNbd PNBD = FittedParetoNbd.of(0.5534, 10.5802, 0.6061, 11.6562);
    static final FittedGammaGamma SPEND = FittedGammaGamma.of(6.25, 3.74, 15.44);

    static List<CustomerSummary> cdnow() {
        List<CustomerSummary> out = new ArrayList<>();
        for (Cdnow.Cbs c : Cdnow.cbs()) {
            out.add(new CustomerSummary(c.id(), c.x(), c.tx(), c.T(), c.mx()));
        }
        return out;
    }

    @Test
    void equalsScoringOneByOneForBothModels() {
        List<CustomerSummary> customers = cdnow();
        Clv clv = new Clv(0.1, 12, 0.3, Period.WEEK);
        for (RepeatBuyingModel model : List.of(BGNBD, PNBD)) {
            CustomerScoring.Scores scores = CustomerScoring.score(customers, model, SPEND, 52, clv);
            assertThat(scores.size()).isEqualTo(customers.size());
            for (int i = 0; i < customers.size(); i++) {
                CustomerSummary s = customers.get(i);
                double expected = model.expectedPurchases(52, s.x(), s.tx(), s.T());
                double spend = SPEND.expectedSpend(s.x(), s.monetary());
                double value = clv.value(t -> model.expectedPurchases(t, s.x(), s.tx(), s.T()), spend);
                assertThat(scores.pAlive()[i]).isEqualTo(model.pAlive(s.x(), s.tx(), s.T()));
                assertThat(scores.expectedPurchases()[i]).isCloseTo(expected, offset(1e-12 * Math.max(1, expected)));
                assertThat(scores.expectedSpend()[i]).isEqualTo(spend);
                assertThat(scores.clv()[i]).isCloseTo(value, offset(1e-10 * Math.max(1, value)));
            }
        }
    }

    @Test
    void expectedPurchasesAreAliveTimesIfAlive() {
        // The factorisation the scoring relies on, checked against the closed form of FHL 2005, eq. 10, written out.
        double r = BGNBD.r(), alpha = BGNBD.alpha(), a = BGNBD.a(), b = BGNBD.b();
        int x = 2;
        double tx = 30.43, T = 38.86, t = 39;
        double hyp = io.fidelis.core.special.Hypergeometric2F1.value(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
        double eq10 = (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp)
                / (1 + a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x));
        assertThat(BGNBD.expectedPurchases(t, x, tx, T)).isCloseTo(eq10, offset(1e-12));
        // 1.226 in lifetimes' tests (test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet).
        assertThat(eq10).isCloseTo(1.226, offset(5e-4));
    }

    @Test
    void withoutSpendModelRepeatBuyersUseTheirOwnMeanAndOthersHaveNoValue() {
        List<CustomerSummary> customers = List.of(new CustomerSummary("a", 0, 0, 30, 0),
                new CustomerSummary("b", 3, 20, 30, 12.5));
        CustomerScoring.Scores scores = CustomerScoring.score(customers, BGNBD, null, 52, Clv.defaults());
        assertThat(scores.expectedSpend()[0]).isNaN();
        assertThat(scores.clv()[0]).isNaN();
        assertThat(scores.expectedSpend()[1]).isEqualTo(12.5);
        assertThat(scores.clv()[1]).isPositive();
    }

    @Test
    void holdoutTotalIsTheSumOverCustomers() {
        List<CustomerSummary> customers = cdnow();
        double oneByOne = 0;
        for (CustomerSummary s : customers) {
            oneByOne += BGNBD.expectedPurchases(39, s.x(), s.tx(), s.T());
        }
        assertThat(CustomerScoring.expectedTotal(customers, BGNBD, 39)).isCloseTo(oneByOne, offset(1e-9));
    }

    @Test
    void manyCustomersSharingFewPairsGrowTheTable() {
        // 50,000 customers over 700 distinct (x, T) pairs: the table rehashes several times and keeps every pair.
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            int x = i % 7;
            double T = 10 + (i % 100);
            customers.add(new CustomerSummary("c" + i, x, x == 0 ? 0 : T / 2, T, 10));
        }
        CustomerSummary[] rows = customers.toArray(CustomerSummary[]::new);
        DistinctRows pairs = CustomerScoring.pairs(rows);
        assertThat(pairs.size()).isEqualTo(700);
        assertThat(java.util.Arrays.stream(pairs.count).sum()).isEqualTo(50_000);
        for (int i = 0; i < rows.length; i++) {
            assertThat(pairs.x[pairs.index[i]]).isEqualTo(rows[i].x());
            assertThat(pairs.T[pairs.index[i]]).isEqualTo(rows[i].T());
        }
    }
}
