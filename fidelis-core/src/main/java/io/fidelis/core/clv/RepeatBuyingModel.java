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
}
