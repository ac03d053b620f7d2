package io.fidelis.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;

import io.fidelis.core.clv.BgNbd;
import io.fidelis.core.clv.Clv;
import io.fidelis.core.clv.CustomerScoring;
import io.fidelis.core.clv.FittedBgNbd;
import io.fidelis.core.clv.FittedGammaGamma;
import io.fidelis.core.clv.GammaGamma;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import org.hipparchus.random.RandomDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Model fit and scoring times on generated BG/NBD data: customers born over the first half of a two-year window buy
 * at Poisson rates λ ~ Gamma(r, α) and drop out after each purchase with probability p ~ Beta(a, b); their
 * transaction values follow the Gamma-Gamma model. Times the BG/NBD and Gamma-Gamma fits from summaries, scoring
 * every customer, and {@code fidelis clv} end to end from the gzipped CSV in a child JVM (JVM start included).
 */
@Command(name = "clv", mixinStandardHelpOptions = true,
        description = {"BG/NBD and Gamma-Gamma fit, scoring and `fidelis clv` end-to-end times on generated data."})
class ClvBench implements Callable<Integer> {
    @Option(names = "--customers", defaultValue = "1000000", description = "Customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per measurement (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", description = "Working directory (default: a new temporary directory).")
    Path dir;

    /**
     * The generating parameters (weeks): the published CDNOW estimates, BG/NBD from Fader, Hardie &amp; Lee (2005)
     * and Gamma-Gamma from Fader &amp; Hardie (2013). With births over the first year of two, a million customers
     * make about 2.6 million purchases, the size the reference measurement used.
     */
    static final double R = 0.243;
    static final double ALPHA = 4.414;
    static final double A = 0.793;
    static final double B = 2.426;
    static final double P = 6.25;
    static final double Q = 3.74;
    static final double GAMMA = 15.44;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("fidelis-clv-bench-");
        Path file = work.resolve("transactions.csv.gz");
        System.out.printf("Java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        List<CustomerSummary> summaries = generate(file);
        long lines = summaries.stream().mapToLong(s -> s.x() + 1).sum();
        System.out.printf("Generated %,d customers, %,d transactions (%.1f MB gzipped) in %.1f s%n", summaries.size(),
                lines, Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);

        double[] fit = new double[runs];
        double[] spend = new double[runs];
        double[] score = new double[runs];
        FittedBgNbd model = null;
        FittedGammaGamma gg = null;
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            model = BgNbd.fit(summaries, BgNbd.Options.defaults());
            fit[i] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            gg = GammaGamma.fit(summaries, GammaGamma.Options.defaults());
            spend[i] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            score(summaries, model, gg);
            score[i] = (System.nanoTime() - s) / 1e9;
        }
        System.out.printf("BG/NBD fit: r=%.4f alpha=%.4f a=%.4f b=%.4f (generated with %.3f, %.3f, %.3f, %.3f),"
                        + " %d evaluations%n", model.r(), model.alpha(), model.a(), model.b(), R, ALPHA, A, B,
                model.fit().evaluations());
        System.out.printf("Gamma-Gamma fit: p=%.3f q=%.3f gamma=%.3f (generated with %.2f, %.2f, %.2f)%n", gg.p(),
                gg.q(), gg.gamma(), P, Q, GAMMA);
        double[] start = new double[runs];
        double[] endToEnd = new double[runs];
        double[] withScores = new double[runs];
        Path scores = work.resolve("scores.csv");
        for (int i = 0; i < runs; i++) {
            start[i] = child(List.of("clv", "--help"));
            endToEnd[i] = child(List.of("clv", "--input", file.toString(), "--observation-end", END, "--format",
                    "json"));
            withScores[i] = child(List.of("clv", "--input", file.toString(), "--observation-end", END, "--format",
                    "json", "--scores", scores.toString()));
        }
        System.out.printf("%n%-44s %10s  runs%n", "measurement", "median s");
        row("BG/NBD fit from summaries", fit);
        row("Gamma-Gamma fit from summaries", spend);
        row("scoring (P(alive), 52-week purchases, CLV)", score);
        row("JVM start: fidelis clv --help (child JVM)", start);
        row("fidelis clv end to end (child JVM)", endToEnd);
        row("  the same, writing --scores (child JVM)", withScores);
        return 0;
    }

    private static void row(String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf("%-44s %10.3f  %s%n", name, sorted[sorted.length / 2], Arrays.toString(values));
    }

    static double score(List<CustomerSummary> summaries, FittedBgNbd model, FittedGammaGamma gg) {
        CustomerScoring.Scores scores = CustomerScoring.score(summaries, model, gg, 52, new Clv(0.1, 12, 1,
                Period.WEEK));
        double total = 0;
        for (int i = 0; i < scores.size(); i++) {
            total += scores.pAlive()[i] + scores.expectedPurchases()[i] + scores.clv()[i];
        }
        return total;
    }

    static final String END = LocalDate.of(2025, 12, 31).toString();

    /** Seconds for a command of this jar in a child JVM (the same JVM options as this one's heap, none else). */
    private static double child(List<String> arguments) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(classPath.endsWith(".jar") ? List.of(java, "-jar", classPath)
                : List.of(java, "-cp", classPath, Main.class.getName()));
        command.addAll(arguments);
        long s = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        double seconds = (System.nanoTime() - s) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("fidelis " + arguments + " failed: " + out);
        }
        return seconds;
    }

    /** Customers and their transactions; writes the transactions as gzipped CSV and returns the summaries. */
    private List<CustomerSummary> generate(Path file) throws IOException {
        RandomDataGenerator random = new RandomDataGenerator(42);
        LocalDate start = LocalDate.of(2024, 1, 1);
        LocalDate end = LocalDate.of(2025, 12, 31);
        int days = (int) java.time.temporal.ChronoUnit.DAYS.between(start, end);
        List<CustomerSummary> summaries = new ArrayList<>(customers);
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("customer_id,date,amount\n");
            for (int i = 0; i < customers; i++) {
                String id = "C" + (i + 1);
                double lambda = random.nextGamma(R, 1 / ALPHA); // per week
                double p = random.nextBeta(A, B);
                double nu = random.nextGamma(Q, 1 / GAMMA);
                int birth = random.nextInt(0, days / 2);
                int T = days - birth;
                List<Integer> occasions = new ArrayList<>();
                occasions.add(birth);
                double t = birth;
                while (true) {
                    if (random.nextUniform(0, 1) < p && occasions.size() > 0 && t > birth) {
                        break;
                    }
                    t += random.nextExponential(7 / Math.max(lambda, 1e-12));
                    if (t > days) {
                        break;
                    }
                    int day = (int) Math.floor(t);
                    if (day != occasions.get(occasions.size() - 1)) {
                        occasions.add(day);
                    }
                }
                double repeatSum = 0;
                for (int k = 0; k < occasions.size(); k++) {
                    double amount = Math.max(0.01, random.nextGamma(P, 1 / nu));
                    if (k > 0) {
                        repeatSum += amount;
                    }
                    w.write(id);
                    w.write(',');
                    w.write(start.plusDays(occasions.get(k)).toString());
                    w.write(',');
                    w.write(String.format(java.util.Locale.ROOT, "%.2f", amount));
                    w.write('\n');
                }
                int x = occasions.size() - 1;
                summaries.add(new CustomerSummary(id, x, Period.WEEK.of(occasions.get(x) - birth),
                        Period.WEEK.of(T), x == 0 ? 0 : repeatSum / x));
            }
        }
        return summaries;
    }
}
