package io.fidelis.spark;

import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** Writes the profiles: Parquet files, or a table over JDBC (PostgreSQL, say), replacing what was there. */
public final class ProfileSink {
    private ProfileSink() {
    }

    public enum Format {
        PARQUET, JDBC;

        public static Format of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param location a directory (Parquet) or a table name (JDBC)
     * @param options  passed to Spark's writer (for JDBC: {@code url}, {@code user}, {@code password},
     *                 {@code batchsize}; an existing table is emptied and kept, with {@code truncate})
     */
    public static void write(Dataset<Row> profiles, Format format, String location, Map<String, String> options) {
        switch (format) {
            case PARQUET -> profiles.write().mode(SaveMode.Overwrite).options(options).parquet(location);
            case JDBC -> profiles.write().format("jdbc").mode(SaveMode.Overwrite).option("truncate", "true")
                    .option("dbtable", location).options(options).save();
        }
    }
}
