package io.fidelis.app.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import io.fidelis.core.basket.AssociationRules;
import io.fidelis.core.basket.BasketCsv;
import io.fidelis.core.basket.Baskets;
import io.fidelis.core.basket.Evaluation;
import io.fidelis.core.stats.Proportions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Association-rule mining times on generated baskets: N purchase lines (default 3M) in baskets of geometric size
 * (mean 6), items drawn from a Zipf popularity over 4,000 items, with 100 planted triples of mid-popularity items
 * that a quarter of the baskets hold (in full or as their first pair). Times numbering the lines into baskets, the
 * fit (median of runs), and a baseline in the same run: one pass counting the single items of the lines. With
 * {@code --file}, the same fit on a real purchase-line export and the hit-rate@k of the rules' suggestions against
 * the most popular items on a time split (the last months held out).
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Association-rule fit times on generated baskets (default 3M lines), or fit and time-split",
                "hit-rate@k on a purchase-line CSV (--file)."})
class RulesBench implements Callable<Integer> {
    @Option(names = "--lines", defaultValue = "3000000", description = "Generated lines (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--items", defaultValue = "4000", description = "Generated items (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--runs", defaultValue = "5", description = "Timed fits (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-support", description = "Minimum support, a share of baskets (default 0.001 for"
            + " generated data, 0.01 for --file).")
    Double minSupport;

    @Option(names = "--min-confidence", defaultValue = "0.1",
            description = "Minimum confidence (default ${DEFAULT-VALUE}).")
    double minConfidence;

    @Option(names = "--min-lift", defaultValue = "1", description = "Minimum lift (default ${DEFAULT-VALUE}).")
    double minLift;

    @Option(names = "--file", description = "A purchase-line CSV (plain or .gz) to fit and evaluate instead.")
    Path file;

    @Option(names = "--basket-column", defaultValue = "InvoiceNo",
            description = "The basket (order) column (default ${DEFAULT-VALUE}).")
    String basketColumn;

    @Option(names = "--item-column", defaultValue = "StockCode",
            description = "The item column (default ${DEFAULT-VALUE}).")
    String itemColumn;

    @Option(names = "--customer-column", defaultValue = "CustomerID",
            description = "The customer column (default ${DEFAULT-VALUE}).")
    String customerColumn;

    @Option(names = "--date-column", defaultValue = "InvoiceDate",
            description = "The date column, ISO date or date-time (default ${DEFAULT-VALUE}).")
    String dateColumn;

    @Option(names = "--quantity-column", description = "Skip lines whose quantity here is 0 or less (returns).")
    String quantityColumn;

    @Option(names = "--exclude-items", split = ",", description = "Item labels to leave out, such as POST,DOT,M.")
    List<String> excludeItems;

    @Option(names = "--holdout-months", defaultValue = "3",
            description = "Months held out at the end (default ${DEFAULT-VALUE}).")
    int holdoutMonths;

    @Option(names = "-k", defaultValue = "5", description = "Suggestions per customer (default ${DEFAULT-VALUE}).")
    int k;

    @Override
    public Integer call() throws Exception {
        System.out.printf("Java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        return file != null ? onFile() : generated();
    }

    private int generated() {
        AssociationRules.Options options = options(0.001);
        long t0 = System.nanoTime();
        Generated g = generate(lines, items, seed);
        System.out.printf("Generated %,d lines in %,d baskets over %,d items in %.1f s%n", g.lines, g.baskets, items,
                (System.nanoTime() - t0) / 1e9);
        String[] basketKeys = new String[g.baskets];
        for (int b = 0; b < g.baskets; b++) {
            basketKeys[b] = "B" + (536365 + b);
        }
        String[] itemLabels = new String[items];
        for (int i = 0; i < items; i++) {
            itemLabels[i] = String.format(Locale.ROOT, "SKU%05d", i);
        }
        double[] build = new double[runs];
        double[] fit = new double[runs];
        double[] base = new double[runs];
        Baskets baskets = null;
        AssociationRules model = null;
        long checksum = 0;
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            Baskets.Builder builder = Baskets.builder();
            for (int i = 0; i < g.lines; i++) {
                builder.add(basketKeys[g.basket[i]], itemLabels[g.item[i]]);
            }
            baskets = builder.build();
            build[r] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            checksum += countItems(g.item, g.lines, items);
            base[r] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            model = AssociationRules.fit(baskets, options);
            fit[r] = (System.nanoTime() - s) / 1e9;
            System.out.printf("run %d: baskets %.3f s, fit %.3f s, item count %.4f s%n", r + 1, build[r], fit[r],
                    base[r]);
        }
        int found = 0;
        for (int[] t : g.planted) {
            int a = baskets.item(itemLabels[t[0]]);
            int b = baskets.item(itemLabels[t[1]]);
            int c = baskets.item(itemLabels[t[2]]);
            int[] ab = a < b ? new int[] {a, b} : new int[] {b, a};
            found += model.rules().stream().anyMatch(rule -> rule.consequent() == c
                    && Arrays.equals(rule.antecedent(), ab)) ? 1 : 0;
        }
        summary(baskets, model);
        System.out.printf("Planted triples found as rules {a, b} ⇒ c: %d of %d%n", found, g.planted.length);
        System.out.printf("%n%-52s %10s  runs%n", "measurement", "median s");
        row("number 3M (basket, item) string pairs into Baskets", build);
        row("fit (itemsets ≤ 3, rules)", fit);
        row("baseline: one pass counting single items", base);
        double[] ratios = new double[runs];
        for (int r = 0; r < runs; r++) {
            ratios[r] = fit[r] / base[r];
        }
        System.out.printf("fit / baseline: median of per-run ratios %.0f× (checksum %d)%n", median(ratios),
                checksum % 10);
        return 0;
    }

    private int onFile() throws Exception {
        AssociationRules.Options options = options(0.01);
        long t0 = System.nanoTime();
        Set<String> excluded = excludeItems == null ? Set.of() : new HashSet<>(excludeItems);
        BasketCsv.Result read = BasketCsv.read(file, new BasketCsv.Columns(basketColumn, itemColumn, customerColumn,
                dateColumn, quantityColumn, excluded));
        Baskets baskets = read.baskets();
        System.out.printf("Read %,d rows (%,d skipped) into %,d baskets, %,d items, %,d customers in %.1f s%n",
                read.rows(), read.skipped(), baskets.size(), baskets.itemCount(), baskets.customerCount(),
                (System.nanoTime() - t0) / 1e9);
        double[] fit = new double[runs];
        AssociationRules model = null;
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            model = AssociationRules.fit(baskets, options);
            fit[r] = (System.nanoTime() - s) / 1e9;
        }
        summary(baskets, model);
        row("fit on all baskets", fit);

        LocalDate cut = Evaluation.cutMonthsBeforeEnd(baskets, holdoutMonths);
        long s = System.nanoTime();
        Evaluation.Result e = Evaluation.hitRate(baskets, cut, k, options);
        System.out.printf("%nTime split: training before %s (%,d baskets, %,d rules), held out %s … %s;"
                        + " evaluated in %.2f s%n", cut, e.trainingBaskets(), e.model().rules().size(), cut,
                e.lastDay(), (System.nanoTime() - s) / 1e9);
        System.out.printf("Customers buying in both periods: %,d (%,d more buy in the held-out period only);"
                + " a rule applies for %,d%n", e.customers(), e.newCustomers(), e.withRuleSuggestions());
        share("hit-rate@" + k + " association rules", e.rules());
        share("hit-rate@" + k + " most popular not bought", e.popular());
        share("hit-rate@" + k + " rules, filled up with most popular", e.rulesThenPopular());
        Proportions.Difference d = Proportions.difference(e.rules().successes(), e.rules().n(),
                e.popular().successes(), e.popular().n(), 0.95);
        System.out.printf("rules − most popular: %+.4f [%+.4f, %+.4f] (Newcombe hybrid score, 95 %%; the two share"
                + " customers, so this interval is conservative)%n", d.difference(), d.lower(), d.upper());
        return 0;
    }

    private AssociationRules.Options options(double defaultSupport) {
        return AssociationRules.Options.defaults().withMinSupport(minSupport != null ? minSupport : defaultSupport)
                .withMinConfidence(minConfidence).withMinLift(minLift);
    }

    private static void summary(Baskets baskets, AssociationRules model) {
        long pairs = model.frequentItemsets().stream().filter(s -> s.items().length == 2).count();
        long triples = model.frequentItemsets().stream().filter(s -> s.items().length == 3).count();
        long singles = model.frequentItemsets().size() - pairs - triples;
        System.out.printf("min support %s (%,d baskets), min confidence %s, min lift %s: %,d frequent items, %,d"
                        + " pairs, %,d triples; %,d rules%n", model.options().minSupport(), model.minCount(),
                model.options().minConfidence(), model.options().minLift(), singles, pairs, triples,
                model.rules().size());
        System.out.println("Top rules:");
        for (AssociationRules.Rule r : model.rules().subList(0, Math.min(5, model.rules().size()))) {
            StringBuilder names = new StringBuilder();
            for (int a : r.antecedent()) {
                names.append(names.length() == 0 ? "" : " + ").append(baskets.label(a));
            }
            System.out.printf("  %s ⇒ %s: support %.4f, confidence %.0f %%, lift %.1f%n", names,
                    baskets.label(r.consequent()), r.support(), 100 * r.confidence(), r.lift());
        }
    }

    private static void share(String name, Proportions.Share s) {
        System.out.printf("%-44s %.4f [%.4f, %.4f]  (%,d of %,d)%n", name, s.share(), s.lower(), s.upper(),
                s.successes(), s.n());
    }

    private static void row(String name, double[] values) {
        System.out.printf("%-52s %10.3f  %s%n", name, median(values), Arrays.toString(values));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The baseline: one pass over the lines counting each item. */
    static long countItems(int[] item, int lines, int items) {
        int[] counts = new int[items];
        for (int i = 0; i < lines; i++) {
            counts[item[i]]++;
        }
        long sum = 0;
        for (int c : counts) {
            sum += (long) c * c;
        }
        return sum;
    }

    /** Generated lines: basket and item numbers, and the planted triples. */
    record Generated(int[] basket, int[] item, int lines, int baskets, int[][] planted) {
    }

    static Generated generate(int lines, int items, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // Zipf popularity, exponent 1: item i is drawn with probability ∝ 1 / (i + 1).
        double[] cdf = new double[items];
        double total = 0;
        for (int i = 0; i < items; i++) {
            total += 1.0 / (i + 1);
            cdf[i] = total;
        }
        // 100 planted triples of items ranked 50 … 1,049 (each used once).
        int[] pool = new int[1000];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = 50 + i;
        }
        for (int i = pool.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[][] planted = new int[100][];
        for (int p = 0; p < planted.length; p++) {
            planted[p] = new int[] {pool[3 * p], pool[3 * p + 1], pool[3 * p + 2]};
        }
        int[] basket = new int[lines];
        int[] item = new int[lines];
        int n = 0;
        int b = 0;
        int[] chosen = new int[64];
        while (n < lines) {
            // Size 1 + Geometric(1/6): mean 6, at most 64.
            int size = Math.min(64, 1 + (int) (Math.log(1 - random.nextDouble()) / Math.log(5.0 / 6)));
            int m = 0;
            if (random.nextDouble() < 0.25) {
                int[] t = planted[random.nextInt(planted.length)];
                chosen[m++] = t[0];
                chosen[m++] = t[1];
                if (random.nextDouble() < 0.6) {
                    chosen[m++] = t[2];
                }
            }
            while (m < size) {
                double u = random.nextDouble() * total;
                int i = Arrays.binarySearch(cdf, u);
                chosen[m++] = Math.min(items - 1, i >= 0 ? i : -i - 1);
            }
            for (int i = 0; i < m && n < lines; i++) {
                basket[n] = b;
                item[n++] = chosen[i];
            }
            b++;
        }
        return new Generated(basket, item, n, b, planted);
    }
}
