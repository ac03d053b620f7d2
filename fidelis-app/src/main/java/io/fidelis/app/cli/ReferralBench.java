package io.fidelis.app.cli;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import io.fidelis.core.referral.ReferralForest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Referral-chain analytics times on a generated forest: N customers (default 1M) in acquisition order, about 18 %
 * referred by an earlier customer. A referrer is drawn three ways, so the forest has the heavy tail and the depth of
 * real referral programmes: a third of the time an earlier referral's referrer (those who refer, refer again), a
 * third an earlier referred customer (chains go on), a third any earlier customer. Ids are sparse and the customers
 * are given in a shuffled order, as a database would return them. Each run builds the forest and sums three value
 * arrays (revenue, margin, CLV) over every chain; the baseline, measured in the same run, is a plain loop summing the
 * three arrays, with the sort of the ids as a second reference.
 */
@Command(name = "referrals", mixinStandardHelpOptions = true,
        description = {"Referral forest build and chain values (three value arrays) with N generated customers",
                "(default 1M), against a plain loop over the value arrays in the same run."})
class ReferralBench implements Callable<Integer> {
    @Option(names = "--customers", defaultValue = "1000000", description = "Customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--runs", defaultValue = "5", description = "Runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--referred", defaultValue = "0.18",
            description = "Share of customers who came by referral (default ${DEFAULT-VALUE}).")
    double referred;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        System.out.printf("Java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        Data data = generate(customers, referred, seed);
        System.out.printf("Generated %,d customers in %.2f s%n", customers, (System.nanoTime() - t0) / 1e9);

        // One untimed-in-the-medians run first: the JIT compiles the build and the loops (reported apart).
        double[] first = run(data);
        System.out.printf("first run in the JVM: forest + chain values %.0f ms (build %.0f ms), plain loop %.1f ms,"
                + " sort of the ids %.0f ms%n", first[1], first[0], first[2], first[3]);
        double[] build = new double[runs];
        double[] total = new double[runs];
        double[] loop = new double[runs];
        double[] sort = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] t = run(data);
            build[r] = t[0];
            total[r] = t[1];
            loop[r] = t[2];
            sort[r] = t[3];
            System.out.printf("run %d: forest + chain values %.0f ms (build %.0f ms), plain loop %.1f ms, sort of the"
                    + " ids %.0f ms%n", r + 1, total[r], build[r], loop[r], sort[r]);
        }
        ReferralForest forest = ReferralForest.of(data.ids, data.referrers);
        int maxDirect = 0;
        int maxChain = 0;
        for (int i = 0; i < forest.size(); i++) {
            maxDirect = Math.max(maxDirect, forest.directReferralsAt(i));
            maxChain = Math.max(maxChain, forest.chainSizeAt(i));
        }
        System.out.printf("%nForest: %,d customers, %,d referred (%.1f %%), %,d roots, max depth %d, most direct"
                        + " referrals %d, largest chain %,d (checksum %.6g)%n", forest.size(), forest.referredCount(),
                100.0 * forest.referredCount() / forest.size(), forest.rootCount(), forest.maxDepth(), maxDirect,
                maxChain, sink);
        double[] ratio = new double[runs];
        double[] sortRatio = new double[runs];
        for (int r = 0; r < runs; r++) {
            ratio[r] = total[r] / loop[r];
            sortRatio[r] = total[r] / sort[r];
        }
        System.out.printf("%n%-46s %10s  runs%n", "measurement", "median ms");
        row("forest + chain values of 3 value arrays", total);
        row("  of which building the forest", build);
        row("baseline: plain loop summing the 3 arrays", loop);
        row("reference: Arrays.sort of the ids", sort);
        System.out.printf("%nForest + chain values / plain loop: median of per-run ratios %.0f; / sort: %.2f%n",
                median(ratio), median(sortRatio));
        return 0;
    }

    /** A volatile sink, so that no timed work is optimised away. */
    private static volatile double sink;

    /** One run: {build ms, build + chain values ms, plain loop ms, sort ms}. */
    private static double[] run(Data data) {
        long s = System.nanoTime();
        double sum = plainLoop(data.values);
        double loop = (System.nanoTime() - s) / 1e6;

        s = System.nanoTime();
        long[] sorted = data.ids.clone();
        Arrays.sort(sorted);
        double sort = (System.nanoTime() - s) / 1e6;
        sum += sorted[0];

        s = System.nanoTime();
        ReferralForest forest = ReferralForest.of(data.ids, data.referrers);
        long built = System.nanoTime();
        for (double[] values : data.values) {
            sum += forest.chainValues(values).directAt(0);
        }
        long e = System.nanoTime();
        sink += sum;
        return new double[] {(built - s) / 1e6, (e - s) / 1e6, loop, sort};
    }

    /** The baseline: one pass over each value array, summing it. */
    private static double plainLoop(double[][] arrays) {
        double sum = 0;
        for (double[] values : arrays) {
            for (double v : values) {
                sum += v;
            }
        }
        return sum;
    }

    private static void row(String name, double[] values) {
        System.out.printf("%-46s %10.1f  %s%n", name, median(values), Arrays.toString(round(values)));
    }

    private static double[] round(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.round(values[i] * 10) / 10.0;
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The generated customers, in a shuffled order. */
    record Data(long[] ids, long[] referrers, double[][] values) {
    }

    static Data generate(int n, double referredShare, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // In acquisition order: parent[i] < i, or −1.
        int[] parent = new int[n];
        int[] referralReferrers = new int[n]; // one entry per referral: picking from it favours frequent referrers
        int referrals = 0;
        int[] referredCustomers = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = -1;
            if (i == 0 || random.nextDouble() >= referredShare) {
                continue;
            }
            double u = random.nextDouble();
            int p;
            if (u < 1.0 / 3 && referrals > 0) {
                p = referralReferrers[random.nextInt(referrals)];
            } else if (u < 2.0 / 3 && referrals > 0) {
                p = referredCustomers[random.nextInt(referrals)];
            } else {
                p = random.nextInt(i);
            }
            parent[i] = p;
            referralReferrers[referrals] = p;
            referredCustomers[referrals] = i;
            referrals++;
        }
        // Sparse distinct ids: an odd multiplier is a bijection modulo 2^40.
        long[] idOf = new long[n];
        for (int i = 0; i < n; i++) {
            idOf[i] = 1_000_000L + ((i * 0x9E3779B97L) & ((1L << 40) - 1));
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        long[] ids = new long[n];
        long[] refs = new long[n];
        double[][] values = new double[3][n];
        for (int k = 0; k < n; k++) {
            int i = perm[k];
            ids[k] = idOf[i];
            refs[k] = parent[i] < 0 ? ReferralForest.NONE : idOf[parent[i]];
            double revenue = Math.exp(5 + random.nextGaussian());
            values[0][k] = revenue;
            values[1][k] = revenue * (0.2 + 0.2 * random.nextDouble());
            values[2][k] = revenue * (0.5 + 2 * random.nextDouble());
        }
        return new Data(ids, refs, values);
    }
}
