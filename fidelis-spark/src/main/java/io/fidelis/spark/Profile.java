package io.fidelis.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One customer's profile as the job writes it: the summary (occasions, x, t_x and T in weeks, mean repeat value), the
 * net value, the recent occasions, P(alive), the expected purchases over the horizon, the expected spend per purchase,
 * the CLV, RFM (code and segment), the loyalty stage, its overlay and the loyalty index. A value that is not a finite
 * number (no spend model and no repeat purchase, say) is written as null.
 */
public record Profile(String customerId, String segment, int occasions, int x, double tx, double T, double monetary,
                      double netValue, int recentOccasions, double pAlive, double expectedPurchases,
                      double expectedSpend, double clv, String rfm, String rfmSegment, String stage, String overlay,
                      double loyaltyIndex) {

    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("segment", DataTypes.StringType, true),
            DataTypes.createStructField("occasions", DataTypes.IntegerType, false),
            DataTypes.createStructField("x", DataTypes.IntegerType, false),
            DataTypes.createStructField("t_x", DataTypes.DoubleType, false),
            DataTypes.createStructField("t_cal", DataTypes.DoubleType, false),
            DataTypes.createStructField("monetary", DataTypes.DoubleType, false),
            DataTypes.createStructField("net_value", DataTypes.DoubleType, false),
            DataTypes.createStructField("recent_occasions", DataTypes.IntegerType, false),
            DataTypes.createStructField("p_alive", DataTypes.DoubleType, true),
            DataTypes.createStructField("expected_purchases", DataTypes.DoubleType, true),
            DataTypes.createStructField("expected_spend", DataTypes.DoubleType, true),
            DataTypes.createStructField("clv", DataTypes.DoubleType, true),
            DataTypes.createStructField("rfm", DataTypes.StringType, false),
            DataTypes.createStructField("rfm_segment", DataTypes.StringType, false),
            DataTypes.createStructField("stage", DataTypes.StringType, false),
            DataTypes.createStructField("overlay", DataTypes.StringType, false),
            DataTypes.createStructField("loyalty_index", DataTypes.DoubleType, false)});

    public Row toRow() {
        return RowFactory.create(customerId, segment, occasions, x, tx, T, monetary, netValue, recentOccasions,
                orNull(pAlive), orNull(expectedPurchases), orNull(expectedSpend), orNull(clv), rfm, rfmSegment, stage,
                overlay, loyaltyIndex);
    }

    public static Profile of(Row r) {
        return new Profile(r.getString(0), r.getString(1), r.getInt(2), r.getInt(3), r.getDouble(4), r.getDouble(5),
                r.getDouble(6), r.getDouble(7), r.getInt(8), orNaN(r, 9), orNaN(r, 10), orNaN(r, 11), orNaN(r, 12),
                r.getString(13), r.getString(14), r.getString(15), r.getString(16), r.getDouble(17));
    }

    public static List<Profile> of(List<Row> rows) {
        List<Profile> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(of(r)));
        return out;
    }

    private static Double orNull(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static double orNaN(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }
}
