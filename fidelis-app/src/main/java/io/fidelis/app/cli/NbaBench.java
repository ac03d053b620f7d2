package io.fidelis.app.cli;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.nba.CustomerFacts;
import io.fidelis.core.nba.NextBestAction;
import io.fidelis.core.nba.Suggestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Next-best-action ranking time: N generated customers' facts (default 1M) ranked with the default rules, one
 * thread, median of runs, against a same-run baseline that only reads every fact of every customer.
 */
@Command(name = "nba", mixinStandardHelpOptions = true,
        description = {"Next best action: rank N generated customers (default 1M) with the default rules, against a",
                "baseline loop that reads the same facts. One thread; median of runs."})
class NbaBench implements Callable<Integer> {
    @Option(names = "--customers", defaultValue = "1000000", description = "Customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--runs", defaultValue = "5", description = "Runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        System.out.printf("Java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        CustomerFacts[] facts = generate(customers, new SplittableRandom(42));
        System.out.printf("Generated %,d customers' facts in %.1f s%n", customers, (System.nanoTime() - t0) / 1e9);
        NextBestAction.Rules rules = NextBestAction.Rules.defaults();
        double[] base = new double[runs];
        double[] rank = new double[runs];
        long[] topKinds = new long[Suggestion.Kind.values().length];
        long suggestions = 0;
        long allocated = 0;
        long sink = 0;
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            sink += readAll(facts);
            base[r] = (System.nanoTime() - s) / 1e9;

            Arrays.fill(topKinds, 0);
            suggestions = 0;
            long bytes = allocatedBytes();
            s = System.nanoTime();
            for (CustomerFacts f : facts) {
                List<Suggestion> ranked = NextBestAction.rank(f, rules);
                topKinds[ranked.get(0).kind().ordinal()]++;
                suggestions += ranked.size();
            }
            rank[r] = (System.nanoTime() - s) / 1e9;
            allocated = allocatedBytes() - bytes;
            System.out.printf("run %d: baseline %.3f s, rank %.3f s%n", r + 1, base[r], rank[r]);
        }
        double[] ratios = new double[runs];
        for (int r = 0; r < runs; r++) {
            ratios[r] = rank[r] / base[r];
        }
        System.out.printf("%n%-44s %10s %12s  runs%n", "measurement (" + String.format("%,d", customers)
                + " customers)", "median s", "ns/customer");
        row("baseline: read every fact of every customer", base);
        row("NextBestAction.rank, default rules", rank);
        System.out.printf("rank / baseline, median of per-run ratios: %.1f%n", median(ratios));
        System.out.printf("%,d suggestions (%.2f a customer); allocated %.0f bytes a customer in the last run%n",
                suggestions, (double) suggestions / customers, allocated < 0 ? Double.NaN
                        : (double) allocated / customers);
        System.out.print("first suggestion:");
        for (Suggestion.Kind k : Suggestion.Kind.values()) {
            System.out.printf(" %s %.1f %%;", k, 100.0 * topKinds[k.ordinal()] / customers);
        }
        System.out.printf("%n(checksum %d)%n", sink & 0xff);
        return 0;
    }

    private void row(String name, double[] seconds) {
        double m = median(seconds);
        System.out.printf("%-44s %10.3f %12.0f  %s%n", name, m, m * 1e9 / customers, Arrays.toString(
                Arrays.stream(seconds).map(x -> Math.round(x * 1000) / 1000.0).toArray()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The bytes this thread has allocated, or −1 where the JVM does not tell. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    /** Reads every fact the rules read, so the baseline pays for the same memory traffic. */
    static long readAll(CustomerFacts[] facts) {
        long h = 0;
        for (CustomerFacts f : facts) {
            h = 31 * h + f.stage().ordinal() + (f.atRisk() ? 1 : 0) + (f.lost() ? 2 : 0) + (f.marketingConsent() ? 4 : 0)
                    + f.openComplaints() + f.daysSinceManagerContact() + f.referralsMade()
                    + (f.latestNps() == null ? -1 : f.latestNps())
                    + Double.doubleToRawLongBits(f.pAlive() + f.clv12() + f.clvPercentile() + f.latestCsat()
                    + f.tenureYears())
                    + (f.suggestedItem() == null ? 0 : f.suggestedItem().length())
                    + (f.suggestionReason() == null ? 0 : f.suggestionReason().length());
        }
        return h;
    }

    /**
     * Customers with a plausible spread: a quarter at risk and a tenth lost, one in eight with an open complaint,
     * NPS known for half, 60 % consenting to marketing, an association-rule suggestion for a third.
     */
    static CustomerFacts[] generate(int n, SplittableRandom random) {
        LoyaltyStage[] stages = LoyaltyStage.values();
        String[] items = {"Tea", "Coffee", "Mugs", "Biscuits", "Chocolate", "Kettles"};
        String[] reasons = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            reasons[i] = "customers who buy Coffee and Biscuits often buy " + items[i];
        }
        CustomerFacts[] facts = new CustomerFacts[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            boolean lost = u < 0.1;
            boolean atRisk = !lost && u < 0.35;
            double pAlive = lost ? random.nextDouble() * 0.1 : atRisk ? 0.1 + random.nextDouble() * 0.4
                    : 0.5 + random.nextDouble() * 0.5;
            double clv = Math.exp(4 + 1.5 * random.nextDouble() * 3);
            int item = random.nextInt(items.length * 3);
            facts[i] = new CustomerFacts(stages[random.nextInt(stages.length)], atRisk, lost, pAlive, clv,
                    random.nextDouble() * 100, random.nextInt(8) == 0 ? 1 + random.nextInt(2) : 0,
                    random.nextBoolean() ? random.nextInt(11) : null,
                    random.nextBoolean() ? 1 + random.nextInt(5) : Double.NaN, random.nextDouble() < 0.6,
                    random.nextInt(20) == 0 ? -1 : random.nextInt(365), random.nextDouble() * 10,
                    random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0, item < items.length ? items[item] : null,
                    item < items.length ? reasons[item] : null);
        }
        return facts;
    }
}
