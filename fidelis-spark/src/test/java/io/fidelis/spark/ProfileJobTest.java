package io.fidelis.spark;

import static io.fidelis.spark.SparkTests.END;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.fidelis.core.clv.ClvAnalysis;
import io.fidelis.core.clv.FittedBgNbd;
import io.fidelis.core.clv.FittedParetoNbd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local[2] gives every customer the profile the single-machine core gives them on the same lines
 * ({@link CoreProfiles}, computed in each test), to 1e-9: the summaries, the fitted parameters, P(alive), expected
 * purchases and spend, CLV, RFM, the typical rates, the stage and overlay. From Parquet, CSV and JDBC (H2 in memory),
 * written back to Parquet and over JDBC; {@link ProfileJobOnPostgresTest} runs the JDBC case on a real PostgreSQL.
 */
class ProfileJobTest {
    static SparkSession spark;
    /** 130,000 generated lines: about 12,600 customers, so BG/NBD takes the large-data path (subsample, Newton). */
    static List<SparkTests.Line> lines;

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
        lines = SparkTests.generated(130_000, 42);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void fromParquetEqualsTheCoreOnTheSameLines(@TempDir Path dir) {
        String input = dir.resolve("lines.parquet").toString();
        SparkTests.frame(spark, lines).repartition(3).write().parquet(input);
        ProfileJob.Options options = ProfileJob.Options.defaults(END, 4);
        CoreProfiles.Result core = SparkTests.core(lines, options);

        Dataset<Row> read = PurchaseSource.lines(PurchaseSource.read(spark, PurchaseSource.Format.PARQUET, input,
                Map.of()), new PurchaseSource.Columns("customer_id", "date", "amount", null, null, "segment"), "UTC",
                null);
        try (ProfileJob.Result result = ProfileJob.run(read, options)) {
            assertThat(result.counts().customers()).isEqualTo(core.profiles().size()).isGreaterThan(10_000);
            assertThat(result.counts().rows()).isEqualTo(core.counts().rows());
            assertThat(result.counts().asList()).isEqualTo(core.counts().asList());
            FittedBgNbd fitted = (FittedBgNbd) result.model();
            FittedBgNbd expected = (FittedBgNbd) core.model();
            SparkTests.assertClose(fitted.r(), expected.r(), "r");
            SparkTests.assertClose(fitted.alpha(), expected.alpha(), "alpha");
            SparkTests.assertClose(fitted.a(), expected.a(), "a");
            SparkTests.assertClose(fitted.b(), expected.b(), "b");
            SparkTests.assertClose(result.spend().p(), core.spend().p(), "p");
            SparkTests.assertClose(result.spend().q(), core.spend().q(), "q");
            SparkTests.assertClose(result.spend().gamma(), core.spend().gamma(), "gamma");
            assertThat(result.population().typicalRates()).hasSize(3);
            result.population().typicalRates().forEach((segment, rate) ->
                    SparkTests.assertClose(rate, core.typicalRates().get(segment), segment));

            String output = dir.resolve("profiles.parquet").toString();
            ProfileSink.write(result.profiles(), ProfileSink.Format.PARQUET, output, Map.of());
            List<Profile> written = Profile.of(spark.read().parquet(output).collectAsList());
            SparkTests.assertSameProfiles(written, core.profiles());
            // Not a trivial comparison: the data reach several stages, overlays and RFM segments.
            assertThat(written.stream().map(Profile::stage).distinct()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(written.stream().map(Profile::overlay).distinct()).hasSize(3);
            assertThat(written.stream().map(Profile::rfmSegment).distinct().count()).isGreaterThan(6);
        }
    }

    @Test
    void paretoNbdFromCsvWithQuantityTimesPrice(@TempDir Path dir) {
        List<SparkTests.Line> few = lines.subList(0, 8_000);
        String input = dir.resolve("lines.csv").toString();
        // Amount as quantity 2 × half the price; dates as text.
        SparkTests.frame(spark, few).selectExpr("customer_id as cust", "segment", "cast(date as string) as day",
                "2 as qty", "amount / 2 as price").coalesce(1).write().option("header", "true").csv(input);
        ProfileJob.Options options = new ProfileJob.Options(END, ClvAnalysis.Model.PNBD, 52,
                io.fidelis.core.clv.Clv.defaults(), io.fidelis.core.loyalty.LoyaltyStagePolicy.Settings.defaults(), 3);
        CoreProfiles.Result core = SparkTests.core(few, options);

        Dataset<Row> read = PurchaseSource.lines(PurchaseSource.read(spark, PurchaseSource.Format.CSV, input,
                Map.of()), new PurchaseSource.Columns("cust", "day", null, "qty", "price", "segment"), "UTC", null);
        try (ProfileJob.Result result = ProfileJob.run(read, options)) {
            FittedParetoNbd fitted = (FittedParetoNbd) result.model();
            FittedParetoNbd expected = (FittedParetoNbd) core.model();
            SparkTests.assertClose(fitted.r(), expected.r(), "r");
            SparkTests.assertClose(fitted.s(), expected.s(), "s");
            SparkTests.assertClose(fitted.beta(), expected.beta(), "beta");
            SparkTests.assertSameProfiles(Profile.of(result.profiles().collectAsList()), core.profiles());
        }
    }

    @Test
    void fromJdbcAndBackOverJdbc() throws Exception {
        List<SparkTests.Line> few = lines.subList(0, 5_000);
        String url = "jdbc:h2:mem:fidelis_spark;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url)) {
            SparkTests.createPurchaseTable(c, few);
        }
        ProfileJob.Options options = ProfileJob.Options.defaults(END, 3);
        CoreProfiles.Result core = SparkTests.core(few, options);

        Dataset<Row> read = SparkTests.jdbcLines(spark, Map.of("url", url));
        try (ProfileJob.Result result = ProfileJob.run(read, options)) {
            ProfileSink.write(result.profiles(), ProfileSink.Format.JDBC, "customer_profile", Map.of("url", url));
        }
        List<Profile> back = Profile.of(spark.read().format("jdbc").option("url", url)
                .option("dbtable", "customer_profile").load().collectAsList());
        SparkTests.assertSameProfiles(back, core.profiles());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), count(\"clv\") from customer_profile")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(core.profiles().size());
            assertThat(r.getLong(2)).isEqualTo(core.profiles().stream().filter(p -> Double.isFinite(p.clv())).count());
        }
    }
}
