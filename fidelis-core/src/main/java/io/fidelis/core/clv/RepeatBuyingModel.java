package io.fidelis.core.clv;

/**
 * What a fitted repeat-buying model (BG/NBD or Pareto/NBD) answers, per customer summary (x, t_x, T) and for a new
 * customer. Time is in the period of the summaries the model was fitted on.
 */
public interface RepeatBuyingModel {
    /** How the fit ended; {@code null} for a model built from given parameters. */
    Fit fit();

    double logLikelihood(int x, double tx, double T);

    /** The probability that the customer is still active at T. */
    double pAlive(int x, double tx, double T);

    /** Expected purchases in the next {@code t} periods: P(alive) × the expected purchases if alive. */
    default double expectedPurchases(double t, int x, double tx, double T) {
        return t <= 0 ? 0 : pAlive(x, tx, T) * expectedPurchasesIfAlive(t, x, T);
    }

    /**
     * Expected purchases in the next {@code t} periods of a customer who is still active at T. In both models this
     * depends on x and T only, not on t_x, so scoring many customers computes it once per distinct (x, T).
     */
    double expectedPurchasesIfAlive(double t, int x, double T);

    /** Expected purchases of a new customer by time {@code t}. */
    double expectedPurchasesNew(double t);

    /** The probability that a new customer makes {@code n} purchases in (0, t]. */
    double probabilityOfPurchases(int n, double t);

    /**
     * Expected purchases in the next {@code t} periods of a customer alive at T when, from T on, their dropout is
     * multiplied by {@code k} (BG/NBD: the dropout probability p after each purchase; Pareto/NBD: the dropout rate
     * μ) and their purchase rate λ stays as it is. While alive a customer with (λ, p) buys (1 − e^(−λpt)) / p times
     * by t (Pareto/NBD: (λ/μ)(1 − e^(−μt))); with kp in place of p that is 1/k times the same at kt, for every (λ, p)
     * and so for the posterior mixture too: exactly {@code expectedPurchasesIfAlive(k t, x, T) / k}.
     *
     * @param k the dropout factor, {@code > 0}; 1 is the fitted model
     */
    default double expectedPurchasesIfAlive(double t, int x, double T, double k) {
        if (!(k > 0)) {
            throw new IllegalArgumentException("the dropout factor must be > 0, got " + k);
        }
        return k == 1 ? expectedPurchasesIfAlive(t, x, T) : expectedPurchasesIfAlive(k * t, x, T) / k;
    }

    /**
     * The probability that a customer alive at T is still alive at T + t when their dropout is multiplied by
     * {@code k} from T on (see {@link #expectedPurchasesIfAlive(double, int, double, double)}).
     */
    double survivalIfAlive(double t, int x, double T, double k);

    /** The parameters on the log scale, in the order of {@link Fit#params()}. */
    double[] logParameters();

    /** The same model with other parameters (log scale, in the order of {@link #logParameters()}), without a fit. */
    RepeatBuyingModel withLogParameters(double[] logParameters);
}
