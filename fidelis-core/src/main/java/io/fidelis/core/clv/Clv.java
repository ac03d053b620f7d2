package io.fidelis.core.clv;

import java.util.function.DoubleUnaryOperator;

import io.fidelis.core.summary.Period;

/**
 * Customer lifetime value over a horizon: expected purchases month by month (from BG/NBD or Pareto/NBD) × expected
 * spend per purchase (Gamma-Gamma) × margin ratio, each month discounted at the annual rate.
 *
 * @param annualDiscountRate for example 0.10 for 10 % a year
 * @param horizonMonths      how far ahead, in months
 * @param marginRatio        margin as a share of spend, in [0, 1]
 * @param period             the period of the model's time axis
 */
public record Clv(double annualDiscountRate, int horizonMonths, double marginRatio, Period period) {
    public Clv {
        if (annualDiscountRate < 0 || horizonMonths <= 0 || marginRatio < 0 || marginRatio > 1) {
            throw new IllegalArgumentException("need a discount rate >= 0, a horizon > 0 months and a margin ratio in"
                    + " [0, 1], got " + annualDiscountRate + ", " + horizonMonths + ", " + marginRatio);
        }
    }

    /** Ten per cent a year, twelve months, the whole spend as margin (set a margin ratio for margin), weeks. */
    public static Clv defaults() {
        return new Clv(0.10, 12, 1.0, Period.WEEK);
    }

    /**
     * @param expectedPurchasesBy the customer's expected purchases in (0, t], t in periods
     * @param expectedSpend       expected spend per purchase
     */
    public double value(DoubleUnaryOperator expectedPurchasesBy, double expectedSpend) {
        return discountedPurchases(expectedPurchasesBy) * expectedSpend * marginRatio;
    }

    /** The month ends of the horizon, in periods: the times at which the expected purchases are needed. */
    public double[] monthEnds() {
        double monthInPeriods = period.of(1) * 365.25 / 12;
        double[] ends = new double[horizonMonths];
        for (int k = 1; k <= horizonMonths; k++) {
            ends[k - 1] = k * monthInPeriods;
        }
        return ends;
    }

    /** The expected purchases of each month, discounted to today and summed. */
    public double discountedPurchases(DoubleUnaryOperator expectedPurchasesBy) {
        double total = 0;
        double before = 0;
        double[] ends = monthEnds();
        for (int k = 1; k <= horizonMonths; k++) {
            double by = expectedPurchasesBy.applyAsDouble(ends[k - 1]);
            total += (by - before) * Math.pow(1 + annualDiscountRate, -k / 12.0);
            before = by;
        }
        return total;
    }

    /** The value of a customer whose discounted expected purchases are known. */
    public double value(double discountedPurchases, double expectedSpend) {
        return discountedPurchases * expectedSpend * marginRatio;
    }
}
