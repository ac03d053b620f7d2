package io.fidelis.core.clv;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.fidelis.core.stats.Pareto;
import io.fidelis.core.summary.Period;
import org.hipparchus.analysis.solvers.BrentSolver;

/**
 * Retention economics on the business's own fitted model: what a better retention would bring over a horizon,
 * against the baseline of the fitted model, net of what the retention costs; with the seeds' rules of thumb to
 * compare (keeping a customer costs 1/5 to 1/10 of winning one; 5 % more loyalty gives 25–85 % more profit; 80 % of
 * profit comes from 20 % of customers).
 *
 * <p><b>What "x points more retention" means.</b> The base's <em>annual dropout</em> is the share of its customers
 * active today who are expected to drop out within the next 12 months, Σ P(alive)·(1 − S(1 year)) / Σ P(alive), with
 * S the probability that an active customer is still active a year on. A retention improvement of x points lowers
 * it by x percentage points (38 % → 33 % for x = 5): the seeds' and Reichheld's "5 % more retention" is read as
 * five points of the yearly retention rate, the figure an owner knows. The scenario reaches it by multiplying every
 * customer's dropout from today on by one factor k &lt; 1, found by Brent's method: BG/NBD's dropout probability p
 * after each purchase becomes kp (the mean a/(a+b) falls to k·a/(a+b)); Pareto/NBD's dropout rate μ becomes kμ (the
 * mean s/β falls to k·s/β, as β → β/k would give a new customer). So each customer's dropout hazard per unit of time
 * (λp, μ) falls by the same share in both models, the purchase rate λ stays as it is, and what happened before today
 * is not rewritten: P(alive) today is the fitted model's. A retention programme starting today cannot bring back
 * customers who have already gone. Then exactly ({@link RepeatBuyingModel#expectedPurchasesIfAlive(double, int,
 * double, double)}) an active customer's expected purchases by t are E(kt)/k, with E the fitted model's; with x = 0
 * (k = 1) the baseline is the model's closed-form conditional expectation summed over the customers.
 *
 * <p><b>Money.</b> Margin is each customer's expected margin per purchase (given: expected spend from Gamma-Gamma
 * times their margin share) times their expected purchases, month by month. CLV discounts each month's margin at the
 * annual rate (month ends, as {@link Clv}). The retention spend is the cost per customer per year times the
 * customer-years the customers stay active in the scenario (the spend goes to active customers), discounted alike;
 * the net uplift is the CLV uplift less that spend, and the break-even spend per customer per year is the CLV uplift
 * over those customer-years (where the net uplift is 0). The cost of keeping one customer more is the spend over the
 * extra customers active at the end of the horizon; against the acquisition cost it is the business's own version
 * of "keeping costs 1/5 to 1/10 of winning".
 *
 * <p><b>Uncertainty.</b> The margin uplift's 95 % band comes from {@code draws} parameter sets drawn from the
 * asymptotic normal distribution of the estimate ({@link ParameterUncertainty}); each draw recomputes P(alive) and
 * the expected purchases of every customer, with the same factor k (the intervention) and the spend per purchase
 * held; the band is the 2.5th to 97.5th percentile of the uplift in %. Above {@link #BAND_SAMPLE} customers the
 * draws run on a seeded random sample of them and their spread is centred on the estimate from all customers.
 *
 * <p>Work is per distinct (x, t_x, T) for P(alive) and per distinct (x, T) for everything else (a Gauss
 * hypergeometric series each in BG/NBD), so a million customers cost what their distinct summaries cost. Results do
 * not depend on the number of threads: parts are summed in a fixed order.
 */
public final class RetentionWhatIf {
    /** Seeds 002 and 004: keeping a customer costs 1/10 to 1/5 of winning one. */
    public static final double RULE_KEEP_TO_WIN_LOW = 0.1;
    public static final double RULE_KEEP_TO_WIN_HIGH = 0.2;
    /** Seed 002: 5 % more loyalty gives 25 % to 85 % more profit. */
    public static final double RULE_PROFIT_POINTS = 5;
    public static final double RULE_PROFIT_LOW = 0.25;
    public static final double RULE_PROFIT_HIGH = 0.85;
    /** Seeds 002 and 004: 80 % of profit comes from 20 % of customers. */
    public static final double RULE_TOP_SHARE = 0.8;

    private RetentionWhatIf() {
    }

    /**
     * The customers of the scenario, column by column: their summaries in the model's period, their expected margin
     * per purchase, and optionally their past profit (margin, or revenue where costs are unknown) for the 80/20
     * comparison.
     */
    public record Base(int[] x, double[] tx, double[] T, double[] marginPerPurchase, double[] pastProfit) {
        public Base {
            int n = x.length;
            if (tx.length != n || T.length != n || marginPerPurchase.length != n
                    || pastProfit != null && pastProfit.length != n) {
                throw new IllegalArgumentException("the columns differ in length");
            }
            for (int i = 0; i < n; i++) {
                if (x[i] < 0 || !(tx[i] >= 0) || !(T[i] >= tx[i] - 1e-9) || !Double.isFinite(T[i])
                        || !Double.isFinite(marginPerPurchase[i])) {
                    throw new IllegalArgumentException("customer " + i + ": need x >= 0, 0 <= t_x <= T and a finite"
                            + " margin, got x=" + x[i] + ", t_x=" + tx[i] + ", T=" + T[i] + ", margin="
                            + marginPerPurchase[i]);
                }
            }
        }

        public int size() {
            return x.length;
        }
    }

    /**
     * @param points              the retention improvement in percentage points of the annual dropout, {@code >= 0}
     * @param horizonMonths       how far ahead
     * @param annualDiscountRate  for CLV and the spend, such as 0.10
     * @param period              the model's time unit
     * @param costPerCustomerYear the retention spend per active customer per year
     * @param acquisitionCost     what winning a new customer costs
     * @param draws               parameter draws for the band (0: no band); a draw whose expectations cannot be
     *                            evaluated is left out, and the band says how many were used
     * @param seed                of the draws
     */
    public record Options(double points, int horizonMonths, double annualDiscountRate, Period period,
                          double costPerCustomerYear, double acquisitionCost, int draws, long seed) {
        public Options {
            if (!(points >= 0 && points < 100)) {
                throw new IllegalArgumentException("the retention improvement must be in [0, 100) points, got "
                        + points);
            }
            if (horizonMonths < 1 || horizonMonths > 120) {
                throw new IllegalArgumentException("the horizon must be 1 to 120 months, got " + horizonMonths);
            }
            if (!(annualDiscountRate >= 0) || !(costPerCustomerYear >= 0) || !(acquisitionCost >= 0) || draws < 0) {
                throw new IllegalArgumentException("need a discount rate, costs and draws >= 0");
            }
        }

        public Options withPoints(double newPoints) {
            return new Options(newPoints, horizonMonths, annualDiscountRate, period, costPerCustomerYear,
                    acquisitionCost, draws, seed);
        }
    }

    /**
     * One side (baseline or scenario) over the horizon.
     *
     * @param purchases     expected purchases
     * @param margin        expected margin, undiscounted
     * @param clv           the margin discounted (the CLV of the customers in scope over the horizon)
     * @param activeAtEnd   expected customers still active at the end
     * @param customerYears expected years active, summed over customers, discounted
     */
    public record Outcome(double purchases, double margin, double clv, double activeAtEnd, double customerYears) {
    }

    /** The month-by-month path for a chart: index 0 is today, then each month end; margin is cumulative. */
    public record Path(double[] activeBaseline, double[] activeScenario, double[] marginBaseline,
                       double[] marginScenario) {
    }

    /**
     * The margin uplift's band in % (shares: 0.10 is 10 %), from {@code draws} parameter draws evaluated on
     * {@code customers} customers (all of them, or a sample of {@link #BAND_SAMPLE}).
     */
    public record Band(double lower, double upper, int draws, int customers) {
        public boolean contains(double share) {
            return share >= lower && share <= upper;
        }
    }

    /**
     * @param activeNow             expected customers active today, Σ P(alive)
     * @param dropoutFactor         k: every customer's dropout from today on is k times the fitted one
     * @param annualDropoutBaseline the share of today's active customers expected to drop out within a year
     * @param marginUpliftShare     the scenario's margin over the baseline's, less 1 (0.12: 12 % more)
     * @param band                  the uplift's 95 % band, or {@code null} without parameter uncertainty
     * @param retentionSpend        cost per customer-year × the scenario's customer-years (discounted)
     * @param netUplift             CLV uplift − retention spend
     * @param breakEvenCostPerCustomerYear the spend per customer per year at which the net uplift is 0
     * @param extraActiveAtEnd      customers active at the end of the horizon beyond the baseline
     * @param costPerCustomerKept   retention spend / extra customers active at the end (NaN when none)
     * @param keepToWinRatio        cost per customer kept / acquisition cost (the seeds: 0.1 to 0.2)
     * @param topShareExpected      the share of the baseline's expected margin from the top 20 % of customers
     * @param topSharePast          the same of past profit, or NaN when not given
     */
    public record Result(int customers, double activeNow, double points, double dropoutFactor,
                         double annualDropoutBaseline, double annualDropoutScenario, Outcome baseline,
                         Outcome scenario, double marginUpliftShare, Band band, double retentionSpend,
                         double netUplift, double breakEvenCostPerCustomerYear, double extraActiveAtEnd,
                         double costPerCustomerKept, double keepToWinRatio, double costRatio,
                         double topShareExpected, double topSharePast, Path path) {
        /** The scenario's CLV less the baseline's. */
        public double clvUplift() {
            return scenario.clv() - baseline.clv();
        }

        /** The net uplift (after the retention spend) as a share of the baseline's CLV: "more profit". */
        public double netUpliftShare() {
            return baseline.clv() > 0 ? netUplift / baseline.clv() : Double.NaN;
        }
    }

    /** Refused: the improvement asked for is not possible (more points than the annual dropout). */
    public static final class InfeasibleException extends IllegalArgumentException {
        private final double annualDropout;

        InfeasibleException(String message, double annualDropout) {
            super(message);
            this.annualDropout = annualDropout;
        }

        /** The base's annual dropout: the improvement must stay below it (in points, 100 times this). */
        public double annualDropout() {
            return annualDropout;
        }
    }

    /** The customers grouped: per distinct (x, t_x, T) a triple, per distinct (x, T) a pair. */
    private record Grouped(DistinctRows triples, double[] marginByTriple, DistinctRows pairs, int[] pairOfTriple) {
        static Grouped of(Base base) {
            DistinctRows triples = DistinctRows.of(base.x(), base.tx(), base.T());
            double[] margin = new double[triples.size()];
            for (int i = 0; i < base.size(); i++) {
                margin[triples.index[i]] += base.marginPerPurchase()[i];
            }
            DistinctRows pairs = DistinctRows.of(triples.x, null, triples.T);
            return new Grouped(triples, margin, pairs, pairs.index);
        }
    }

    /** Per pair: Σ P(alive) over its customers and Σ P(alive) × margin per purchase; and Σ P(alive) in all. */
    private record Weights(double[] active, double[] margin, double activeTotal, double[] pAliveByTriple) {
        static Weights of(Grouped g, RepeatBuyingModel model) {
            DistinctRows t = g.triples();
            double[] pAlive = new double[t.size()];
            IntStream.range(0, t.size()).parallel().forEach(j -> pAlive[j] = model.pAlive(t.x[j], t.tx[j], t.T[j]));
            double[] active = new double[g.pairs().size()];
            double[] margin = new double[g.pairs().size()];
            double total = 0;
            for (int j = 0; j < t.size(); j++) {
                int p = g.pairOfTriple()[j];
                active[p] += t.count[j] * pAlive[j];
                margin[p] += g.marginByTriple()[j] * pAlive[j];
                total += t.count[j] * pAlive[j];
            }
            return new Weights(active, margin, total, pAlive);
        }
    }

    /** The scenario against the baseline; {@code uncertainty} {@code null} gives no band. */
    public static Result run(RepeatBuyingModel model, ParameterUncertainty uncertainty, Base base, Options o) {
        return run(model, uncertainty, base, o, BAND_SAMPLE);
    }

    /** @param bandSample above this many customers the draws run on a sample of this size */
    static Result run(RepeatBuyingModel model, ParameterUncertainty uncertainty, Base base, Options o,
                      int bandSample) {
        if (base.size() == 0) {
            throw new IllegalArgumentException("no customers in the scenario");
        }
        Grouped g = Grouped.of(base);
        Weights w = Weights.of(g, model);
        double year = o.period().of(1) * 365.25;
        double dropout = annualDropout(model, g.pairs(), w, year, 1);
        double k = 1;
        if (o.points() > 0) {
            double target = dropout - o.points() / 100;
            if (!(target > 0)) {
                throw new InfeasibleException(String.format(java.util.Locale.ROOT, "a retention improvement of %.1f"
                        + " points is more than the annual dropout of these customers (%.1f %%)", o.points(),
                        100 * dropout), dropout);
            }
            k = new BrentSolver(1e-12, 1e-12, 1e-14).solve(200,
                    f -> annualDropout(model, g.pairs(), w, year, f) - target, 1e-9, 1);
        }
        double dropoutScenario = o.points() > 0 ? annualDropout(model, g.pairs(), w, year, k) : dropout;

        double[] ends = new Clv(o.annualDiscountRate(), o.horizonMonths(), 1, o.period()).monthEnds();
        double[][] sums = monthSums(model, g.pairs(), w, ends, k); // [quantity][month]
        int months = ends.length;
        double[] activeB = new double[months + 1];
        double[] activeS = new double[months + 1];
        double[] marginB = new double[months + 1];
        double[] marginS = new double[months + 1];
        activeB[0] = w.activeTotal();
        activeS[0] = w.activeTotal();
        for (int m = 0; m < months; m++) {
            activeB[m + 1] = sums[0][m];
            activeS[m + 1] = sums[1][m];
            marginB[m + 1] = sums[4][m];
            marginS[m + 1] = sums[5][m];
        }
        Outcome baseline = outcome(sums[2][months - 1], marginB, activeB, o.annualDiscountRate());
        Outcome scenario = outcome(sums[3][months - 1], marginS, activeS, o.annualDiscountRate());
        double upliftShare = baseline.margin() > 0 ? scenario.margin() / baseline.margin() - 1 : Double.NaN;

        Band band = null;
        if (uncertainty != null && o.draws() > 0) {
            Grouped sample = base.size() <= bandSample ? g : Grouped.of(sample(base, bandSample, o.seed()));
            double atEstimate = uplift(model, sample, ends[months - 1], k);
            band = band(uncertainty.draws(o.draws(), o.seed()), sample, ends[months - 1], k, upliftShare - atEstimate,
                    Math.min(base.size(), bandSample));
        }
        double spend = o.costPerCustomerYear() * scenario.customerYears();
        double clvUplift = scenario.clv() - baseline.clv();
        double extra = scenario.activeAtEnd() - baseline.activeAtEnd();
        double perKept = extra > 1e-12 ? spend / extra : Double.NaN;

        // The 80/20 rule: the top fifth's share of the expected margin, customer by customer.
        double[] expectedMargin = new double[base.size()];
        double[] byPairHorizon = new double[g.pairs().size()];
        IntStream.range(0, byPairHorizon.length).parallel().forEach(p -> byPairHorizon[p] =
                model.expectedPurchasesIfAlive(ends[months - 1], g.pairs().x[p], g.pairs().T[p]));
        for (int i = 0; i < base.size(); i++) {
            int j = g.triples().index[i];
            expectedMargin[i] = w.pAliveByTriple()[j] * byPairHorizon[g.pairOfTriple()[j]]
                    * base.marginPerPurchase()[i];
        }
        return new Result(base.size(), w.activeTotal(), o.points(), k, dropout, dropoutScenario, baseline, scenario,
                upliftShare, band, spend, clvUplift - spend,
                scenario.customerYears() > 0 ? clvUplift / scenario.customerYears() : Double.NaN, extra, perKept,
                o.acquisitionCost() > 0 ? perKept / o.acquisitionCost() : Double.NaN,
                o.acquisitionCost() > 0 ? o.costPerCustomerYear() / o.acquisitionCost() : Double.NaN,
                topShare(expectedMargin), base.pastProfit() == null ? Double.NaN : topShare(base.pastProfit()),
                new Path(activeB, activeS, marginB, marginS));
    }

    /** The share of today's active customers expected to drop out within {@code year} periods, dropout × k. */
    static double annualDropout(RepeatBuyingModel model, DistinctRows pairs, Weights w, double year, double k) {
        double[] gone = new double[pairs.size()];
        IntStream.range(0, gone.length).parallel().forEach(p -> gone[p] = w.active()[p]
                * (1 - model.survivalIfAlive(year, pairs.x[p], pairs.T[p], k)));
        double sum = 0;
        for (double v : gone) {
            sum += v;
        }
        return sum / w.activeTotal();
    }

    /** The baseline's share of the top 20 % of customers; NaN when the total is not positive. */
    private static double topShare(double[] values) {
        Pareto pareto = Pareto.of(values);
        return pareto.total() > 0 ? pareto.topShare(0.2) : Double.NaN;
    }

    private static Outcome outcome(double purchases, double[] cumulativeMargin, double[] active, double rate) {
        int months = cumulativeMargin.length - 1;
        double clv = 0;
        double years = 0;
        for (int m = 1; m <= months; m++) {
            double discount = Math.pow(1 + rate, -m / 12.0);
            clv += (cumulativeMargin[m] - cumulativeMargin[m - 1]) * discount;
            years += (active[m - 1] + active[m]) / 2 / 12 * discount;
        }
        return new Outcome(purchases, cumulativeMargin[months], clv, active[months], years);
    }

    /**
     * Per month end: [0] active baseline, [1] active scenario, [2] purchases baseline, [3] purchases scenario,
     * [4] margin baseline, [5] margin scenario (cumulative). Pairs in fixed chunks over the threads, the chunks
     * summed in order.
     */
    private static double[][] monthSums(RepeatBuyingModel model, DistinctRows pairs, Weights w, double[] ends,
                                        double k) {
        int n = pairs.size();
        int months = ends.length;
        int chunks = n < 2_000 ? 1 : 64;
        double[][][] partial = new double[chunks][][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double[][] s = new double[6][months];
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            for (int p = from; p < to; p++) {
                int x = pairs.x[p];
                double T = pairs.T[p];
                double active = w.active()[p];
                double margin = w.margin()[p];
                for (int m = 0; m < months; m++) {
                    double t = ends[m];
                    double eb = model.expectedPurchasesIfAlive(t, x, T);
                    double es = k == 1 ? eb : model.expectedPurchasesIfAlive(t, x, T, k);
                    double sb = model.survivalIfAlive(t, x, T, 1);
                    double ss = k == 1 ? sb : model.survivalIfAlive(t, x, T, k);
                    s[0][m] += active * sb;
                    s[1][m] += active * ss;
                    s[2][m] += active * eb;
                    s[3][m] += active * es;
                    s[4][m] += margin * eb;
                    s[5][m] += margin * es;
                }
            }
            partial[c] = s;
        });
        double[][] out = new double[6][months];
        for (double[][] s : partial) {
            for (int q = 0; q < 6; q++) {
                for (int m = 0; m < months; m++) {
                    out[q][m] += s[q][m];
                }
            }
        }
        return out;
    }

    /**
     * Above this many customers the draws are evaluated on a fixed random sample of them (seeded), and the spread
     * of the sample's uplift around its own value at the estimate is added to the estimate on all customers: the
     * uplift responds to the parameters through the whole distribution of summaries, which a sample of this size
     * keeps, while each draw costs a fraction of a pass over every distinct summary.
     */
    public static final int BAND_SAMPLE = 10_000;

    /** A seeded random sample of {@code size} customers (the first steps of a Fisher–Yates shuffle). */
    static Base sample(Base base, int size, long seed) {
        int n = base.size();
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[] x = new int[size];
        double[] tx = new double[size];
        double[] T = new double[size];
        double[] margin = new double[size];
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int chosen = positions[j];
            positions[j] = positions[i];
            x[i] = base.x()[chosen];
            tx[i] = base.tx()[chosen];
            T[i] = base.T()[chosen];
            margin[i] = base.marginPerPurchase()[chosen];
        }
        return new Base(x, tx, T, margin, null);
    }

    /**
     * The margin uplift in % under each drawn model (k held), shifted by {@code shift} (the estimate on all
     * customers less the sample's at the estimate), and its 2.5th and 97.5th percentiles.
     */
    private static Band band(List<RepeatBuyingModel> draws, Grouped g, double horizon, double k, double shift,
                             int customers) {
        double[] shares = new double[draws.size()];
        IntStream.range(0, draws.size()).parallel().forEach(d -> {
            try {
                shares[d] = uplift(draws.get(d), g, horizon, k);
            } catch (RuntimeException notEvaluable) { // a special function at extreme drawn parameters
                shares[d] = Double.NaN;
            }
        });
        double[] sorted = Arrays.stream(shares).filter(Double::isFinite).sorted().toArray();
        if (sorted.length == 0) {
            return null;
        }
        return new Band(quantile(sorted, 0.025) + shift, quantile(sorted, 0.975) + shift, sorted.length, customers);
    }

    /** The margin uplift share under one model, k held. */
    private static double uplift(RepeatBuyingModel m, Grouped g, double horizon, double k) {
        DistinctRows t = g.triples();
        DistinctRows pairs = g.pairs();
        double[] margin = new double[pairs.size()];
        for (int j = 0; j < t.size(); j++) {
            margin[g.pairOfTriple()[j]] += g.marginByTriple()[j] * m.pAlive(t.x[j], t.tx[j], t.T[j]);
        }
        double base = 0;
        double scenario = 0;
        for (int p = 0; p < pairs.size(); p++) {
            if (margin[p] == 0) {
                continue;
            }
            base += margin[p] * m.expectedPurchasesIfAlive(horizon, pairs.x[p], pairs.T[p]);
            scenario += margin[p] * m.expectedPurchasesIfAlive(horizon, pairs.x[p], pairs.T[p], k);
        }
        return scenario / base - 1;
    }

    /** The quantile of sorted values, interpolated between order statistics (R's type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
