package io.fidelis.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_date;

import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.TimestampNTZType;

/**
 * Purchase lines from Parquet, CSV (with a header) or a JDBC table or query, as the lines the job works on:
 * {@code customer_id} (string), {@code segment} (string or null), {@code day} (the local day as days since
 * 1970-01-01) and {@code amount} (double; a negative amount is a return). Lines without a customer, a date or an
 * amount are left out.
 */
public final class PurchaseSource {
    private PurchaseSource() {
    }

    public enum Format {
        PARQUET, CSV, JDBC;

        public static Format of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Which columns hold what. With a quantity and a price column the amount is quantity × price; otherwise the
     * amount column. The segment column is optional (null: every customer in one segment).
     */
    public record Columns(String customer, String date, String amount, String quantity, String price,
                          String segment) {
        public static Columns defaults() {
            return new Columns("customer_id", "date", "amount", null, null, null);
        }
    }

    /**
     * The table as stored.
     *
     * @param location a path (Parquet, CSV) or a table name (JDBC; or give the option {@code query} instead)
     * @param options  passed to Spark's reader as they are (for JDBC: {@code url}, {@code user}, {@code password},
     *                 {@code partitionColumn} and so on)
     */
    public static Dataset<Row> read(SparkSession spark, Format format, String location, Map<String, String> options) {
        return switch (format) {
            case PARQUET -> spark.read().options(options).parquet(location);
            case CSV -> spark.read().option("header", "true").options(options).csv(location);
            case JDBC -> {
                var reader = spark.read().format("jdbc").options(options);
                yield (options.containsKey("query") ? reader : reader.option("dbtable", location)).load();
            }
        };
    }

    /**
     * The lines from a table as stored.
     *
     * @param zone       for a timestamp column (an instant), the time zone whose calendar days count (needs the
     *                   session time zone UTC, as {@link FidelisSpark} sets it)
     * @param dateFormat for a string column, Spark's pattern ({@code M/d/yyyy H:mm}, say), or null for ISO dates (the
     *                   date part of an ISO date-time is taken as it is written)
     */
    public static Dataset<Row> lines(Dataset<Row> table, Columns columns, String zone, String dateFormat) {
        // Resolved as Spark resolves names (a database may have upper-cased them).
        DataType dateType = table.select(col(columns.date())).schema().fields()[0].dataType();
        Column date = col(columns.date());
        Column day;
        if (dateType.equals(DataTypes.DateType)) {
            day = date;
        } else if (dateType.equals(DataTypes.TimestampType)) {
            String sessionZone = table.sparkSession().conf().get("spark.sql.session.timeZone");
            if (!"UTC".equals(sessionZone) && !"Etc/UTC".equals(sessionZone)) {
                throw new IllegalStateException("timestamps need spark.sql.session.timeZone=UTC, got " + sessionZone);
            }
            day = to_date(from_utc_timestamp(date, zone));
        } else if (dateType instanceof TimestampNTZType) {
            day = to_date(date);
        } else {
            Column text = date.cast(DataTypes.StringType);
            day = dateFormat == null ? to_date(text) : to_date(text, dateFormat);
        }
        Column amount = columns.quantity() != null && columns.price() != null
                ? col(columns.quantity()).cast(DataTypes.DoubleType).multiply(col(columns.price())
                .cast(DataTypes.DoubleType))
                : col(columns.amount()).cast(DataTypes.DoubleType);
        Column segment = columns.segment() == null ? lit(null).cast(DataTypes.StringType)
                : col(columns.segment()).cast(DataTypes.StringType);
        return table.select(col(columns.customer()).cast(DataTypes.StringType).as("customer_id"),
                        segment.as("segment"), unix_date(day).as("day"), amount.as("amount"))
                .where(col("customer_id").isNotNull().and(col("customer_id").notEqual(lit("")))
                        .and(col("day").isNotNull()).and(col("amount").isNotNull()));
    }
}
