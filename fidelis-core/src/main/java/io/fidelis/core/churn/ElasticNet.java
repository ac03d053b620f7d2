package io.fidelis.core.churn;

/**
 * Penalised logistic regression by cyclic coordinate descent on standardised columns, as glmnet's {@code lognet}
 * (Friedman, Hastie &amp; Tibshirani 2010, "Regularization paths for generalized linear models via coordinate
 * descent", J. Stat. Softw. 33(1)). It minimises
 * <pre>  −(1/n) Σ [yᵢ ηᵢ − log(1 + e^ηᵢ)] + λ Σⱼ [(1 − α)/2 βⱼ² + α |βⱼ|],   ηᵢ = β₀ + xᵢᵀβ</pre>
 * with the intercept unpenalised: an outer loop of quadratic (IRLS) approximations of the log-likelihood, each
 * minimised by coordinate descent with soft-thresholding, over a decreasing sequence of λ with warm starts and an
 * active set (a full sweep confirms that no other coefficient enters). Package-private.
 */
final class ElasticNet {
    /** The smallest IRLS weight (glmnet's {@code pmin} guard against fitted probabilities at 0 or 1). */
    private static final double MIN_WEIGHT = 1e-5;
    private static final int MAX_OUTER = 100;
    /** glmnet's {@code fdev}: the smallest relative change in deviance that continues a path. */
    private static final double STOP = 1e-5;

    private ElasticNet() {
    }

    /** Coefficients on the standardised scale for each λ of the path. */
    record Path(double[] lambdas, double[] intercepts, double[][] betas, boolean converged) {
    }

    /**
     * The λ from which every penalised coefficient is 0: max |xⱼᵀ(y − ȳ)| / (n α); with α below 0.001 (ridge) it
     * uses 0.001, as glmnet does.
     */
    static double lambdaMax(double[][] x, double[] y, double alpha) {
        int n = y.length;
        double ybar = 0;
        for (double v : y) {
            ybar += v;
        }
        ybar /= n;
        double max = 0;
        for (double[] column : x) {
            double g = 0;
            for (int i = 0; i < n; i++) {
                g += column[i] * (y[i] - ybar);
            }
            max = Math.max(max, Math.abs(g) / n);
        }
        return max / Math.max(alpha, 1e-3);
    }

    /** {@code count} values from {@code max} down to {@code max × ratio}, evenly on the log scale. */
    static double[] sequence(double max, double ratio, int count) {
        double[] l = new double[count];
        for (int k = 0; k < count; k++) {
            l[k] = count == 1 ? max : max * Math.pow(ratio, (double) k / (count - 1));
        }
        return l;
    }

    /**
     * Fits the path.
     *
     * @param x         standardised columns, {@code x[column][row]}
     * @param y         0 or 1
     * @param tolerance convergence: the largest weighted squared change of a coefficient, Σwᵢxᵢⱼ²/n × Δβⱼ²
     * @param maxSweeps the most coordinate sweeps per λ
     */
    static Path path(double[][] x, double[] y, double alpha, double[] lambdas, double tolerance, int maxSweeps) {
        return path(x, y, alpha, lambdas, tolerance, maxSweeps, false);
    }

    /**
     * @param stopEarly stop the path where the deviance no longer changes (by less than 1e-5 of it from one λ to
     *                  the next), as glmnet; the remaining λ values get the last solution
     */
    static Path path(double[][] x, double[] y, double alpha, double[] lambdas, double tolerance, int maxSweeps,
                     boolean stopEarly) {
        return path(x, y, alpha, lambdas, tolerance, maxSweeps, stopEarly, true);
    }

    /**
     * @param twoThreads whether the two halves of each pass over the rows run on two threads (the common pool);
     *                   false where the caller already keeps both cores busy. The result is the same either way.
     */
    static Path path(double[][] x, double[] y, double alpha, double[] lambdas, double tolerance, int maxSweeps,
                     boolean stopEarly, boolean twoThreads) {
        int[] distinct = distinct(x);
        if (distinct.length == x.length) {
            return descend(x, y, alpha, lambdas, tolerance, maxSweeps, stopEarly, twoThreads);
        }
        double[][] sub = new double[distinct.length][];
        for (int k = 0; k < distinct.length; k++) {
            sub[k] = x[distinct[k]];
        }
        Path path = descend(sub, y, alpha, lambdas, tolerance, maxSweeps, stopEarly, twoThreads);
        double[][] betas = new double[lambdas.length][x.length];
        for (int l = 0; l < lambdas.length; l++) {
            for (int k = 0; k < distinct.length; k++) {
                betas[l][distinct[k]] = path.betas()[l][k];
            }
        }
        return new Path(path.lambdas(), path.intercepts(), betas, path.converged());
    }

    /**
     * The columns that are not an exact copy of an earlier column, or of its negation (standardised 0/1 columns that
     * are each other's complement). A copy (Telco's "No internet service" level of six features repeats
     * InternetService = No; "No phone service" of MultipleLines is the complement of PhoneService = Yes) is fitted as 0 and the earlier column carries the effect: this
     * keeps the solution unique and the descent fast, where the exact elastic net with a ridge share would split the
     * effect evenly between the copies (same predictions, different split).
     */
    static int[] distinct(double[][] x) {
        java.util.Map<Integer, java.util.List<Integer>> byHash = new java.util.HashMap<>();
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            double[] c = x[j];
            // Arrays.hashCode of the column and of its negation, in one pass and without a copy
            int hash = 1;
            int negatedHash = 1;
            for (double v : c) {
                long bits = Double.doubleToLongBits(v);
                long negatedBits = Double.doubleToLongBits(-v);
                hash = 31 * hash + (int) (bits ^ (bits >>> 32));
                negatedHash = 31 * negatedHash + (int) (negatedBits ^ (negatedBits >>> 32));
            }
            boolean copy = false;
            for (int k : byHash.getOrDefault(hash, java.util.List.of())) {
                copy |= java.util.Arrays.equals(x[k], c);
            }
            for (int k : byHash.getOrDefault(negatedHash, java.util.List.of())) {
                copy |= negation(x[k], c);
            }
            if (!copy) {
                byHash.computeIfAbsent(hash, h -> new java.util.ArrayList<>()).add(j);
                keep.add(j);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether a equals −b element by element, as {@code Arrays.equals(a, negated b)}. */
    private static boolean negation(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(-b[i])) {
                return false;
            }
        }
        return true;
    }

    /** A pass over the rows [from, to) that writes its partial sums into {@code out}. */
    @FunctionalInterface
    private interface Pass {
        void run(int from, int to, double[] out);
    }

    /**
     * Runs a pass over the two fixed halves of the rows, on two threads or one after the other, and adds the halves'
     * sums (first half first): the same numbers either way.
     */
    private static double[] halves(int n, int sums, boolean twoThreads, Pass pass) {
        int half = n / 2;
        double[] first = new double[sums];
        double[] second = new double[sums];
        if (twoThreads && n >= 2 * PARALLEL_ROWS) {
            java.util.concurrent.ForkJoinTask<?> task = java.util.concurrent.ForkJoinTask.adapt(
                    () -> pass.run(half, n, second)).fork();
            pass.run(0, half, first);
            task.join();
        } else {
            pass.run(0, half, first);
            pass.run(half, n, second);
        }
        for (int k = 0; k < sums; k++) {
            first[k] += second[k];
        }
        return first;
    }

    /** Below twice this many rows, a pass is not worth a second thread. */
    private static final int PARALLEL_ROWS = 20_000;

    /**
     * The path by coordinate descent. The iterates are those of the textbook algorithm (glmnet's naive updates:
     * the intercept, then each coordinate, against the working residual), with the passes over the rows arranged so
     * that each visited column costs one pass: the residual update of the coordinate before (and the intercept's
     * shift) is applied in the same pass that takes the next coordinate's gradient, and the weighted column norms
     * are taken in the first sweep of each quadratic approximation. The intercept's gradient Σwᵢrᵢ is carried along
     * instead of being summed again. Each pass sums its two halves of the rows separately (on two threads when
     * {@code twoThreads}). {@code ElasticNetTest} checks the result against the plain implementation.
     */
    private static Path descend(double[][] x, double[] y, double alpha, double[] lambdas, double tolerance,
                                int maxSweeps, boolean stopEarly, boolean twoThreads) {
        int p = x.length;
        int n = y.length;
        double ybar = 0;
        for (double v : y) {
            ybar += v;
        }
        ybar /= n;
        double b0 = Math.log(ybar / (1 - ybar));
        double[] beta = new double[p];
        double[] eta = new double[n];
        java.util.Arrays.fill(eta, b0);
        double[] w = new double[n];
        double[] r = new double[n];
        double[] z = new double[n];
        double[] xv = new double[p];
        double[] wx = new double[p];
        double[] before = new double[p];
        boolean[] active = new boolean[p];
        double[] intercepts = new double[lambdas.length];
        double[][] betas = new double[lambdas.length][];
        boolean converged = true;
        int sweeps = 0;
        double nullDeviance = 0;
        for (int i = 0; i < n; i++) {
            nullDeviance += Irls.logLoss(y[i], b0);
        }
        double previousDeviance = nullDeviance;
        int k = 0;
        for (; k < lambdas.length; k++) {
            double l1 = lambdas[k] * alpha;
            double l2 = lambdas[k] * (1 - alpha);
            boolean outerConverged = false;
            for (int outer = 0; outer < MAX_OUTER && !outerConverged; outer++) {
                double[] weights = halves(n, 2, twoThreads, (from, to, out) -> {
                    double sw = 0;
                    double swr = 0;
                    for (int i = from; i < to; i++) {
                        double mu = 1 / (1 + Math.exp(-eta[i]));
                        double wi = Math.max(mu * (1 - mu), MIN_WEIGHT);
                        double ri = (y[i] - mu) / wi;
                        w[i] = wi;
                        r[i] = ri;
                        z[i] = eta[i] + ri;
                        sw += wi;
                        swr += wi * ri;
                    }
                    out[0] = sw;
                    out[1] = swr;
                });
                double sw = weights[0];
                double swr = weights[1];
                System.arraycopy(beta, 0, before, 0, p);
                double b0Before = b0;
                boolean full = true;
                boolean first = true;
                // Not yet applied to r: r −= pendingDelta × x[pending] (pending ≥ 0), then r −= shift.
                int pending = -1;
                double pendingDelta = 0;
                double shift = 0;
                while (true) {
                    double change = 0;
                    // intercept: Σwᵢrᵢ is carried in swr
                    double d = swr / sw;
                    if (d != 0) {
                        b0 += d;
                        shift += d;
                        swr -= d * sw;
                        change = Math.max(change, sw / n * d * d);
                    }
                    for (int j = 0; j < p; j++) {
                        if (!full && !active[j]) {
                            continue;
                        }
                        double[] sums = halves(n, 4, twoThreads, pass(x[j], pending >= 0 ? x[pending] : null,
                                pendingDelta, shift, first, w, r));
                        double g = sums[0];
                        if (first) {
                            xv[j] = sums[2] / n;
                            wx[j] = sums[3];
                        }
                        pending = -1;
                        shift = 0;
                        swr = sums[1];
                        double u = g / n + xv[j] * beta[j];
                        double b = soft(u, l1) / (xv[j] + l2);
                        double delta = b - beta[j];
                        if (delta != 0) {
                            beta[j] = b;
                            pending = j;
                            pendingDelta = delta;
                            swr -= delta * wx[j];
                            change = Math.max(change, xv[j] * delta * delta);
                            if (b != 0) {
                                active[j] = true;
                            }
                        }
                    }
                    first = false;
                    sweeps++;
                    if (change < tolerance) {
                        if (full) {
                            break;
                        }
                        full = true; // confirm with a sweep over every column
                    } else {
                        full = false;
                    }
                    if (sweeps > maxSweeps) {
                        converged = false;
                        break;
                    }
                }
                // the updates not yet applied, then η = z − r
                double[] pc = pending >= 0 ? x[pending] : null;
                double pd = pending >= 0 ? pendingDelta : 0;
                double lastShift = shift;
                halves(n, 0, twoThreads, (from, to, out) -> {
                    for (int i = from; i < to; i++) {
                        double ri = pc == null ? r[i] - lastShift : r[i] - pd * pc[i] - lastShift;
                        eta[i] = z[i] - ri;
                    }
                });
                double change = sw / n * (b0 - b0Before) * (b0 - b0Before);
                for (int j = 0; j < p; j++) {
                    double dj = beta[j] - before[j];
                    change = Math.max(change, xv[j] * dj * dj);
                }
                outerConverged = change < tolerance;
                if (sweeps > maxSweeps) {
                    break;
                }
            }
            converged &= outerConverged;
            sweeps = 0;
            intercepts[k] = b0;
            betas[k] = beta.clone();
            // glmnet's stopping rule: the rest of the path would change the deviance by less than 1e-5 of it.
            double deviance = halves(n, 1, twoThreads, (from, to, out) -> {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += Irls.logLoss(y[i], eta[i]);
                }
                out[0] = sum;
            })[0];
            boolean flat = k > 0 && (previousDeviance - deviance) < STOP * previousDeviance;
            previousDeviance = deviance;
            if (flat && stopEarly) {
                break;
            }
        }
        // λ values after an early stop keep the last solution.
        for (int rest = k + 1; rest < lambdas.length; rest++) {
            intercepts[rest] = b0;
            betas[rest] = beta.clone();
        }
        return new Path(lambdas.clone(), intercepts, betas, converged);
    }

    /**
     * The pass of one coordinate: applies the pending update to the residual (r −= pd × pc, then r −= shift) and
     * sums Σwcr and Σwr, and in the first sweep also Σwc² and Σwc.
     */
    private static Pass pass(double[] c, double[] pc, double pd, double shift, boolean first, double[] w,
                             double[] r) {
        if (first) {
            return (from, to, out) -> {
                double g = 0;
                double sr = 0;
                double sxx = 0;
                double sx = 0;
                if (pc != null) {
                    for (int i = from; i < to; i++) {
                        double ri = r[i] - pd * pc[i] - shift;
                        r[i] = ri;
                        double wi = w[i];
                        double wc = wi * c[i];
                        g += wc * ri;
                        sr += wi * ri;
                        sxx += wc * c[i];
                        sx += wc;
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        double ri = r[i] - shift;
                        r[i] = ri;
                        double wi = w[i];
                        double wc = wi * c[i];
                        g += wc * ri;
                        sr += wi * ri;
                        sxx += wc * c[i];
                        sx += wc;
                    }
                }
                out[0] = g;
                out[1] = sr;
                out[2] = sxx;
                out[3] = sx;
            };
        }
        if (pc != null) {
            return (from, to, out) -> {
                double g = 0;
                double sr = 0;
                for (int i = from; i < to; i++) {
                    double ri = r[i] - pd * pc[i] - shift;
                    r[i] = ri;
                    double wi = w[i];
                    g += wi * c[i] * ri;
                    sr += wi * ri;
                }
                out[0] = g;
                out[1] = sr;
            };
        }
        if (shift != 0) {
            return (from, to, out) -> {
                double g = 0;
                double sr = 0;
                for (int i = from; i < to; i++) {
                    double ri = r[i] - shift;
                    r[i] = ri;
                    double wi = w[i];
                    g += wi * c[i] * ri;
                    sr += wi * ri;
                }
                out[0] = g;
                out[1] = sr;
            };
        }
        return (from, to, out) -> {
            double g = 0;
            double sr = 0;
            for (int i = from; i < to; i++) {
                double wi = w[i];
                g += wi * c[i] * r[i];
                sr += wi * r[i];
            }
            out[0] = g;
            out[1] = sr;
        };
    }

    static double soft(double u, double t) {
        if (u > t) {
            return u - t;
        }
        if (u < -t) {
            return u + t;
        }
        return 0;
    }
}
