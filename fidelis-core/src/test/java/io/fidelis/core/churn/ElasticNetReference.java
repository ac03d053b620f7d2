package io.fidelis.core.churn;

/**
 * The coordinate descent of {@link ElasticNet} as first written (commit {@code a70369a}): the plain naive updates, two
 * passes over the rows per coordinate and intercept step, the weighted column norms in passes of their own. Kept as
 * the reference that the faster arrangement must reproduce.
 */
final class ElasticNetReference {
    private static final double MIN_WEIGHT = 1e-5;
    private static final int MAX_OUTER = 100;
    private static final double STOP = 1e-5;

    private ElasticNetReference() {
    }

    static ElasticNet.Path descend(double[][] x, double[] y, double alpha, double[] lambdas, double tolerance,
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
                        double b = ElasticNet.soft(u, l1) / (xv[j] + l2);
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
        return new ElasticNet.Path(lambdas.clone(), intercepts, betas, converged);
    }

}
