package io.fidelis.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import io.fidelis.core.summary.TransactionColumns;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Customer summaries in two steps. First each customer's <em>days</em>: per customer and local day the net value of
 * the lines and whether anything was bought (an amount of 0 or more), and the customer's segment (the greatest one
 * named). These are sums, "or" and maxima, so partial states from any split of the lines merge into the state of the
 * whole ({@link #merge}): Spark combines them on each machine before the shuffle. Then, with all of a customer's days
 * in one partition, fidelis-core's {@link TransactionColumns} turns them into the summaries, so the conventions are
 * the core's own (occasions, x, t_x and T in weeks, the monetary value of the repeat occasions net of returns).
 */
public final class CustomerDays {
    /** The summaries, with what scoring needs besides: recent occasions and the net value up to the end. */
    public static final StructType SUMMARY_SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("segment", DataTypes.StringType, true),
            DataTypes.createStructField("x", DataTypes.IntegerType, false),
            DataTypes.createStructField("t_x", DataTypes.DoubleType, false),
            DataTypes.createStructField("t_cal", DataTypes.DoubleType, false),
            DataTypes.createStructField("monetary", DataTypes.DoubleType, false),
            DataTypes.createStructField("recent_occasions", DataTypes.IntegerType, false),
            DataTypes.createStructField("net_value", DataTypes.DoubleType, false)});

    private CustomerDays() {
    }

    /**
     * The day states of some lines ({@link PurchaseSource#lines}) up to the observation end: {@code customer_id},
     * {@code day}, {@code value}, {@code bought}, {@code segment}.
     */
    public static Dataset<Row> states(Dataset<Row> lines, int endDay) {
        return lines.where(col("day").leq(endDay)).groupBy("customer_id", "day")
                .agg(sum("amount").as("value"), max(col("amount").geq(0)).as("bought"), max("segment").as("segment"));
    }

    /** Day states merged: several states of one customer and day (from parts of the lines) become one. */
    public static Dataset<Row> merge(Dataset<Row> states) {
        return states.groupBy("customer_id", "day")
                .agg(sum("value").as("value"), max("bought").as("bought"), max("segment").as("segment"));
    }

    /** The summaries of day states in any partitioning ({@link #SUMMARY_SCHEMA}). */
    public static Dataset<Row> summaries(Dataset<Row> states, int endDay, int partitions) {
        return summariesOfClustered(states.repartition(partitions, col("customer_id")), endDay);
    }

    /** The summaries of day states already partitioned by customer (each customer's days in one partition). */
    static Dataset<Row> summariesOfClustered(Dataset<Row> states, int endDay) {
        return states.mapPartitions(new Finish(endDay), Encoders.row(SUMMARY_SCHEMA));
    }

    /** One partition's customers: their days into the core's columns, then the core's summaries. */
    private static final class Finish implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int endDay;

        Finish(int endDay) {
            this.endDay = endDay;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> states) {
            TransactionColumns columns = new TransactionColumns();
            String[] segment = new String[1024];
            double[] net = new double[1024];
            int[] recent = new int[1024];
            while (states.hasNext()) {
                Row r = states.next();
                int c = columns.customer(r.getString(0));
                if (c == segment.length) {
                    segment = Arrays.copyOf(segment, c * 2);
                    net = Arrays.copyOf(net, c * 2);
                    recent = Arrays.copyOf(recent, c * 2);
                }
                int day = r.getInt(1);
                double value = r.getDouble(2);
                boolean bought = r.getBoolean(3);
                String s = r.getString(4);
                if (s != null && (segment[c] == null || s.compareTo(segment[c]) > 0)) {
                    segment[c] = s;
                }
                net[c] += value;
                if (bought) {
                    // A day with a purchase is an occasion even if returns outweigh it: a line of 0 (a purchase to
                    // the core) and the day's net value, whose sum is that value.
                    columns.add(c, day, 0.0);
                    if (day > endDay - ProfileRules.RECENT_DAYS) {
                        recent[c]++;
                    }
                }
                columns.add(c, day, value);
            }
            List<CustomerSummary> summaries = columns.summaries(java.time.LocalDate.ofEpochDay(endDay), Period.WEEK);
            List<Row> out = new ArrayList<>(summaries.size());
            for (CustomerSummary s : summaries) {
                int c = columns.customer(s.customerId());
                out.add(RowFactory.create(s.customerId(), segment[c], s.x(), s.tx(), s.T(), s.monetary(), recent[c],
                        net[c]));
            }
            return out.iterator();
        }
    }

    /** A summary row as the core's record. */
    static CustomerSummary summary(Row r) {
        return new CustomerSummary(r.getString(0), r.getInt(2), r.getDouble(3), r.getDouble(4), r.getDouble(5));
    }
}
