package io.fidelis.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the Spark tests share: one local[2] session per test class, generated lines, the purchase table of the JDBC
 * tests, and comparing profiles.
 */
final class SparkTests {
    static final LocalDate END = LocalDate.of(2025, 12, 31);
    static final double TOLERANCE = 1e-9;
    static final StructType LINES = new StructType()
            .add("customer_id", DataTypes.StringType).add("segment", DataTypes.StringType)
            .add("date", DataTypes.DateType).add("amount", DataTypes.DoubleType);

    private SparkTests() {
    }

    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("fidelis-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.adaptive.enabled", "false").getOrCreate();
    }

    record Line(String customerId, String segment, int day, double amount) {
        Row row() {
            return RowFactory.create(customerId, segment, java.sql.Date.valueOf(LocalDate.ofEpochDay(day)), amount);
        }
    }

    static List<Line> generated(long lines, long seed) {
        List<Line> out = new ArrayList<>();
        PurchaseGenerator.generate(lines, seed, END, (c, s, d, a) -> out.add(new Line(c, s, d, a)));
        return out;
    }

    static Dataset<Row> frame(SparkSession spark, List<Line> lines) {
        return spark.createDataFrame(lines.stream().map(Line::row).toList(), LINES);
    }

    /**
     * Creates the JDBC tests' table {@code purchase_line} (customer_id, purchased_at as an instant, amount as a
     * decimal, segment) with the lines, each bought at 20:00 in Shanghai: 12:00 UTC of the same local day. The same
     * statements in H2 and PostgreSQL.
     */
    static void createPurchaseTable(Connection c, List<Line> lines) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table purchase_line (customer_id varchar(20), purchased_at timestamp with time zone,"
                    + " amount numeric(19,4), segment varchar(40))");
        }
        try (PreparedStatement insert = c.prepareStatement("insert into purchase_line values (?, ?, ?, ?)")) {
            for (Line l : lines) {
                insert.setString(1, l.customerId());
                insert.setObject(2, LocalDate.ofEpochDay(l.day()).atTime(20, 0).atOffset(ZoneOffset.ofHours(8)));
                insert.setBigDecimal(3, BigDecimal.valueOf(l.amount()));
                insert.setString(4, l.segment());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** {@code purchase_line} read over JDBC (options: url, user, password) as the job's lines, days in Shanghai. */
    static Dataset<Row> jdbcLines(SparkSession spark, Map<String, String> connection) {
        Map<String, String> options = new HashMap<>(connection);
        options.put("query", "select customer_id, purchased_at, amount, segment from purchase_line");
        Dataset<Row> table = PurchaseSource.read(spark, PurchaseSource.Format.JDBC, null, options);
        return PurchaseSource.lines(table, new PurchaseSource.Columns("customer_id", "purchased_at", "amount", null,
                null, "segment"), "Asia/Shanghai", null);
    }

    /** The single-machine core on the same lines. */
    static CoreProfiles.Result core(List<Line> lines, ProfileJob.Options options) {
        CoreProfiles core = new CoreProfiles(options);
        lines.forEach(l -> core.add(l.customerId(), l.segment(), l.day(), l.amount()));
        return core.run();
    }

    static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(Math.abs(actual - expected)).as("%s: %s against %s", what, actual, expected)
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
        }
    }

    /** Every customer's profile from Spark equals the core's to 1e-9 (relative above 1), and the texts exactly. */
    static void assertSameProfiles(List<Profile> spark, List<Profile> core) {
        assertThat(spark).hasSameSizeAs(core);
        Map<String, Profile> byId = new HashMap<>();
        spark.forEach(p -> byId.put(p.customerId(), p));
        for (Profile c : core) {
            Profile s = byId.get(c.customerId());
            assertThat(s).as(c.customerId()).isNotNull();
            String id = c.customerId() + " ";
            assertThat(s.segment()).isEqualTo(c.segment());
            assertThat(s.occasions()).as(id + "occasions").isEqualTo(c.occasions());
            assertThat(s.x()).isEqualTo(c.x());
            assertThat(s.recentOccasions()).as(id + "recent").isEqualTo(c.recentOccasions());
            assertClose(s.tx(), c.tx(), id + "t_x");
            assertClose(s.T(), c.T(), id + "T");
            assertClose(s.monetary(), c.monetary(), id + "monetary");
            assertClose(s.netValue(), c.netValue(), id + "net value");
            assertClose(s.pAlive(), c.pAlive(), id + "P(alive)");
            assertClose(s.expectedPurchases(), c.expectedPurchases(), id + "expected purchases");
            assertClose(s.expectedSpend(), c.expectedSpend(), id + "expected spend");
            assertClose(s.clv(), c.clv(), id + "CLV");
            assertClose(s.loyaltyIndex(), c.loyaltyIndex(), id + "loyalty index");
            assertThat(s.rfm()).as(id + "RFM").isEqualTo(c.rfm());
            assertThat(s.rfmSegment()).isEqualTo(c.rfmSegment());
            assertThat(s.stage()).as(id + "stage").isEqualTo(c.stage());
            assertThat(s.overlay()).as(id + "overlay").isEqualTo(c.overlay());
        }
    }
}
