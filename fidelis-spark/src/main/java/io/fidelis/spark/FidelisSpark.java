package io.fidelis.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fidelis.core.clv.Clv;
import io.fidelis.core.clv.ClvAnalysis;
import io.fidelis.core.loyalty.LoyaltyStagePolicy;
import io.fidelis.core.summary.Period;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job for {@code spark-submit}: reads purchase lines, writes every customer's profile, prints the fits as JSON.
 * See fidelis-spark/README.md for the options.
 */
public final class FidelisSpark {
    private FidelisSpark() {
    }

    public static void main(String[] args) {
        Map<String, List<String>> a;
        try {
            a = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (a.containsKey("help")) {
            System.out.println(usage());
            return;
        }
        SparkSession spark = SparkSession.builder().appName("fidelis-profiles")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        try {
            long started = System.nanoTime();
            ProfileJob.Options options = options(a, spark.sparkContext().defaultParallelism());
            Dataset<Row> table = PurchaseSource.read(spark, PurchaseSource.Format.of(one(a, "input-format", "parquet")),
                    required(a, "input"), pairs(a, "option"));
            PurchaseSource.Columns columns = new PurchaseSource.Columns(one(a, "customer-column", "customer_id"),
                    one(a, "date-column", "date"), one(a, "amount-column", "amount"), one(a, "quantity-column", null),
                    one(a, "price-column", null), one(a, "segment-column", null));
            Dataset<Row> lines = PurchaseSource.lines(table, columns, one(a, "zone", "UTC"), one(a, "date-format", null));
            try (ProfileJob.Result result = ProfileJob.run(lines, options)) {
                ProfileSink.write(result.profiles(), ProfileSink.Format.of(one(a, "output-format", "parquet")),
                        required(a, "output"), pairs(a, "output-option"));
                System.out.println(json(result, (System.nanoTime() - started) / 1e9));
            }
        } finally {
            spark.stop();
        }
    }

    static ProfileJob.Options options(Map<String, List<String>> a, int defaultParallelism) {
        LocalDate end = LocalDate.parse(required(a, "observation-end"));
        Clv clv = new Clv(Double.parseDouble(one(a, "discount-rate", "0.10")),
                Integer.parseInt(one(a, "clv-months", "12")), Double.parseDouble(one(a, "margin-ratio", "1")),
                Period.WEEK);
        int partitions = Integer.parseInt(one(a, "partitions", Integer.toString(Math.max(8, 4 * defaultParallelism))));
        return new ProfileJob.Options(end, ClvAnalysis.Model.valueOf(one(a, "model", "bgnbd").toUpperCase(Locale.ROOT)),
                Double.parseDouble(one(a, "horizon", "52")), clv, LoyaltyStagePolicy.Settings.defaults(), partitions);
    }

    static String json(ProfileJob.Result r, double seconds) {
        StringBuilder out = new StringBuilder("{\"customers\": ").append(r.counts().customers())
                .append(", \"distinctRows\": ").append(r.counts().rows())
                .append(", \"model\": \"").append(r.model() instanceof io.fidelis.core.clv.FittedBgNbd ? "bgnbd" : "pnbd")
                .append("\", \"params\": {");
        appendParams(out, r.model().fit() == null ? Map.of() : r.model().fit().params());
        out.append("}, \"logLikelihood\": ").append(r.model().fit() == null ? "null" : r.model().fit().logLikelihood())
                .append(", \"spend\": ");
        if (r.spend() == null) {
            out.append("null");
        } else {
            out.append("{\"p\": ").append(r.spend().p()).append(", \"q\": ").append(r.spend().q())
                    .append(", \"gamma\": ").append(r.spend().gamma()).append('}');
        }
        out.append(", \"typicalRates\": {");
        appendParams(out, new java.util.TreeMap<>(r.population().typicalRates()));
        return out.append("}, \"seconds\": ").append(String.format(Locale.ROOT, "%.3f", seconds)).append('}')
                .toString();
    }

    private static void appendParams(StringBuilder out, Map<String, Double> params) {
        String sep = "";
        for (Map.Entry<String, Double> e : params.entrySet()) {
            out.append(sep).append('"').append(e.getKey().replace("\"", "\\\"")).append("\": ").append(e.getValue());
            sep = ", ";
        }
    }

    /** {@code --name value} pairs; a repeated name keeps every value. */
    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("help")) {
                out.put(name, List.of());
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(args[++i]);
        }
        return out;
    }

    static String required(Map<String, List<String>> a, String name) {
        String v = one(a, name, null);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    static String one(Map<String, List<String>> a, String name, String otherwise) {
        List<String> v = a.get(name);
        return v == null || v.isEmpty() ? otherwise : v.get(v.size() - 1);
    }

    /** Repeated {@code key=value} options. */
    static Map<String, String> pairs(Map<String, List<String>> a, String name) {
        Map<String, String> out = new HashMap<>();
        for (String kv : a.getOrDefault(name, List.of())) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--" + name + " needs key=value, got " + kv);
            }
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }

    static String usage() {
        return """
                usage: spark-submit --class io.fidelis.spark.FidelisSpark fidelis-spark-VERSION-job.jar
                  --input PATH|TABLE [--input-format parquet|csv|jdbc] [--option key=value]...
                  [--customer-column customer_id] [--date-column date] [--amount-column amount]
                  [--quantity-column Q --price-column P] [--segment-column S] [--date-format PATTERN] [--zone UTC]
                  --observation-end YYYY-MM-DD [--model bgnbd|pnbd] [--horizon 52] [--clv-months 12]
                  [--discount-rate 0.10] [--margin-ratio 1] [--partitions N]
                  --output PATH|TABLE [--output-format parquet|jdbc] [--output-option key=value]...""";
    }
}
