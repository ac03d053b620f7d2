package io.fidelis.spark;

import static io.fidelis.spark.SparkTests.END;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fidelis.core.clv.SummaryCounts;
import io.fidelis.core.stats.Rfm;
import io.fidelis.core.summary.CustomerSummaries;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import io.fidelis.core.summary.Transaction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The aggregations are associative: the lines split into parts, each part aggregated on its own, the partial states
 * merged, give what the whole gives; and the summaries follow the core's conventions ({@link CustomerSummaries} on
 * the same lines, computed in the test). The population aggregates (grouped counts, typical rates, RFM boundaries)
 * equal what the core computes from all the customers at once.
 */
class CustomerDaysTest {
    static SparkSession spark;
    static List<SparkTests.Line> lines;
    static final int END_DAY = Math.toIntExact(END.toEpochDay());

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
        lines = SparkTests.generated(20_000, 7);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Dataset<Row> linesOf(List<SparkTests.Line> some) {
        return PurchaseSource.lines(SparkTests.frame(spark, some), new PurchaseSource.Columns("customer_id", "date",
                "amount", null, null, "segment"), "UTC", null);
    }

    static Map<String, Row> byCustomer(Dataset<Row> summaries) {
        Map<String, Row> out = new HashMap<>();
        summaries.collectAsList().forEach(r -> out.put(r.getString(0), r));
        return out;
    }

    @Test
    void partsAggregatedAloneAndMergedEqualTheWhole() {
        Map<String, Row> whole = byCustomer(CustomerDays.summaries(CustomerDays.states(linesOf(lines), END_DAY),
                END_DAY, 4));
        // Three parts, each line in a random one, so that one customer's day is split across parts.
        java.util.Random random = new java.util.Random(3);
        List<List<SparkTests.Line>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        lines.forEach(l -> parts.get(random.nextInt(3)).add(l));
        Dataset<Row> partial = null;
        for (List<SparkTests.Line> part : parts) {
            Dataset<Row> states = CustomerDays.states(linesOf(part), END_DAY);
            partial = partial == null ? states : partial.unionByName(states);
        }
        assertThat(partial.count()).isGreaterThan(CustomerDays.states(linesOf(lines), END_DAY).count());
        Map<String, Row> merged = byCustomer(CustomerDays.summaries(CustomerDays.merge(partial), END_DAY, 3));

        assertThat(merged).hasSameSizeAs(whole);
        // The amounts are quarters: sums are exact in any order, so the merge gives the very same numbers.
        whole.forEach((id, row) -> assertThat(merged.get(id)).as(id).isEqualTo(row));
    }

    @Test
    void summariesFollowTheCoreConventions() {
        // The generated lines, and by hand: a day whose return outweighs its purchase is still an occasion; a return
        // before the first purchase is ignored; a customer with returns only has no summary; lines after the end.
        List<SparkTests.Line> all = new ArrayList<>(lines);
        int d = END_DAY - 100;
        all.add(new SparkTests.Line("H1", null, d - 10, -5));
        all.add(new SparkTests.Line("H1", null, d, 10));
        all.add(new SparkTests.Line("H1", null, d + 7, 4));
        all.add(new SparkTests.Line("H1", null, d + 7, -9));
        all.add(new SparkTests.Line("H1", null, d + 14, 0));
        all.add(new SparkTests.Line("H1", null, END_DAY + 1, 50));
        all.add(new SparkTests.Line("H2", null, d, -3));
        List<Transaction> transactions = all.stream().map(l -> new Transaction(l.customerId(),
                LocalDate.ofEpochDay(l.day()), l.amount())).toList();
        List<CustomerSummary> core = CustomerSummaries.of(transactions, END, Period.WEEK);

        Map<String, Row> spark = byCustomer(CustomerDays.summaries(CustomerDays.states(linesOf(all), END_DAY),
                END_DAY, 4));
        assertThat(spark).hasSameSizeAs(core).doesNotContainKey("H2");
        for (CustomerSummary s : core) {
            assertThat(CustomerDays.summary(spark.get(s.customerId()))).isEqualTo(s);
        }
        assertThat(CustomerDays.summary(spark.get("H1"))).isEqualTo(new CustomerSummary("H1", 2, 2, 100 / 7.0, 0));
    }

    @Test
    void populationAggregatesEqualTheCoreOnAllCustomers() {
        Dataset<Row> summaries = CustomerDays.summaries(CustomerDays.states(linesOf(lines), END_DAY), END_DAY, 4)
                .cache();
        List<Row> rows = summaries.collectAsList();
        List<CustomerSummary> all = rows.stream().map(CustomerDays::summary).toList();

        SummaryCounts counts = ProfileJob.counts(summaries);
        assertThat(counts.asList()).isEqualTo(SummaryCounts.of(all).asList());

        Map<String, List<Double>> rates = new HashMap<>();
        for (Row r : rows) {
            CustomerSummary s = CustomerDays.summary(r);
            if (ProfileRules.countsForTypicalRate(s.x(), s.T())) {
                rates.computeIfAbsent(ProfileRules.segmentKey(r.getString(1)), k -> new ArrayList<>())
                        .add(ProfileRules.ratePerYear(s.x(), s.T()));
            }
        }
        Map<String, Double> typical = ProfileJob.typicalRates(summaries);
        assertThat(typical.keySet()).isEqualTo(rates.keySet());
        rates.forEach((k, v) -> assertThat(typical.get(k))
                .isEqualTo(ProfileRules.median(v.stream().mapToDouble(Double::doubleValue).toArray())));

        // The median from counts, for odd and even numbers of values with ties.
        TreeMap<Double, Long> c = new TreeMap<>(Map.of(1.0, 2L, 3.0, 1L, 5.0, 3L));
        assertThat(ProfileJob.median(c)).isEqualTo(ProfileRules.median(new double[] {1, 1, 3, 5, 5, 5}));
        c.put(7.0, 1L);
        assertThat(ProfileJob.median(c)).isEqualTo(ProfileRules.median(new double[] {1, 1, 3, 5, 5, 5, 7}));

        // RFM boundaries by a distributed sort equal the values at the same positions of the sorted column.
        long[] positions = Rfm.quintileBoundaryPositions(rows.size());
        double[] money = ProfileJob.orderStatistics(summaries.selectExpr("net_value as v"), positions);
        double[] sorted = rows.stream().mapToDouble(r -> r.getDouble(7)).sorted().toArray();
        for (int k = 0; k < 4; k++) {
            assertThat(money[k]).isEqualTo(sorted[(int) positions[k]]);
        }
        assertThat(rows.stream().map(r -> r.getString(0)).sorted(Comparator.naturalOrder()).distinct().count())
                .isEqualTo(rows.size());
        summaries.unpersist();
    }
}
