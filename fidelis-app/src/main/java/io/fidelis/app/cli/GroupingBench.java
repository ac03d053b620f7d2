package io.fidelis.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import io.fidelis.core.suggestion.SuggestionGrouping;
import io.fidelis.core.suggestion.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How well and how fast the suggestion grouping recovers planted needs. Generates N suggestions from K needs (each a
 * product in one of 8 categories, about three needs a product, with 6 words of its own, drawn with Zipf-like
 * popularity), each text 3 to 5 of its
 * need's words and 1 to 3 words common to all, in Chinese (characters run together, no spaces) for a share of them;
 * a quarter name another product of the same category. Reports the pairwise precision, recall and F1 of the
 * grouping against the planted needs, beside two baselines in the same run (one item per category, one item per
 * product), and the median time of the grouping over runs against the time of only tokenising the same texts.
 */
@Command(name = "grouping", mixinStandardHelpOptions = true,
        description = {"Suggestion grouping: pairwise F1 against planted needs, with baselines by category and by",
                "product, and its median time against tokenising alone."})
class GroupingBench implements Callable<Integer> {
    @Option(names = "--suggestions", defaultValue = "2000", description = "Suggestions (default ${DEFAULT-VALUE}).")
    int suggestions;

    @Option(names = "--needs", defaultValue = "80", description = "Planted needs (default ${DEFAULT-VALUE}).")
    int needs;

    @Option(names = "--chinese", defaultValue = "0.4", description = "Share in Chinese (default ${DEFAULT-VALUE}).")
    double chinese;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threshold", defaultValue = "0.35", description = "Grouping threshold (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--subject-weight", defaultValue = "0.3",
            description = "Weight of the product or category (default ${DEFAULT-VALUE}).")
    double subjectWeight;

    private static final String[] COMMON = {"please", "product", "quality", "order", "better", "would", "like",
        "maybe", "customer", "time", "good", "size", "price", "service", "new", "make"};
    private static final String COMMON_ZH = "希望产品质量订单更好可以建议顾客时间新的价格服务";

    @Override
    public Integer call() {
        SplittableRandom random = new SplittableRandom(seed);
        String[][] words = new String[needs][6];
        String[][] wordsZh = new String[needs][6];
        for (int n = 0; n < needs; n++) {
            for (int w = 0; w < 6; w++) {
                words[n][w] = word(random);
                wordsZh[n][w] = new String(Character.toChars(0x4E00 + random.nextInt(0x5000)))
                        + new String(Character.toChars(0x4E00 + random.nextInt(0x5000)));
            }
        }
        double[] weight = new double[needs];
        double total = 0;
        for (int n = 0; n < needs; n++) {
            weight[n] = 1.0 / (n + 1);
            total += weight[n];
        }
        List<SuggestionGrouping.Suggestion> in = new ArrayList<>();
        int[] truth = new int[suggestions];
        String[] category = new String[suggestions];
        String[] sku = new String[suggestions];
        for (int i = 0; i < suggestions; i++) {
            double u = random.nextDouble() * total;
            int n = 0;
            while (n < needs - 1 && (u -= weight[n]) > 0) {
                n++;
            }
            truth[i] = n;
            // About three needs per product; a quarter name another product of the category.
            int products = Math.max(8, needs / 3);
            int home = n % products;
            category[i] = "C" + (home % 8);
            sku[i] = "P" + (random.nextDouble() < 0.25 ? home % 8 + 8 * random.nextInt(products / 8) : home);
            boolean zh = random.nextDouble() < chinese;
            StringBuilder text = new StringBuilder();
            int own = 3 + random.nextInt(3);
            int common = 1 + random.nextInt(3);
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < own; k++) {
                parts.add(zh ? wordsZh[n][random.nextInt(6)] : words[n][random.nextInt(6)]);
            }
            for (int k = 0; k < common; k++) {
                int c = random.nextInt(COMMON.length);
                parts.add(zh ? COMMON_ZH.substring(2 * (c % (COMMON_ZH.length() / 2)), 2 * (c % (COMMON_ZH.length()
                        / 2)) + 2) : COMMON[c]);
            }
            java.util.Collections.shuffle(parts, new java.util.Random(random.nextLong()));
            text.append(String.join(zh ? "" : " ", parts));
            in.add(new SuggestionGrouping.Suggestion(i, Set.of(sku[i]), Set.of(category[i]), text.toString()));
        }
        System.out.printf("Java %s, %d cores; %,d suggestions from %d needs, %.0f%% in Chinese, seed %d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), suggestions, needs,
                100 * chinese, seed);
        int[] found = new int[suggestions];
        double[] grouping = new double[runs];
        double[] tokenising = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            int tokens = 0;
            for (SuggestionGrouping.Suggestion s : in) {
                tokens += Tokens.of(s.text()).size();
            }
            tokenising[r] = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            List<SuggestionGrouping.Proposal> p = SuggestionGrouping.propose(in, List.of(),
                    new SuggestionGrouping.Options(subjectWeight, threshold, 0.1));
            grouping[r] = (System.nanoTime() - t) / 1e9;
            for (SuggestionGrouping.Proposal x : p) {
                found[(int) x.suggestionId()] = x.newItem();
            }
            System.out.printf("run %d: grouping %.3f s, tokenising alone %.4f s (%,d tokens)%n", r + 1, grouping[r],
                    tokenising[r], tokens);
        }
        int items = (int) Arrays.stream(found).distinct().count();
        System.out.printf("Grouping: %d items for %d planted needs%n", items, needs);
        report("grouping (w " + subjectWeight + ", threshold " + threshold + ")", found, truth);
        report("baseline: one item per category", codes(category), truth);
        report("baseline: one item per product", codes(sku), truth);
        System.out.printf("Median grouping %.3f s; tokenising alone %.4f s; ratio %.0fx%n", median(grouping),
                median(tokenising), median(grouping) / median(tokenising));
        return 0;
    }

    private static String word(SplittableRandom random) {
        StringBuilder w = new StringBuilder();
        int length = 5 + random.nextInt(4);
        for (int k = 0; k < length; k++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    private static int[] codes(String[] values) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ids.computeIfAbsent(values[i], k -> ids.size());
        }
        return out;
    }

    /** Pairwise precision (pairs put together that share a need), recall (pairs sharing a need put together), F1. */
    private static void report(String name, int[] found, int[] truth) {
        Map<Long, Long> both = new HashMap<>();
        Map<Integer, Long> byFound = new HashMap<>();
        Map<Integer, Long> byTruth = new HashMap<>();
        for (int i = 0; i < found.length; i++) {
            both.merge(((long) found[i] << 32) | truth[i], 1L, Long::sum);
            byFound.merge(found[i], 1L, Long::sum);
            byTruth.merge(truth[i], 1L, Long::sum);
        }
        double together = byFound.values().stream().mapToDouble(GroupingBench::pairs).sum();
        double same = byTruth.values().stream().mapToDouble(GroupingBench::pairs).sum();
        double right = both.values().stream().mapToDouble(GroupingBench::pairs).sum();
        double precision = together == 0 ? 0 : right / together;
        double recall = same == 0 ? 0 : right / same;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        System.out.printf("%-42s pairwise precision %.3f, recall %.3f, F1 %.3f%n", name, precision, recall, f1);
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
