package io.fidelis.core.clv;

import java.util.List;
import java.util.stream.IntStream;

import io.fidelis.core.summary.CustomerSummary;

/**
 * Scores many customers at once: P(alive), expected purchases over a horizon, expected spend per purchase and CLV.
 *
 * <p>A customer's expected purchases are P(alive | x, t_x, T) × the expected purchases if alive, and the second
 * factor depends on x and T only ({@link RepeatBuyingModel#expectedPurchasesIfAlive}). It is computed once per
 * distinct (x, T) pair, at the horizon and at every month end of the CLV (for BG/NBD, a Gauss hypergeometric series
 * each), so per customer there remains P(alive). Customers are split over the cores; each customer's result does not
 * depend on how they are split. The results equal {@link RepeatBuyingModel#expectedPurchases} and
 * {@link Clv#value(java.util.function.DoubleUnaryOperator, double)} customer by customer, to rounding.
 */
public final class CustomerScoring {
    private CustomerScoring() {
    }

    /** Scores by position in the summaries given. */
    public record Scores(double[] pAlive, double[] expectedPurchases, double[] expectedSpend, double[] clv) {
        public int size() {
            return pAlive.length;
        }
    }

    /**
     * @param spend   the fitted spend model, or {@code null}: then a repeat buyer's own mean spend, and no CLV for a
     *                customer without repeat purchases
     * @param horizon periods ahead for the expected purchases
     */
    public static Scores score(List<CustomerSummary> summaries, RepeatBuyingModel model, FittedGammaGamma spend,
                               double horizon, Clv clv) {
        int n = summaries.size();
        CustomerSummary[] rows = summaries.toArray(CustomerSummary[]::new);
        DistinctRows pairs = pairs(rows);
        // Per pair: expected purchases if alive by the horizon, and the discounted expected purchases of the CLV.
        double[] byHorizon = new double[pairs.size()];
        double[] discounted = new double[pairs.size()];
        IntStream.range(0, pairs.size()).parallel().forEach(p -> {
            int x = pairs.x[p];
            double T = pairs.T[p];
            byHorizon[p] = model.expectedPurchasesIfAlive(horizon, x, T);
            discounted[p] = clv.discountedPurchases(t -> model.expectedPurchasesIfAlive(t, x, T));
        });
        double[] pAlive = new double[n];
        double[] expected = new double[n];
        double[] perPurchase = new double[n];
        double[] value = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            CustomerSummary s = rows[i];
            int p = pairs.index[i];
            double alive = model.pAlive(s.x(), s.tx(), s.T());
            double each = spend != null ? spend.expectedSpend(s.x(), s.monetary())
                    : s.x() > 0 ? s.monetary() : Double.NaN;
            pAlive[i] = alive;
            expected[i] = horizon <= 0 ? 0 : alive * byHorizon[p];
            perPurchase[i] = each;
            value[i] = Double.isNaN(each) ? Double.NaN : clv.value(alive * discounted[p], each);
        });
        return new Scores(pAlive, expected, perPurchase, value);
    }

    /** The expected purchases of all customers together in the next {@code t} periods (for a holdout). */
    public static double expectedTotal(List<CustomerSummary> summaries, RepeatBuyingModel model, double t) {
        CustomerSummary[] rows = summaries.toArray(CustomerSummary[]::new);
        DistinctRows pairs = pairs(rows);
        double[] ifAlive = new double[pairs.size()];
        IntStream.range(0, pairs.size()).parallel()
                .forEach(p -> ifAlive[p] = model.expectedPurchasesIfAlive(t, pairs.x[p], pairs.T[p]));
        // Summed in customer order, so the total does not depend on the number of cores.
        double[] each = new double[rows.length];
        IntStream.range(0, rows.length).parallel().forEach(i -> each[i] = t <= 0 ? 0
                : model.pAlive(rows[i].x(), rows[i].tx(), rows[i].T()) * ifAlive[pairs.index[i]]);
        double total = 0;
        for (double e : each) {
            total += e;
        }
        return total;
    }

    /** The distinct (x, T) pairs of the customers. */
    static DistinctRows pairs(CustomerSummary[] rows) {
        int[] x = new int[rows.length];
        double[] T = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = rows[i].x();
            T[i] = rows[i].T();
        }
        return DistinctRows.of(x, null, T);
    }
}
