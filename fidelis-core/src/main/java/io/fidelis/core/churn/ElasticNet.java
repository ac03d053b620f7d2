package io.fidelis.core.churn;

import java.util.ArrayList;
import java.util.List;

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
        return path(x, y, alpha, lambdas, tolerance, maxSweeps, stopEarly, twoThreads, new int[0][]);
    }

    /**
     * @param dummies column ranges {@code [from, to)} that hold the standardised 0/1 columns of one categorical
     *                feature (at most one of them at its "1" value in a row): each is read as a one-byte level code
     *                per row, and its coordinates take one pass over the rows together instead of one each
     *                (checked; a range that is not such a set is fitted column by column)
     */
    static Path path(double[][] x, double[] y, double alpha, double[] lambdas, double tolerance, int maxSweeps,
                     boolean stopEarly, boolean twoThreads, int[][] dummies) {
        int[] distinct = distinct(x);
        double[][] sub = new double[distinct.length][];
        for (int k = 0; k < distinct.length; k++) {
            sub[k] = x[distinct[k]];
        }
        // the ranges in the columns kept
        List<int[]> ranges = new ArrayList<>();
        for (int[] range : dummies) {
            int from = -1;
            int to = -1;
            for (int k = 0; k < distinct.length; k++) {
                if (distinct[k] >= range[0] && distinct[k] < range[1]) {
                    from = from < 0 ? k : from;
                    to = k + 1;
                }
            }
            if (from >= 0) {
                ranges.add(new int[] {from, to});
            }
        }
        Path path = descend(sub, y, alpha, lambdas, tolerance, maxSweeps, stopEarly, twoThreads,
                Group.of(sub, ranges));
        if (distinct.length == x.length) {
            return path;
        }
        double[][] betas = new double[lambdas.length][x.length];
        for (int l = 0; l < lambdas.length; l++) {
            for (int k = 0; k < distinct.length; k++) {
                betas[l][distinct[k]] = path.betas()[l][k];
            }
        }
        return new Path(path.lambdas(), path.intercepts(), betas, path.converged());
    }

    /**
     * The standardised dummies of one categorical feature, columns {@code from … to − 1}: in row i, column
     * {@code from + m} is {@code one[m]} when {@code code[i] == m + 1} and {@code zero[m]} otherwise (code 0: the
     * reference level, or a level whose column was left out as a copy).
     */
    record Group(int from, int to, byte[] code, double[] one, double[] zero) {
        int levels() {
            return to - from + 1;
        }

        static Group[] of(double[][] x, List<int[]> ranges) {
            List<Group> groups = new ArrayList<>();
            for (int[] range : ranges) {
                Group g = of(x, range[0], range[1]);
                if (g != null) {
                    groups.add(g);
                }
            }
            return groups.toArray(Group[]::new);
        }

        /** The group, or null when the columns are not two-valued indicators of one level each. */
        private static Group of(double[][] x, int from, int to) {
            int columns = to - from;
            if (columns > 100) {
                return null;
            }
            int n = x[from].length;
            double[] one = new double[columns];
            double[] zero = new double[columns];
            for (int m = 0; m < columns; m++) {
                double[] c = x[from + m];
                double positive = Double.NaN;
                double negative = Double.NaN;
                for (int i = 0; i < n && (Double.isNaN(positive) || Double.isNaN(negative)); i++) {
                    if (c[i] > 0) {
                        positive = c[i];
                    } else {
                        negative = c[i];
                    }
                }
                if (!(positive > 0) || !(negative < 0)) {
                    return null;
                }
                one[m] = positive;
                zero[m] = negative;
            }
            byte[] code = new byte[n];
            for (int m = 0; m < columns; m++) {
                double[] c = x[from + m];
                for (int i = 0; i < n; i++) {
                    if (c[i] == one[m]) {
                        if (code[i] != 0) {
                            return null; // two levels in one row
                        }
                        code[i] = (byte) (m + 1);
                    } else if (c[i] != zero[m]) {
                        return null; // a third value
                    }
                }
            }
            return new Group(from, to, code, one, zero);
        }
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
                                int maxSweeps, boolean stopEarly, boolean twoThreads, Group[] groups) {
        int p = x.length;
        int n = y.length;
        int[] groupAt = new int[p];
        java.util.Arrays.fill(groupAt, -1);
        for (int k = 0; k < groups.length; k++) {
            groupAt[groups[k].from()] = k;
        }
        // per group and level, Σwᵢ over its rows (taken in the first sweep of each quadratic approximation)
        double[][] levelWeight = new double[groups.length][];
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
                        if (groupAt[j] >= 0) {
                            // A categorical feature's dummies: one pass sums wᵢrᵢ by level, then each coordinate
                            // as the plain descent would (its gradient from the level sums, which every update
                            // keeps current), then one light pass applies the feature's updates to r.
                            Group group = groups[groupAt[j]];
                            boolean visit = full;
                            for (int m = group.from(); m < group.to() && !visit; m++) {
                                visit = active[m];
                            }
                            if (!visit) {
                                j = group.to() - 1;
                                continue;
                            }
                            int levels = group.levels();
                            double[] sums = halves(n, 1 + 2 * levels, twoThreads, levelPass(group.code(), levels,
                                    pending >= 0 ? x[pending] : null, pendingDelta, shift, first, w, r));
                            pending = -1;
                            shift = 0;
                            swr = sums[0];
                            double[] u = java.util.Arrays.copyOfRange(sums, 1, 1 + levels);
                            if (first) {
                                levelWeight[groupAt[j]] = java.util.Arrays.copyOfRange(sums, 1 + levels,
                                        1 + 2 * levels);
                            }
                            double[] lw = levelWeight[groupAt[j]];
                            double[] table = new double[levels];
                            double base = 0;
                            boolean moved = false;
                            for (int m = 0; m < levels - 1; m++) {
                                int jj = group.from() + m;
                                if (!full && !active[jj]) {
                                    continue;
                                }
                                double one = group.one()[m];
                                double zero = group.zero()[m];
                                double rest = sw - lw[m + 1];
                                if (first) {
                                    xv[jj] = (one * one * lw[m + 1] + zero * zero * rest) / n;
                                    wx[jj] = one * lw[m + 1] + zero * rest;
                                }
                                double g = zero * swr + (one - zero) * u[m + 1];
                                double b = soft(g / n + xv[jj] * beta[jj], l1) / (xv[jj] + l2);
                                double delta = b - beta[jj];
                                if (delta != 0) {
                                    beta[jj] = b;
                                    moved = true;
                                    // r −= delta × (zero + (one − zero)[level m + 1])
                                    base += delta * zero;
                                    table[m + 1] += delta * (one - zero);
                                    for (int l = 0; l < levels; l++) {
                                        u[l] -= delta * zero * lw[l];
                                    }
                                    u[m + 1] -= delta * (one - zero) * lw[m + 1];
                                    swr -= delta * wx[jj];
                                    change = Math.max(change, xv[jj] * delta * delta);
                                    if (b != 0) {
                                        active[jj] = true;
                                    }
                                }
                            }
                            if (moved) {
                                for (int l = 0; l < levels; l++) {
                                    table[l] += base;
                                }
                                byte[] code = group.code();
                                halves(n, 0, twoThreads, (from, to, out) -> {
                                    for (int i = from; i < to; i++) {
                                        r[i] -= table[code[i]];
                                    }
                                });
                            }
                            j = group.to() - 1;
                            continue;
                        }
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
     * The pass of a group of dummies: applies the pending update to the residual (r −= pd × pc, then r −= shift)
     * and sums Σwr, then Σwr by level, and in the first sweep Σw by level (two interleaved sets of sums, so that
     * rows of the same level in a row do not wait on each other).
     */
    private static Pass levelPass(byte[] code, int levels, double[] pc, double pd, double shift, boolean first,
                                  double[] w, double[] r) {
        return (from, to, out) -> {
            double sr = 0;
            double[] u = new double[2 * levels];
            double[] lw = new double[2 * levels];
            for (int i = from; i < to; i++) {
                double ri = pc == null ? r[i] - shift : r[i] - pd * pc[i] - shift;
                r[i] = ri;
                double wi = w[i];
                double wr = wi * ri;
                sr += wr;
                int slot = (i & 1) * levels + code[i];
                u[slot] += wr;
                if (first) {
                    lw[slot] += wi;
                }
            }
            out[0] = sr;
            for (int l = 0; l < levels; l++) {
                out[1 + l] = u[l] + u[levels + l];
                out[1 + levels + l] = lw[l] + lw[levels + l];
            }
        };
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
