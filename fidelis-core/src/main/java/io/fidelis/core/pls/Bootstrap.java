package io.fidelis.core.pls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import io.fidelis.core.pls.PlsModel.Path;

/**
 * Bootstrap percentile confidence intervals for a fitted PLS path model: respondents are drawn with replacement,
 * the model is refitted with the same options, and each parameter's interval is read from the quantiles of its
 * resampled values (R's default quantile, type 7). Covers path coefficients, outer weights and loadings, R² and
 * total effects.
 *
 * <p>Reproducible: resample i draws from its own {@link SplittableRandom} seeded from a hash of (seed, i), so the
 * same seed gives identical intervals whatever the parallelism. A resample that cannot be fitted (an item with zero
 * variance in the resample, collinear scores) or does not converge is counted in {@link Result#failed()}, its
 * reason kept, and left out. Missing answers were handled once, before resampling, as the fit's options say.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * @param resamples   the number of bootstrap resamples (plspm's default is 100; 5,000 for reporting)
     * @param seed        the random seed
     * @param parallelism the number of threads (1: the calling thread only)
     * @param confidence  the interval's confidence level, e.g. 0.95
     */
    public record Options(int resamples, long seed, int parallelism, double confidence) {
        public Options {
            if (resamples < 2 || parallelism < 1 || !(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("need resamples ≥ 2, parallelism ≥ 1 and 0 < confidence < 1, got "
                        + resamples + ", " + parallelism + ", " + confidence);
            }
        }

        /** 5,000 resamples, seed 1, every available processor, 95 %. */
        public static Options defaults() {
            return new Options(5000, 1, Runtime.getRuntime().availableProcessors(), 0.95);
        }

        public Options withResamples(int resamples) {
            return new Options(resamples, seed, parallelism, confidence);
        }

        public Options withSeed(long seed) {
            return new Options(resamples, seed, parallelism, confidence);
        }

        public Options withParallelism(int parallelism) {
            return new Options(resamples, seed, parallelism, confidence);
        }
    }

    /**
     * A percentile interval.
     *
     * @param estimate      the estimate on the full data
     * @param mean          the mean over the successful resamples
     * @param standardError their standard deviation (divisor B − 1)
     */
    public record Interval(double estimate, double mean, double standardError, double lower, double upper) {
        public boolean contains(double value) {
            return lower <= value && value <= upper;
        }
    }

    /**
     * The intervals, keyed as in {@link FittedPlsPm}.
     *
     * @param resamples the resamples drawn
     * @param failed    how many of them could not be fitted or did not converge (left out)
     * @param failures  the distinct reasons of the failures, at most ten, in resample order
     */
    public record Result(int resamples, int failed, List<String> failures, Map<Path, Interval> paths,
                         Map<String, Interval> outerWeights, Map<String, Interval> outerLoadings,
                         Map<String, Interval> rSquared, Map<Path, Interval> totalEffects) {
        public Result {
            failures = List.copyOf(failures);
        }
    }

    /** Resamples the respondents {@code fitted} used. */
    public static Result run(FittedPlsPm fitted, Options options) {
        Resampler resampler = new Resampler(fitted);
        int b = options.resamples();
        double[][] values = new double[b][];
        String[] reasons = new String[b];
        IntConsumer one = i -> {
            try {
                values[i] = resampler.fit(new SplittableRandom(seed(options.seed(), i)));
            } catch (IllegalArgumentException e) {
                reasons[i] = e.getMessage();
            }
        };
        if (options.parallelism() == 1) {
            IntStream.range(0, b).forEach(one);
        } else {
            ForkJoinPool pool = new ForkJoinPool(options.parallelism());
            try {
                pool.submit(() -> IntStream.range(0, b).parallel().forEach(one)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("bootstrap interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("bootstrap failed", e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        return summarise(fitted, resampler, values, reasons, options.confidence());
    }

    /** SplitMix64's finaliser (Stafford's variant 13) applied twice: resample seeds that share no structure. */
    static long seed(long seed, int index) {
        return mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Result summarise(FittedPlsPm fitted, Resampler r, double[][] values, String[] reasons,
                                    double confidence) {
        int ok = 0;
        Set<String> failures = new LinkedHashSet<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                ok++;
            } else if (failures.size() < 10) {
                failures.add(reasons[i]);
            }
        }
        if (ok < 2) {
            throw new IllegalArgumentException("only " + ok + " of " + values.length
                    + " bootstrap resamples could be fitted: " + failures);
        }
        double[] estimate = r.vector(fitted.estimate(), fitted.inner(), fitted.cross());
        Interval[] intervals = new Interval[estimate.length];
        double[] column = new double[ok];
        for (int c = 0; c < estimate.length; c++) {
            int m = 0;
            double sum = 0;
            for (double[] v : values) {
                if (v != null) {
                    column[m++] = v[c];
                    sum += v[c];
                }
            }
            double mean = sum / ok;
            double ss = 0;
            for (double v : column) {
                ss += (v - mean) * (v - mean);
            }
            Arrays.sort(column);
            intervals[c] = new Interval(estimate[c], mean, Math.sqrt(ss / (ok - 1)),
                    quantile(column, (1 - confidence) / 2), quantile(column, (1 + confidence) / 2));
        }
        Layout layout = fitted.layout();
        int at = 0;
        Map<Path, Interval> paths = new LinkedHashMap<>();
        for (Path p : layout.model.paths()) {
            paths.put(p, intervals[at++]);
        }
        Map<String, Interval> weights = new LinkedHashMap<>();
        for (String item : layout.items) {
            weights.put(item, intervals[at++]);
        }
        Map<String, Interval> loadings = new LinkedHashMap<>();
        for (String item : layout.items) {
            loadings.put(item, intervals[at++]);
        }
        Map<String, Interval> r2 = new LinkedHashMap<>();
        for (int b : layout.endogenous) {
            r2.put(layout.constructs.get(b), intervals[at++]);
        }
        Map<Path, Interval> totals = new LinkedHashMap<>();
        for (int[] pair : r.reachable) {
            totals.put(new Path(layout.constructs.get(pair[0]), layout.constructs.get(pair[1])), intervals[at++]);
        }
        return new Result(values.length, values.length - ok, new ArrayList<>(failures),
                Collections.unmodifiableMap(paths), Collections.unmodifiableMap(weights),
                Collections.unmodifiableMap(loadings), Collections.unmodifiableMap(r2),
                Collections.unmodifiableMap(totals));
    }

    /** R's type 7 quantile of sorted values. */
    static double quantile(double[] sorted, double prob) {
        double h = (sorted.length - 1) * prob;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Refits on resamples from the item covariances of the drawn respondents: the data centred once (row-major for
     * the accumulation), then per resample the multiplicity of each respondent, the covariances weighted by it, and
     * the estimation on those.
     */
    static final class Resampler {
        private final Layout layout;
        private final PlsPm.Options options;
        private final Prepared prepared;
        /** rows[r][i]: respondent r, item i, centred on the full-data mean. */
        private final double[][] rows;
        final List<int[]> reachable = new ArrayList<>();
        private final List<int[]> paths = new ArrayList<>();

        Resampler(FittedPlsPm fitted) {
            this.layout = fitted.layout();
            this.options = fitted.options();
            this.prepared = fitted.prepared();
            this.rows = new double[prepared.n][layout.p];
            for (int i = 0; i < layout.p; i++) {
                for (int r = 0; r < prepared.n; r++) {
                    rows[r][i] = prepared.values[i][r] - prepared.mean[i];
                }
            }
            for (Path path : layout.model.paths()) {
                paths.add(new int[] {layout.construct(path.from()), layout.construct(path.to())});
            }
            boolean[][] reach = FittedPlsPm.reach(layout);
            for (int a = 0; a < layout.k; a++) {
                for (int b = 0; b < layout.k; b++) {
                    if (reach[a][b]) {
                        reachable.add(new int[] {a, b});
                    }
                }
            }
        }

        /** One resample's parameter vector: paths, weights, loadings, R², total effects. */
        double[] fit(SplittableRandom random) {
            int n = prepared.n;
            int p = layout.p;
            int[] count = new int[n];
            for (int m = 0; m < n; m++) {
                count[random.nextInt(n)]++;
            }
            checkVariance(count);
            double[] shift = new double[p];
            double[][] s = new double[p][p];
            for (int r = 0; r < n; r++) {
                int c = count[r];
                if (c == 0) {
                    continue;
                }
                double[] y = rows[r];
                for (int i = 0; i < p; i++) {
                    double cy = c * y[i];
                    shift[i] += cy;
                    double[] si = s[i];
                    for (int j = i; j < p; j++) {
                        si[j] += cy * y[j];
                    }
                }
            }
            for (int i = 0; i < p; i++) {
                shift[i] /= n;
            }
            for (int i = 0; i < p; i++) {
                for (int j = i; j < p; j++) {
                    s[i][j] = s[i][j] / n - shift[i] * shift[j];
                }
            }
            boolean scaled = options.scaled();
            double[] sd = new double[p];
            for (int i = 0; i < p; i++) {
                sd[i] = Math.sqrt(s[i][i]);
            }
            for (int i = 0; i < p; i++) {
                for (int j = i; j < p; j++) {
                    double v = scaled ? (i == j ? 1 : s[i][j] / (sd[i] * sd[j])) : s[i][j];
                    s[i][j] = v;
                    s[j][i] = v;
                }
            }
            Estimation.Estimate e = Estimation.estimate(s, layout, options.scheme(), options.tolerance(),
                    options.maxIterations());
            if (!e.converged()) {
                throw new IllegalArgumentException("did not converge in " + options.maxIterations() + " iterations");
            }
            return vector(e, Estimation.inner(e.correlation(), layout), FittedPlsPm.crossLoadings(s, e, layout));
        }

        /** The zero-variance check of the fit, exactly: an item whose drawn answers are all equal. */
        private void checkVariance(int[] count) {
            for (int i = 0; i < layout.p; i++) {
                double[] x = prepared.values[i];
                double first = Double.NaN;
                boolean varies = false;
                for (int r = 0; r < x.length && !varies; r++) {
                    if (count[r] > 0) {
                        if (Double.isNaN(first)) {
                            first = x[r];
                        } else if (x[r] != first) {
                            varies = true;
                        }
                    }
                }
                if (!varies) {
                    throw Prepared.zeroVariance(layout.items.get(i), first);
                }
            }
        }

        double[] vector(Estimation.Estimate e, Estimation.Inner inner, double[][] cross) {
            double[] out = new double[size()];
            int at = 0;
            for (int[] path : paths) {
                out[at++] = inner.coef()[path[0]][path[1]];
            }
            for (int i = 0; i < layout.p; i++) {
                out[at++] = e.weights()[i];
            }
            for (int i = 0; i < layout.p; i++) {
                out[at++] = cross[i][layout.blockOf[i]];
            }
            for (int b : layout.endogenous) {
                out[at++] = inner.r2()[b];
            }
            for (int[] pair : reachable) {
                out[at++] = inner.total()[pair[0]][pair[1]];
            }
            return out;
        }

        private int size() {
            return paths.size() + 2 * layout.p + layout.endogenous.length + reachable.size();
        }
    }
}
