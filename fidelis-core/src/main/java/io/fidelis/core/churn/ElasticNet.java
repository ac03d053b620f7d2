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
        int[] distinct = distinct(x);
        if (distinct.length == x.length) {
            return descend(x, y, alpha, lambdas, tolerance, maxSweeps, stopEarly);
        }
        double[][] sub = new double[distinct.length][];
        for (int k = 0; k < distinct.length; k++) {
            sub[k] = x[distinct[k]];
        }
        Path path = descend(sub, y, alpha, lambdas, tolerance, maxSweeps, stopEarly);
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
            double[] negated = new double[x[j].length];
            for (int i = 0; i < negated.length; i++) {
                negated[i] = -x[j][i];
            }
            boolean copy = false;
            for (double[] form : new double[][] {x[j], negated}) {
                for (int k : byHash.getOrDefault(java.util.Arrays.hashCode(form), java.util.List.of())) {
                    copy |= java.util.Arrays.equals(x[k], form);
                }
            }
            if (!copy) {
                byHash.computeIfAbsent(java.util.Arrays.hashCode(x[j]), h -> new java.util.ArrayList<>()).add(j);
                keep.add(j);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Path descend(double[][] x, double[] y, double alpha, double[] lambdas, double tolerance,
                                int maxSweeps, boolean stopEarly) {
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
                double sw = 0;
                for (int i = 0; i < n; i++) {
                    double mu = 1 / (1 + Math.exp(-eta[i]));
                    double wi = Math.max(mu * (1 - mu), MIN_WEIGHT);
                    w[i] = wi;
                    r[i] = (y[i] - mu) / wi;
                    z[i] = eta[i] + r[i];
                    sw += wi;
                }
                for (int j = 0; j < p; j++) {
                    double s = 0;
                    double[] c = x[j];
                    for (int i = 0; i < n; i++) {
                        s += w[i] * c[i] * c[i];
                    }
                    xv[j] = s / n;
                }
                System.arraycopy(beta, 0, before, 0, p);
                double b0Before = b0;
                boolean full = true;
                while (true) {
                    double change = 0;
                    // intercept
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += w[i] * r[i];
                    }
                    d /= sw;
                    if (d != 0) {
                        b0 += d;
                        for (int i = 0; i < n; i++) {
                            r[i] -= d;
                        }
                        change = Math.max(change, sw / n * d * d);
                    }
                    for (int j = 0; j < p; j++) {
                        if (!full && !active[j]) {
                            continue;
                        }
                        double[] c = x[j];
                        double g = 0;
                        for (int i = 0; i < n; i++) {
                            g += w[i] * c[i] * r[i];
                        }
                        double u = g / n + xv[j] * beta[j];
                        double b = soft(u, l1) / (xv[j] + l2);
                        double delta = b - beta[j];
                        if (delta != 0) {
                            beta[j] = b;
                            for (int i = 0; i < n; i++) {
                                r[i] -= delta * c[i];
                            }
                            change = Math.max(change, xv[j] * delta * delta);
                            if (b != 0) {
                                active[j] = true;
                            }
                        }
                    }
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
                for (int i = 0; i < n; i++) {
                    eta[i] = z[i] - r[i];
                }
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
            double deviance = 0;
            for (int i = 0; i < n; i++) {
                deviance += Irls.logLoss(y[i], eta[i]);
            }
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
