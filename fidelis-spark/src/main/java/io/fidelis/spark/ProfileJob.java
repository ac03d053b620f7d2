package io.fidelis.spark;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

import io.fidelis.core.clv.BgNbd;
import io.fidelis.core.clv.Clv;
import io.fidelis.core.clv.ClvAnalysis;
import io.fidelis.core.clv.CustomerScoring;
import io.fidelis.core.clv.FittedBgNbd;
import io.fidelis.core.clv.FittedGammaGamma;
import io.fidelis.core.clv.FittedParetoNbd;
import io.fidelis.core.clv.GammaGamma;
import io.fidelis.core.clv.InsufficientDataException;
import io.fidelis.core.clv.ParetoNbd;
import io.fidelis.core.clv.RepeatBuyingModel;
import io.fidelis.core.clv.SummaryCounts;
import io.fidelis.core.loyalty.LoyaltyStagePolicy;
import io.fidelis.core.stats.Rfm;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The whole job on purchase lines: day states and customer summaries ({@link CustomerDays}); the grouped sufficient
 * statistics (distinct x, t_x, T, monetary with their counts) collected to the driver, where fidelis-core fits the
 * repeat-buying model (BG/NBD or Pareto/NBD) and Gamma-Gamma on them ({@link SummaryCounts}); the typical rate of each
 * segment from the counts of its repeat buyers by (x, T); the RFM boundary values as exact order statistics; then
 * every customer scored in {@code mapPartitions} by fidelis-core ({@link CustomerScoring}, RFM, the loyalty stage
 * policy). Time is in weeks.
 */
public final class ProfileJob {
    private ProfileJob() {
    }

    /**
     * @param horizon    weeks ahead for the expected purchases
     * @param partitions partitions of the customers (the shuffle by customer)
     */
    public record Options(LocalDate observationEnd, ClvAnalysis.Model model, double horizon, Clv clv,
                          LoyaltyStagePolicy.Settings policy, int partitions) {
        public Options {
            if (clv.period() != Period.WEEK) {
                throw new IllegalArgumentException("the profiles are in weeks");
            }
        }

        /** The server's defaults: BG/NBD, 52 weeks, a 12-month CLV at 10 % a year on the whole spend. */
        public static Options defaults(LocalDate observationEnd, int partitions) {
            return new Options(observationEnd, ClvAnalysis.Model.BGNBD, 52, Clv.defaults(),
                    LoyaltyStagePolicy.Settings.defaults(), partitions);
        }

        int endDay() {
            return Math.toIntExact(observationEnd.toEpochDay());
        }
    }

    /**
     * @param summaries the customer summaries ({@link CustomerDays#SUMMARY_SCHEMA}), cached; {@link #close()} frees
     * @param spend     null when the data cannot support a spend fit (then a repeat buyer's own mean spend)
     * @param profiles  the profiles ({@link Profile#SCHEMA}), computed when written or collected
     */
    public record Result(Dataset<Row> summaries, SummaryCounts counts, RepeatBuyingModel model,
                         FittedGammaGamma spend, ProfileRules.Population population, Dataset<Row> profiles)
            implements AutoCloseable {
        @Override
        public void close() {
            summaries.unpersist();
        }
    }

    /** Runs the job on purchase lines ({@link PurchaseSource#lines}). */
    public static Result run(Dataset<Row> lines, Options o) {
        Dataset<Row> states = CustomerDays.states(lines.repartition(o.partitions(), col("customer_id")), o.endDay());
        Dataset<Row> summaries = CustomerDays.summariesOfClustered(states, o.endDay())
                .persist(StorageLevel.MEMORY_AND_DISK());
        return fitAndScore(summaries, o);
    }

    /** The rest of the job from summaries ({@link CustomerDays#SUMMARY_SCHEMA}), which it caches. */
    public static Result fitAndScore(Dataset<Row> summaries, Options o) {
        SparkSession spark = summaries.sparkSession();
        int cores = spark.sparkContext().defaultParallelism();
        SummaryCounts counts = counts(summaries);
        // The fits run on the driver, on as many cores as the job has (core's fits use parallel streams).
        RepeatBuyingModel model = onCores(cores, () -> o.model() == ClvAnalysis.Model.BGNBD
                ? BgNbd.fit(counts, BgNbd.Options.defaults()) : ParetoNbd.fit(counts, ParetoNbd.Options.defaults()));
        FittedGammaGamma spend;
        try {
            spend = onCores(cores, () -> GammaGamma.fit(counts, GammaGamma.Options.defaults()));
        } catch (InsufficientDataException e) {
            spend = null;
        }
        long customers = counts.customers();
        long[] positions = Rfm.quintileBoundaryPositions(customers);
        Column recency = col("t_cal").minus(col("t_x")).multiply(7);
        ProfileRules.Population population = new ProfileRules.Population(typicalRates(summaries),
                orderStatistics(summaries.select(org.apache.spark.sql.functions.negate(recency).as("v")), positions),
                orderStatistics(summaries.select(col("x").plus(1).cast("double").as("v")), positions),
                orderStatistics(summaries.select(col("net_value").as("v")), positions),
                ProfileRules.Settings.of(o.policy()));
        Parameters parameters = new Parameters(o.model(), params(model), spend == null ? null
                : new double[] {spend.p(), spend.q(), spend.gamma()}, o.horizon(), o.clv().annualDiscountRate(),
                o.clv().horizonMonths(), o.clv().marginRatio(), population);
        Broadcast<Parameters> shared = spark.sparkContext().broadcast(parameters,
                scala.reflect.ClassTag$.MODULE$.apply(Parameters.class));
        Dataset<Row> profiles = summaries.mapPartitions(new Score(shared), Encoders.row(Profile.SCHEMA));
        return new Result(summaries, counts, model, spend, population, profiles);
    }

    /** The grouped sufficient statistics: the distinct (x, t_x, T, monetary) with their counts. */
    static SummaryCounts counts(Dataset<Row> summaries) {
        List<Row> rows = summaries.groupBy("x", "t_x", "t_cal", "monetary").count().collectAsList();
        int n = rows.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] m = new double[n];
        long[] count = new long[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            x[i] = r.getInt(0);
            tx[i] = r.getDouble(1);
            T[i] = r.getDouble(2);
            m[i] = r.getDouble(3);
            count[i] = r.getLong(4);
        }
        return SummaryCounts.of(x, tx, T, m, count);
    }

    /**
     * The typical (median) rate of each segment's repeat buyers, from their counts by (x, T): the rate depends on
     * those alone, so the median is found among the distinct rates with their counts.
     */
    static Map<String, Double> typicalRates(Dataset<Row> summaries) {
        List<Row> rows = summaries.where(col("t_cal").geq(4).and(col("x").gt(0)))
                .groupBy("segment", "x", "t_cal").count().collectAsList();
        Map<String, TreeMap<Double, Long>> bySegment = new HashMap<>();
        for (Row r : rows) {
            double rate = ProfileRules.ratePerYear(r.getInt(1), r.getDouble(2));
            bySegment.computeIfAbsent(ProfileRules.segmentKey(r.getString(0)), k -> new TreeMap<>())
                    .merge(rate, r.getLong(3), Long::sum);
        }
        Map<String, Double> out = new HashMap<>();
        bySegment.forEach((segment, counts) -> out.put(segment, median(counts)));
        return out;
    }

    /** The median of values given with their counts (ascending), as {@link ProfileRules#median} of them all. */
    static double median(TreeMap<Double, Long> counts) {
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        double lower = valueAt(counts, (n - 1) / 2);
        return n % 2 == 1 ? lower : (lower + valueAt(counts, n / 2)) / 2;
    }

    private static double valueAt(TreeMap<Double, Long> counts, long position) {
        long seen = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (position < seen) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("position " + position + " beyond " + seen);
    }

    /** The values at the given positions (from 0) in ascending order of one double column: a sort and an index. */
    static double[] orderStatistics(Dataset<Row> values, long[] positions) {
        java.util.Set<Long> wanted = new java.util.HashSet<>();
        for (long p : positions) {
            wanted.add(p);
        }
        Map<Long, Double> found = new HashMap<>();
        values.sort("v").javaRDD().zipWithIndex().filter(t -> wanted.contains(t._2())).collect()
                .forEach(t -> found.put(t._2(), t._1().getDouble(0)));
        double[] out = new double[positions.length];
        for (int k = 0; k < positions.length; k++) {
            out[k] = found.get(positions[k]);
        }
        return out;
    }

    private static double[] params(RepeatBuyingModel m) {
        if (m instanceof FittedBgNbd b) {
            return new double[] {b.r(), b.alpha(), b.a(), b.b()};
        }
        FittedParetoNbd p = (FittedParetoNbd) m;
        return new double[] {p.r(), p.alpha(), p.s(), p.beta()};
    }

    /** Runs work whose parallel streams use at most {@code cores} threads. */
    static <T> T onCores(int cores, Supplier<T> work) {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, cores));
        try {
            return pool.submit(work::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** What the executors need: the fitted parameters, the CLV settings and the population. */
    record Parameters(ClvAnalysis.Model model, double[] repeat, double[] spend, double horizon, double discountRate,
                      int clvMonths, double marginRatio, ProfileRules.Population population) implements Serializable {
        private static final long serialVersionUID = 1L;

        RepeatBuyingModel repeatModel() {
            return model == ClvAnalysis.Model.BGNBD ? FittedBgNbd.of(repeat[0], repeat[1], repeat[2], repeat[3])
                    : FittedParetoNbd.of(repeat[0], repeat[1], repeat[2], repeat[3]);
        }

        FittedGammaGamma spendModel() {
            return spend == null ? null : FittedGammaGamma.of(spend[0], spend[1], spend[2]);
        }

        Clv clv() {
            return new Clv(discountRate, clvMonths, marginRatio, Period.WEEK);
        }
    }

    /**
     * Scores one partition's customers with fidelis-core: {@link CustomerScoring} on the partition's summaries (on
     * the task's own core: the core's parallel streams run in a pool of one), RFM against the boundaries, the stage.
     */
    private static final class Score implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<Parameters> parameters;

        Score(Broadcast<Parameters> parameters) {
            this.parameters = parameters;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Parameters p = parameters.value();
            List<CustomerSummary> summaries = new ArrayList<>();
            List<Row> inputs = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                inputs.add(r);
                summaries.add(CustomerDays.summary(r));
            }
            RepeatBuyingModel model = p.repeatModel();
            FittedGammaGamma spend = p.spendModel();
            CustomerScoring.Scores scores = onCores(1, () -> CustomerScoring.score(summaries, model, spend,
                    p.horizon(), p.clv()));
            LoyaltyStagePolicy policy = new LoyaltyStagePolicy(p.population().policy().core());
            List<Row> out = new ArrayList<>(summaries.size());
            for (int i = 0; i < summaries.size(); i++) {
                CustomerSummary s = summaries.get(i);
                Row r = inputs.get(i);
                String segment = r.getString(1);
                double net = r.getDouble(7);
                out.add(ProfileRules.profile(s, segment, r.getInt(6), net, scores.pAlive()[i],
                        scores.expectedPurchases()[i], scores.expectedSpend()[i], scores.clv()[i],
                        ProfileRules.rfm(s, net, p.population()), p.population().typical(segment), policy).toRow());
            }
            return out.iterator();
        }
    }
}
