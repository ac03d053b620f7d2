package io.fidelis.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

import io.fidelis.core.clv.BgNbd;
import io.fidelis.core.clv.CustomerScoring;
import io.fidelis.core.clv.FittedBgNbd;
import io.fidelis.core.clv.FittedGammaGamma;
import io.fidelis.core.clv.GammaGamma;
import io.fidelis.core.clv.ParameterUncertainty;
import io.fidelis.core.clv.RetentionWhatIf;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import org.hipparchus.random.RandomDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The retention what-if over N generated customers (default 1M): their purchase days drawn from BG/NBD with the
 * CDNOW parameters (as {@code bench clv}), spend from Gamma-Gamma; BG/NBD and Gamma-Gamma fitted once, with the
 * parameters' covariance. Then, per run: the baseline pass (every customer's closed-form expected purchases over
 * 12 months, {@link CustomerScoring#expectedTotal}), the what-if without a band, and the what-if with its band
 * (200 parameter draws). Medians of runs and the ratio to the baseline pass in the same run. The common fork-join
 * pool decides the threads (on a 2-core machine: 2).
 */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = {"Retention what-if over N generated customers (default 1M): +5 points over 12 months, with",
                "and without the 200-draw band, against the closed-form expected-purchases pass. Median of runs."})
class WhatIfBench implements Callable<Integer> {
    @Option(names = "--customers", defaultValue = "1000000", description = "Customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--runs", defaultValue = "5", description = "Runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--draws", defaultValue = "200", description = "Parameter draws for the band (default"
            + " ${DEFAULT-VALUE}).")
    int draws;

    @Override
    public Integer call() {
        System.out.printf("Java %s, %d cores, %d threads (common pool parallelism %d + the caller)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.getCommonPoolParallelism() + 1, ForkJoinPool.getCommonPoolParallelism());
        long t0 = System.nanoTime();
        List<CustomerSummary> summaries = generate(customers, new RandomDataGenerator(42));
        System.out.printf("Generated %,d customers in %.1f s%n", summaries.size(), (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        FittedBgNbd model = BgNbd.fit(summaries, BgNbd.Options.defaults());
        FittedGammaGamma spend = GammaGamma.fit(summaries, GammaGamma.Options.defaults());
        double fit = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        ParameterUncertainty uncertainty = ParameterUncertainty.of(model, summaries).orElseThrow();
        double hessian = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f, log-scale SE %s; fits %.1f s, covariance %.2f s%n",
                model.r(), model.alpha(), model.a(), model.b(), Arrays.toString(Arrays.stream(
                        uncertainty.standardErrors()).map(v -> Math.round(v * 1e5) / 1e5).toArray()), fit, hessian);
        int n = summaries.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] margin = new double[n];
        double[] past = new double[n];
        for (int i = 0; i < n; i++) {
            CustomerSummary s = summaries.get(i);
            x[i] = s.x();
            tx[i] = s.tx();
            T[i] = s.T();
            margin[i] = 0.3 * spend.expectedSpend(s.x(), s.monetary());
            past[i] = 0.3 * (s.x() + 1) * s.monetary();
        }
        RetentionWhatIf.Base base = new RetentionWhatIf.Base(x, tx, T, margin, past);
        RetentionWhatIf.Options withBand = new RetentionWhatIf.Options(5, 12, 0.10, Period.WEEK, 15, 100, draws, 1);
        RetentionWhatIf.Options noBand = new RetentionWhatIf.Options(5, 12, 0.10, Period.WEEK, 15, 100, 0, 1);
        double horizon = 12 * 365.25 / 12 / 7;
        double[] baseline = new double[runs];
        double[] plain = new double[runs];
        double[] full = new double[runs];
        RetentionWhatIf.Result result = null;
        double closedForm = 0;
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            closedForm = CustomerScoring.expectedTotal(summaries, model, horizon);
            baseline[r] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            RetentionWhatIf.run(model, null, base, noBand);
            plain[r] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            result = RetentionWhatIf.run(model, uncertainty, base, withBand);
            full[r] = (System.nanoTime() - s) / 1e9;
            System.out.printf("run %d: baseline pass %.3f s, what-if %.3f s, what-if with band %.3f s%n", r + 1,
                    baseline[r], plain[r], full[r]);
        }
        System.out.printf("%n%-52s %10s  runs%n", "measurement (" + String.format("%,d", n) + " customers)",
                "median s");
        row("closed-form expected purchases, every customer", baseline);
        row("what-if +5 points, 12 months, no band", plain);
        row("what-if +5 points, 12 months, band of " + draws + " draws", full);
        double[] ratio = new double[runs];
        double[] ratioFull = new double[runs];
        for (int r = 0; r < runs; r++) {
            ratio[r] = plain[r] / baseline[r];
            ratioFull[r] = full[r] / baseline[r];
        }
        System.out.printf("what-if / baseline pass (median of per-run ratios): %.1f without the band, %.1f with it%n",
                median(ratio), median(ratioFull));
        System.out.printf("dropout x %.4f: annual dropout %.2f %% -> %.2f %%; margin uplift %+.2f %% (95 %% band %+.2f"
                        + " to %+.2f); baseline purchases %.1f (closed form %.1f)%n", result.dropoutFactor(),
                100 * result.annualDropoutBaseline(), 100 * result.annualDropoutScenario(),
                100 * result.marginUpliftShare(), 100 * result.band().lower(), 100 * result.band().upper(),
                result.baseline().purchases(), closedForm);
        return 0;
    }

    private static void row(String name, double[] seconds) {
        System.out.printf("%-52s %10.3f  %s%n", name, median(seconds), Arrays.toString(Arrays.stream(seconds)
                .map(v -> Math.round(v * 1000) / 1000.0).toArray()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Customers born over the first year of two (days), buying and dropping out as BG/NBD with CDNOW's values. */
    static List<CustomerSummary> generate(int n, RandomDataGenerator random) {
        int days = 730;
        List<CustomerSummary> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double lambda = random.nextGamma(ClvBench.R, 1 / ClvBench.ALPHA);
            double p = random.nextBeta(ClvBench.A, ClvBench.B);
            double nu = random.nextGamma(ClvBench.Q, 1 / ClvBench.GAMMA);
            int birth = random.nextInt(0, days / 2);
            double t = birth;
            int last = birth;
            int x = 0;
            double sum = 0;
            while (true) {
                t += random.nextExponential(7 / Math.max(lambda, 1e-12));
                if (t > days) {
                    break;
                }
                int day = (int) Math.floor(t);
                if (day != last) {
                    x++;
                    last = day;
                    sum += Math.max(0.01, random.nextGamma(ClvBench.P, 1 / nu));
                }
                if (random.nextUniform(0, 1) < p) {
                    break;
                }
            }
            out.add(new CustomerSummary("C" + i, x, Period.WEEK.of(last - birth), Period.WEEK.of(days - birth),
                    x == 0 ? 0 : sum / x));
        }
        return out;
    }
}
