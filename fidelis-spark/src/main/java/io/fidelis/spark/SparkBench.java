package io.fidelis.spark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The scaling benchmark: generated purchase lines ({@link PurchaseGenerator}), the single-JVM core
 * ({@link CoreProfiles}, reading the CSV) against the Spark job in local[1] and local[2] (reading the same lines as
 * Parquet, writing the profiles as Parquet), alternating which goes first, in one JVM. Each run of each engine is
 * timed from the input file to every profile computed; Spark's session start is not timed. Prints every run, the
 * medians and the median of the per-run ratios against the core.
 *
 * <pre>java [Spark's --add-opens] -cp JAR:CLASSPATH io.fidelis.spark.SparkBench --lines 10000000 --runs 3 --dir DIR</pre>
 */
public final class SparkBench {
    static final LocalDate END = LocalDate.of(2025, 12, 31);
    static final StructType CSV_SCHEMA = new StructType().add("customer_id", DataTypes.StringType)
            .add("segment", DataTypes.StringType).add("date", DataTypes.DateType).add("amount", DataTypes.DoubleType);

    private SparkBench() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, List<String>> a = FidelisSpark.parse(args);
        long lines = Long.parseLong(FidelisSpark.one(a, "lines", "10000000"));
        int runs = Integer.parseInt(FidelisSpark.one(a, "runs", "3"));
        long seed = Long.parseLong(FidelisSpark.one(a, "seed", "42"));
        Path dir = Path.of(FidelisSpark.one(a, "dir", System.getProperty("java.io.tmpdir") + "/fidelis-spark-bench"));
        String engines = FidelisSpark.one(a, "engines", "core,local[1],local[2]");
        Files.createDirectories(dir);
        Path csv = dir.resolve("lines-" + lines + ".csv");
        Path parquet = dir.resolve("lines-" + lines + ".parquet");
        if (!Files.exists(csv)) {
            long t = System.nanoTime();
            long customers;
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("customer_id,segment,date,amount\n");
                customers = PurchaseGenerator.generate(lines, seed, END, (c, s, d, v) -> {
                    try {
                        w.write(c + "," + s + "," + LocalDate.ofEpochDay(d) + "," + v + "\n");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            System.out.printf(Locale.ROOT, "generated %,d lines of %,d customers (%,d bytes) in %.1f s%n", lines,
                    customers, Files.size(csv), (System.nanoTime() - t) / 1e9);
        }
        if (!Files.exists(parquet)) {
            SparkSession spark = session("local[2]");
            spark.read().option("header", "true").schema(CSV_SCHEMA).csv(csv.toString()).write()
                    .parquet(parquet.toString());
            spark.stop();
        }
        List<String> order = Arrays.asList(engines.split(","));
        Map<String, double[]> seconds = new java.util.LinkedHashMap<>();
        order.forEach(e -> seconds.put(e, new double[runs]));
        for (int run = 0; run < runs; run++) {
            for (int k = 0; k < order.size(); k++) {
                String engine = order.get((k + run) % order.size());
                double s = engine.equals("core") ? core(csv) : spark(engine, parquet, dir.resolve("profiles"));
                seconds.get(engine)[run] = s;
                System.out.printf(Locale.ROOT, "run %d %-9s %8.2f s%n", run + 1, engine, s);
            }
        }
        System.out.printf(Locale.ROOT, "%n%,d lines, %d runs, %d cores, heap %d MB%n", lines, runs,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        double[] base = seconds.get("core");
        for (Map.Entry<String, double[]> e : seconds.entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s median %8.2f s  runs", e.getKey(),
                    median(e.getValue())));
            for (double v : e.getValue()) {
                line.append(String.format(Locale.ROOT, " %.2f", v));
            }
            if (base != null) {
                double[] ratio = new double[runs];
                for (int r = 0; r < runs; r++) {
                    ratio[r] = e.getValue()[r] / base[r];
                }
                line.append(String.format(Locale.ROOT, "  / core: median %.2f (runs", median(ratio)));
                for (double v : ratio) {
                    line.append(String.format(Locale.ROOT, " %.2f", v));
                }
                line.append(')');
            }
            System.out.println(line);
        }
    }

    /** The core on one JVM: the CSV read line by line, then {@link CoreProfiles#run()}. */
    static double core(Path csv) throws IOException {
        long t = System.nanoTime();
        CoreProfiles core = new CoreProfiles(ProfileJob.Options.defaults(END, 1));
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int a = line.indexOf(',');
                int b = line.indexOf(',', a + 1);
                int c = line.indexOf(',', b + 1);
                int day = Math.toIntExact(LocalDate.of(Integer.parseInt(line, b + 1, b + 5, 10),
                        Integer.parseInt(line, b + 6, b + 8, 10), Integer.parseInt(line, b + 9, b + 11, 10))
                        .toEpochDay());
                core.add(line.substring(0, a), line.substring(a + 1, b), day, Double.parseDouble(line.substring(c + 1)));
            }
        }
        int profiles = core.run().profiles().size();
        double s = (System.nanoTime() - t) / 1e9;
        if (profiles == 0) {
            throw new IllegalStateException("no profiles");
        }
        return s;
    }

    /** The Spark job from Parquet to Parquet in a new session with this master; the session start is not timed. */
    static double spark(String master, Path parquet, Path out) {
        SparkSession spark = session(master);
        try {
            long t = System.nanoTime();
            int cores = spark.sparkContext().defaultParallelism();
            Dataset<Row> lines = PurchaseSource.lines(PurchaseSource.read(spark, PurchaseSource.Format.PARQUET,
                    parquet.toString(), Map.of()), new PurchaseSource.Columns("customer_id", "date", "amount", null,
                    null, "segment"), "UTC", null);
            try (ProfileJob.Result result = ProfileJob.run(lines, ProfileJob.Options.defaults(END, 8 * cores))) {
                ProfileSink.write(result.profiles(), ProfileSink.Format.PARQUET, out.toString(), Map.of());
            }
            return (System.nanoTime() - t) / 1e9;
        } finally {
            spark.stop();
        }
    }

    static SparkSession session(String master) {
        SparkSession spark = SparkSession.builder().master(master).appName("fidelis-spark-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", "16")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
