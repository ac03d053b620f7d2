package io.fidelis.app.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import io.fidelis.core.pls.Bootstrap;
import io.fidelis.core.pls.EcsiModel;
import io.fidelis.core.pls.FittedPlsPm;
import io.fidelis.core.pls.PlsData;
import io.fidelis.core.pls.PlsModel;
import io.fidelis.core.pls.PlsPm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * PLS path modelling times for the ECSI model: one fit, and 5,000 bootstrap resamples on every core against the same
 * on one thread (the baseline, measured in the same run). The data are a survey CSV with the mobi item names
 * ({@code --input}) or generated: respondents whose constructs are standard normals following the ECSI paths with
 * the coefficients and R² plspm 0.5.1 estimates on mobi, and items round(7 + 1.5 (λ·construct + √(1 − λ²)·noise))
 * clipped to 1–10, with mobi-like loadings λ.
 */
@Command(name = "pls", mixinStandardHelpOptions = true,
        description = {"PLS fit and bootstrap times (ECSI model) on a survey CSV or on generated data."})
class PlsBench implements Callable<Integer> {
    @Option(names = "--input", description = "A survey CSV with the ECSI mobi items (default: generated data).")
    Path input;

    @Option(names = "--respondents", defaultValue = "250",
            description = "Generated respondents (default ${DEFAULT-VALUE}).")
    int respondents;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the generated data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fits", defaultValue = "1000",
            description = "Timed single fits, after as many warm-up fits (default ${DEFAULT-VALUE}).")
    int fits;

    @Option(names = "--resamples", defaultValue = "5000",
            description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--runs", defaultValue = "5",
            description = "Timed bootstrap runs per thread count (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", defaultValue = "3",
            description = "Untimed bootstrap runs per thread count first (default ${DEFAULT-VALUE}).")
    int warmups;

    /** plspm 0.5.1 on mobi, path scheme (the reference README's key numbers), rounded: β and the R² per construct. */
    private static final String[][] PATHS = {{"IMAG", "EXPE"}, {"IMAG", "SAT"}, {"IMAG", "LOY"}, {"EXPE", "QUAL"},
        {"EXPE", "VAL"}, {"EXPE", "SAT"}, {"QUAL", "VAL"}, {"QUAL", "SAT"}, {"VAL", "SAT"}, {"SAT", "COMP"},
        {"SAT", "LOY"}, {"COMP", "LOY"}};
    private static final double[] BETA = {0.505, 0.179, 0.196, 0.557, 0.050, 0.063, 0.558, 0.512, 0.195, 0.528, 0.485,
        0.067};
    private static final List<String> CONSTRUCTS = List.of("IMAG", "EXPE", "QUAL", "VAL", "SAT", "COMP", "LOY");
    private static final double[] R2 = {0, 0.255, 0.310, 0.345, 0.681, 0.279, 0.457};
    /** Loadings per item in block order (plspm 0.5.1 on mobi, rounded; the single complaints item 0.85). */
    private static final double[][] LOADINGS = {{0.75, 0.60, 0.58, 0.77, 0.74}, {0.77, 0.69, 0.61},
        {0.80, 0.64, 0.78, 0.77, 0.75, 0.77, 0.78}, {0.90, 0.94}, {0.79, 0.85, 0.86}, {0.85}, {0.82, 0.20, 0.92}};

    @Override
    public Integer call() throws Exception {
        if (fits < 1 || resamples < 2 || runs < 1 || warmups < 1) {
            System.err.println("error: need --fits, --runs and --warmups at least 1 and --resamples at least 2");
            return 2;
        }
        PlsModel model = EcsiModel.mobi();
        List<String> items = SatisfactionIndexCommand.items(model);
        PlsData data;
        String source;
        if (input != null) {
            try {
                data = SurveyCsv.read(input, items, false, Double.NaN, Double.NaN).data();
            } catch (SurveyCsv.Invalid e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            } catch (java.nio.file.NoSuchFileException e) {
                System.err.println("error: no such file: " + input);
                return 1;
            }
            source = input.toString();
        } else {
            data = generate(model, respondents, seed);
            source = "generated (seed " + seed + ")";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "Java %s, %d cores, load average %.2f%n", System.getProperty("java.version"),
                cores, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "Data: %s, %d respondents x %d items%n", source, data.rows(), items.size());

        PlsPm.Options options = PlsPm.Options.defaults();
        FittedPlsPm fit = null;
        try {
            for (int i = 0; i < fits; i++) {
                fit = PlsPm.fit(data, model, options);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + source + ": " + e.getMessage());
            return 1;
        }
        double[] fitMs = new double[fits];
        for (int i = 0; i < fits; i++) {
            long s = System.nanoTime();
            fit = PlsPm.fit(data, model, options);
            fitMs[i] = (System.nanoTime() - s) / 1e6;
        }
        System.out.printf(Locale.ROOT, "Fit: %s in %d iterations; QUAL->SAT %.4f, SAT->LOY %.4f, R² SAT %.4f%n",
                fit.converged() ? "converged" : "NOT converged", fit.iterations(), fit.pathCoefficient("QUAL", "SAT"),
                fit.pathCoefficient("SAT", "LOY"), fit.rSquared().get("SAT"));

        Bootstrap.Options all = new Bootstrap.Options(resamples, 1, cores, 0.95);
        Bootstrap.Options one = all.withParallelism(1);
        Bootstrap.Result result = null;
        for (int w = 0; w < warmups; w++) {
            result = Bootstrap.run(fit, all);
            Bootstrap.run(fit, one);
        }
        double[] parallel = new double[runs];
        double[] single = new double[runs];
        double[] ratio = new double[runs];
        for (int r = 0; r < runs; r++) {
            // Alternate the order so that neither always runs second.
            if (r % 2 == 0) {
                parallel[r] = seconds(fit, all);
                single[r] = seconds(fit, one);
            } else {
                single[r] = seconds(fit, one);
                parallel[r] = seconds(fit, all);
            }
            ratio[r] = single[r] / parallel[r];
            System.out.printf(Locale.ROOT, "run %d: %d threads %.3f s, 1 thread %.3f s%n", r + 1, cores, parallel[r],
                    single[r]);
        }
        System.out.printf(Locale.ROOT, "Bootstrap: %d resamples, %d failed; QUAL->SAT 95%% interval [%.4f, %.4f]%n",
                result.resamples(), result.failed(), result.paths().get(new PlsModel.Path("QUAL", "SAT")).lower(),
                result.paths().get(new PlsModel.Path("QUAL", "SAT")).upper());

        System.out.printf(Locale.ROOT, "%n%-46s %10s  %s%n", "measurement", "median", "runs");
        System.out.printf(Locale.ROOT, "%-46s %7.3f ms  %d fits (after %d warm-up); p10 %.3f ms, p90 %.3f ms%n",
                "one PLS fit (path scheme)", median(fitMs), fits, fits, quantile(fitMs, 0.1), quantile(fitMs, 0.9));
        System.out.printf(Locale.ROOT, "%-46s %8.3f s  %s%n", String.format(Locale.ROOT, "bootstrap, %d resamples, %d"
                + " threads", resamples, cores), median(parallel), list(parallel));
        System.out.printf(Locale.ROOT, "%-46s %8.3f s  %s%n", String.format(Locale.ROOT, "bootstrap, %d resamples, 1"
                + " thread (baseline)", resamples), median(single), list(single));
        System.out.printf(Locale.ROOT, "Speed-up on %d threads: %.2fx (median of the per-run ratios %s)%n", cores,
                median(ratio), list(ratio));
        System.out.printf(Locale.ROOT, "Load average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return 0;
    }

    private static double seconds(FittedPlsPm fit, Bootstrap.Options options) {
        long s = System.nanoTime();
        Bootstrap.run(fit, options);
        return (System.nanoTime() - s) / 1e9;
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String list(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(String.format(Locale.ROOT, "%.3f", v));
        }
        return String.join(" ", out);
    }

    /**
     * Respondents of the ECSI model: each construct a standard normal, an endogenous one Σ β·predecessor plus noise
     * of variance 1 − R²; each item round(7 + 1.5 (λ·construct + √(1 − λ²)·noise)) clipped to 1–10.
     */
    static PlsData generate(PlsModel model, int n, long seed) {
        Random random = new Random(seed);
        int k = CONSTRUCTS.size();
        List<String> items = SatisfactionIndexCommand.items(model);
        double[][] columns = new double[items.size()][n];
        double[] eta = new double[k];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) { // the constructs are in causal order
                double v = 0;
                for (int p = 0; p < PATHS.length; p++) {
                    if (PATHS[p][1].equals(CONSTRUCTS.get(c))) {
                        v += BETA[p] * eta[CONSTRUCTS.indexOf(PATHS[p][0])];
                    }
                }
                eta[c] = v + Math.sqrt(1 - R2[c]) * random.nextGaussian();
            }
            int i = 0;
            for (int c = 0; c < k; c++) {
                for (double loading : LOADINGS[c]) {
                    double x = Math.rint(7 + 1.5 * (loading * eta[c] + Math.sqrt(1 - loading * loading)
                            * random.nextGaussian()));
                    columns[i++][r] = Math.max(1, Math.min(10, x));
                }
            }
        }
        return PlsData.ofColumns(items, columns);
    }
}
