package io.fidelis.core.clv;

/**
 * A fitted Gamma-Gamma spend model. Immutable.
 *
 * @param customers the repeat buyers it was fitted on
 */
public record FittedGammaGamma(double p, double q, double gamma, int customers, Fit fit) {

    public static FittedGammaGamma of(double p, double q, double gamma) {
        return new FittedGammaGamma(p, q, gamma, 0, null);
    }

    /** The population mean spend per transaction, p·γ/(q − 1) (infinite when q ≤ 1). */
    public double populationMeanSpend() {
        return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
    }

    /**
     * The expected mean spend per transaction of a customer with x repeat occasions of mean value m (F&amp;H 2013,
     * eq. 5): a weighted average of the population mean and the customer's own mean. For x = 0, the population mean.
     */
    public double expectedSpend(int x, double m) {
        if (x == 0 || m <= 0) {
            return populationMeanSpend();
        }
        double px = p * x;
        if (px + q <= 1) {
            return m; // the posterior mean does not exist: the customer's own mean is the best estimate
        }
        return (gamma + m * x) * p / (px + q - 1);
    }
}
