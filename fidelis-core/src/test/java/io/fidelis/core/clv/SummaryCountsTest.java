package io.fidelis.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.fidelis.core.summary.CustomerSummary;
import org.junit.jupiter.api.Test;

/**
 * Fits from grouped summaries are the fits of the customers in the canonical order, whatever order the rows come in.
 * The expected values are the existing list fits ({@link BgNbd#fit(List, BgNbd.Options)} and the others) on the
 * same customers sorted by (x, t_x, T, monetary); the data are the CDNOW calibration summaries (BTYD) and, for the
 * large-data path (subsample start, then Newton), 30,000 customers drawn from a BG/NBD-like process.
 */
class SummaryCountsTest {

    static List<CustomerSummary> sorted(List<CustomerSummary> customers) {
        List<CustomerSummary> out = new ArrayList<>();
        for (CustomerSummary s : customers) {
            out.add(new CustomerSummary("", s.x(), s.tx(), s.T(), s.monetary()));
        }
        out.sort(Comparator.comparingInt(CustomerSummary::x).thenComparingDouble(CustomerSummary::tx)
                .thenComparingDouble(CustomerSummary::T).thenComparingDouble(CustomerSummary::monetary));
        return out;
    }

    static List<CustomerSummary> drawn(int n, long seed) {
        Random rnd = new Random(seed);
        List<CustomerSummary> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int end = 10 + rnd.nextInt(700);
            double rate = -Math.log(rnd.nextDouble()) * 0.02;
            double drop = rnd.nextDouble() * 0.5;
            int day = 0;
            int last = 0;
            int x = 0;
            while (true) {
                day += (int) Math.ceil(-Math.log(rnd.nextDouble()) / rate);
                if (day > end) {
                    break;
                }
                x++;
                last = day;
                if (rnd.nextDouble() < drop) {
                    break;
                }
            }
            double m = x == 0 ? 0 : Math.round((5 + 40 * rnd.nextDouble()) * 4) / 4.0;
            out.add(new CustomerSummary("c" + i, x, last / 7.0, end / 7.0, m));
        }
        return out;
    }

    @Test
    void groupsEqualRowsAndListsTheCustomersInCanonicalOrder() {
        List<CustomerSummary> customers = CustomerScoringTest.cdnow();
        SummaryCounts counts = SummaryCounts.of(customers);
        assertThat(counts.customers()).isEqualTo(customers.size());
        assertThat(counts.rows()).isLessThan(customers.size());
        assertThat(counts.asList()).containsExactlyElementsOf(sorted(customers));
    }

    @Test
    void fitsEqualTheListFitsInCanonicalOrderWhateverTheOrderOfTheRows() {
        List<CustomerSummary> customers = CustomerScoringTest.cdnow();
        List<CustomerSummary> shuffled = new ArrayList<>(customers);
        Collections.shuffle(shuffled, new Random(7));
        SummaryCounts counts = SummaryCounts.of(shuffled);
        List<CustomerSummary> canonical = sorted(customers);

        assertThat(BgNbd.fit(counts, BgNbd.Options.defaults()))
                .isEqualTo(BgNbd.fit(canonical, BgNbd.Options.defaults()))
                .isEqualTo(BgNbd.fit(SummaryCounts.of(customers), BgNbd.Options.defaults()));
        assertThat(ParetoNbd.fit(counts, ParetoNbd.Options.defaults()))
                .isEqualTo(ParetoNbd.fit(canonical, ParetoNbd.Options.defaults()));
        assertThat(GammaGamma.fit(counts, GammaGamma.Options.defaults()))
                .isEqualTo(GammaGamma.fit(canonical, GammaGamma.Options.defaults()));
        // And the published CDNOW BG/NBD estimates (FHL 2005), as the list fit in file order gives them.
        FittedBgNbd fit = BgNbd.fit(counts, BgNbd.Options.defaults());
        assertThat(fit.r()).isCloseTo(0.2426, org.assertj.core.data.Offset.offset(5e-4));
        assertThat(fit.a()).isCloseTo(0.793, org.assertj.core.data.Offset.offset(5e-3));
    }

    @Test
    void theLargeDataPathTooAndRowsGivenWithCountsEqualRowsGivenOneByOne() {
        List<CustomerSummary> customers = drawn(30_000, 3);
        SummaryCounts one = SummaryCounts.of(customers);
        // The same rows with counts, in reverse order, one row split in two.
        List<CustomerSummary> rows = one.asList();
        List<CustomerSummary> distinct = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (CustomerSummary s : rows) {
            if (!distinct.isEmpty() && distinct.get(distinct.size() - 1).equals(s)) {
                counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
            } else {
                distinct.add(s);
                counts.add(1L);
            }
        }
        int n = distinct.size() + 1;
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] m = new double[n];
        long[] c = new long[n];
        int big = counts.indexOf(Collections.max(counts));
        for (int k = 0; k < distinct.size(); k++) {
            int i = distinct.size() - 1 - k;
            CustomerSummary s = distinct.get(k);
            x[i] = s.x();
            tx[i] = s.tx();
            T[i] = s.T();
            m[i] = s.monetary();
            c[i] = k == big ? counts.get(k) - 1 : counts.get(k);
            if (k == big) {
                x[n - 1] = s.x();
                tx[n - 1] = s.tx();
                T[n - 1] = s.T();
                m[n - 1] = s.monetary();
                c[n - 1] = 1;
            }
        }
        SummaryCounts grouped = SummaryCounts.of(x, tx, T, m, c);
        assertThat(grouped.rows()).isEqualTo(one.rows()).isEqualTo(distinct.size());
        assertThat(grouped.asList()).containsExactlyElementsOf(rows);

        FittedBgNbd fit = BgNbd.fit(grouped, BgNbd.Options.defaults());
        assertThat(fit).isEqualTo(BgNbd.fit(sorted(customers), BgNbd.Options.defaults()));
        assertThat(fit.fit().evaluations()).isLessThan(200); // the subsample start and Newton, not the simplex
        assertThat(GammaGamma.fit(grouped, GammaGamma.Options.defaults()))
                .isEqualTo(GammaGamma.fit(sorted(customers), GammaGamma.Options.defaults()));
    }

    @Test
    void refusesInconsistentRows() {
        assertThatThrownBy(() -> SummaryCounts.of(new int[] {1}, new double[] {2}, new double[] {1},
                new double[] {0}, new long[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SummaryCounts.of(new int[] {1}, new double[] {1}, new double[] {2},
                new double[] {0}, new long[] {0})).isInstanceOf(IllegalArgumentException.class);
    }
}
