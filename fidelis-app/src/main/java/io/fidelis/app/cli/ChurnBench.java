package io.fidelis.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.fidelis.core.churn.ChurnData;
import io.fidelis.core.churn.ChurnMetrics;
import io.fidelis.core.churn.ChurnModel;
import io.fidelis.core.churn.FittedChurnModel;
import io.fidelis.core.demo.DemoSubscribers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * Churn model fit times on generated subscribers ({@link DemoSubscribers}: 20 numeric and 10 categorical features,
 * 43 design columns, the outcome drawn from a planted logistic model). Per run, in this order:
 * <ol>
 * <li><b>baseline</b>: {@code ChurnModel.fit} with {@code fixed(0, 0)}, plain maximum likelihood by IRLS as R's
 * {@code glm} (reading the columns, the encoding, the fit and its Wald intervals);</li>
 * <li><b>tuned</b>: {@code ChurnModel.fit} with the defaults a user gets from {@code fidelis churn fit}: α and λ
 * chosen by stratified 5-fold cross-validation over α ∈ {0, 0.5, 1} × 30 λ values (15 paths), then the path on
 * every row and the unpenalised refit for the intervals;</li>
 * <li><b>fixed</b>: {@code ChurnModel.fit} with {@code fixed(α, λ)} at the α and λ the tuned fit chose: one path on
 * every row and the refit, no cross-validation.</li>
 * </ol>
 * Ratios are per run against the baseline of that run. The held-out AUC is measured on subscribers drawn with
 * another seed, and compared with the AUC of the planted probabilities (the best any model can do).
 */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = {"Churn model fit times (cross-validated and fixed penalty) on generated subscribers, against a",
                "plain unpenalised IRLS fit of the same data in the same run; held-out AUC of the fitted models."})
class ChurnBench implements Callable<Integer> {
    @Option(names = "--subscribers", defaultValue = "1000000", description = "Subscribers (default ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--holdout", defaultValue = "200000",
            description = "Held-out subscribers for the AUC (default ${DEFAULT-VALUE}).")
    int holdout;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per measurement (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip-tuned", description = "Time the baseline and a fixed penalty only (α 1, λ --lambda).")
    boolean skipTuned;

    @Option(names = "--lambda", defaultValue = "0.0002",
            description = "The fixed λ with --skip-tuned (default ${DEFAULT-VALUE}); otherwise the tuned choice.")
    double lambda;

    @Option(names = "--json", description = "Print the figures as JSON (after the text).")
    boolean json;

    @Override
    public Integer call() {
        if (runs < 1 || subscribers < 100 || holdout < 100) {
            System.err.println("error: need --runs ≥ 1, --subscribers ≥ 100 and --holdout ≥ 100");
            return 2;
        }
        System.out.printf(Locale.ROOT, "Java %s, %d cores, max heap %.1f GB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e9);
        long t0 = System.nanoTime();
        DemoSubscribers.Sample train = DemoSubscribers.generate(subscribers, seed, 1);
        DemoSubscribers.Sample test = DemoSubscribers.generate(holdout, seed + 1, subscribers + 1);
        ChurnData data = train.data();
        boolean[] actual = new boolean[holdout];
        int churners = 0;
        for (int i = 0; i < holdout; i++) {
            actual[i] = test.data().value(i, DemoSubscribers.TARGET).equals("Yes");
        }
        for (int i = 0; i < subscribers; i++) {
            churners += data.value(i, DemoSubscribers.TARGET).equals("Yes") ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "Generated %,d subscribers (%,d churned, %.1f %%) and %,d held out, 30 features"
                        + " (20 numeric, 10 categorical), seed %d, in %.1f s%n", subscribers, churners,
                100.0 * churners / subscribers, holdout, seed, (System.nanoTime() - t0) / 1e9);

        ChurnModel.Options options = ChurnModel.Options.defaults(DemoSubscribers.TARGET).withId(DemoSubscribers.ID)
                .withPositive("Yes");
        double[] baseline = new double[runs];
        double[] tuned = new double[runs];
        double[] fixed = new double[runs];
        FittedChurnModel ml = null;
        FittedChurnModel cv = null;
        FittedChurnModel fx = null;
        ChurnModel.Options fixedOptions = skipTuned ? options.fixed(1, lambda) : null;
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            ml = ChurnModel.fit(data, options.fixed(0, 0));
            baseline[r] = (System.nanoTime() - s) / 1e9;
            if (!skipTuned) {
                s = System.nanoTime();
                cv = ChurnModel.fit(data, options);
                tuned[r] = (System.nanoTime() - s) / 1e9;
                if (fixedOptions == null) {
                    fixedOptions = options.fixed(cv.alpha(), cv.lambda());
                }
            }
            s = System.nanoTime();
            fx = ChurnModel.fit(data, fixedOptions);
            fixed[r] = (System.nanoTime() - s) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: baseline (IRLS, λ = 0) %.2f s, tuned (5-fold CV) %s, fixed α %.2f"
                            + " λ %.4g %.2f s%n", r + 1, baseline[r], skipTuned ? "skipped" : String.format(Locale.ROOT,
                            "%.2f s", tuned[r]), fixedOptions.alphas().get(0), fixedOptions.lambda(), fixed[r]);
        }
        double truth = ChurnMetrics.rocAuc(actual, test.probability());
        double aucMl = ChurnMetrics.rocAuc(actual, ml.probabilities(test.data()));
        double aucFixed = ChurnMetrics.rocAuc(actual, fx.probabilities(test.data()));
        Double aucTuned = cv == null ? null : ChurnMetrics.rocAuc(actual, cv.probabilities(test.data()));
        long selected = fx.coefficients().stream().filter(c -> c.feature() != null && c.estimate() != 0).count();

        System.out.printf(Locale.ROOT, "%n%-58s %9s  %s%n", "measurement", "median s", "runs s");
        row("baseline: unpenalised IRLS fit, fixed(0, 0)", baseline);
        if (!skipTuned) {
            row("tuned: defaults, 5-fold CV over 3 alphas x 30 lambdas", tuned);
        }
        row(String.format(Locale.ROOT, "fixed: alpha %.2f, lambda %.4g, no CV", fixedOptions.alphas().get(0),
                fixedOptions.lambda()), fixed);
        if (!skipTuned) {
            System.out.printf(Locale.ROOT, "tuned / baseline: %.2f (median of per-run ratios)%n",
                    medianRatio(tuned, baseline));
        }
        System.out.printf(Locale.ROOT, "fixed / baseline: %.2f (median of per-run ratios)%n",
                medianRatio(fixed, baseline));
        if (cv != null) {
            System.out.printf(Locale.ROOT, "tuned choice: alpha %.2f, lambda %.4g, CV deviance per subscriber %.5f%n",
                    cv.alpha(), cv.lambda(), cv.tuning().cvDeviance());
        }
        System.out.printf(Locale.ROOT, "held-out AUC (%,d subscribers): tuned %s, fixed %.4f, unpenalised %.4f;"
                        + " the planted probabilities %.4f%n", holdout,
                aucTuned == null ? "-" : String.format(Locale.ROOT, "%.4f", aucTuned), aucFixed, aucMl, truth);
        System.out.printf(Locale.ROOT, "design columns: %d, of which the fixed-penalty fit keeps %d%n",
                fx.coefficients().size() - 1, selected);
        System.out.printf("10 s target (issue #9): tuned %s, fixed %s%n",
                skipTuned ? "not measured" : median(tuned) <= 10 ? "met" : "not met", median(fixed) <= 10 ? "met"
                        : "not met");

        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subscribers", subscribers);
            m.put("holdout", holdout);
            m.put("seed", seed);
            m.put("runs", runs);
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("designColumns", fx.coefficients().size() - 1);
            m.put("baselineSeconds", baseline);
            m.put("baselineMedian", median(baseline));
            if (!skipTuned) {
                m.put("tunedSeconds", tuned);
                m.put("tunedMedian", median(tuned));
                m.put("tunedOverBaseline", medianRatio(tuned, baseline));
                m.put("tunedAlpha", cv.alpha());
                m.put("tunedLambda", cv.lambda());
                m.put("heldOutAucTuned", aucTuned);
            }
            m.put("fixedAlpha", fixedOptions.alphas().get(0));
            m.put("fixedLambda", fixedOptions.lambda());
            m.put("fixedSeconds", fixed);
            m.put("fixedMedian", median(fixed));
            m.put("fixedOverBaseline", medianRatio(fixed, baseline));
            m.put("heldOutAucFixed", aucFixed);
            m.put("heldOutAucUnpenalised", aucMl);
            m.put("heldOutAucPlanted", truth);
            System.out.println(JsonMapper.builder().build().writeValueAsString(m));
        }
        return 0;
    }

    private static void row(String name, double[] values) {
        List<String> each = new ArrayList<>();
        for (double v : values) {
            each.add(String.format(Locale.ROOT, "%.2f", v));
        }
        System.out.printf(Locale.ROOT, "%-58s %9.2f  %s%n", name, median(values), String.join(" ", each));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double medianRatio(double[] measured, double[] base) {
        double[] ratios = new double[measured.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = measured[i] / base[i];
        }
        return median(ratios);
    }
}
