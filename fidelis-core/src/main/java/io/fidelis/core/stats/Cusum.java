package io.fidelis.core.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Early warning of complaint spikes: a one-sided upper CUSUM of daily counts (Page 1954) for Poisson counts (Lucas
 * 1985, "Counted data CUSUM's", Technometrics 27(2):129–144) or overdispersed, negative-binomial counts (Hawkins
 * &amp; Olwell 1998, "Cumulative Sum Charts and Charting for Quality Improvement", Springer, §5.4), with the decision
 * interval chosen for a target in-control average run length by the Markov-chain method of Brook &amp; Evans (1972),
 * "An approach to the probability distribution of CUSUM run length", Biometrika 59(3):539–549.
 *
 * <p><b>Baseline.</b> The in-control mean μ₀ is the mean of the first {@code trainingDays} of the series (Phase I);
 * the days after are monitored against it (Phase II). A fixed window keeps the chart's false-alarm rate what the
 * Markov chain says for the chart that runs; a rolling baseline would follow a slow rise into the baseline and drift
 * the chart's k and h every day. To re-base, pass the series from the start of the new baseline window. An all-zero
 * window gives μ₀ = ½ / trainingDays, half a count over the window (the Jeffreys estimate (0 + ½)/n of a Poisson
 * rate), so that a series that had no complaints still raises an alarm on a few. The baseline is estimated, so the
 * real in-control run length scatters around the designed one; {@link Chart#averageRunLength(double, double)} gives
 * it for any true mean. An underestimate costs more than an overestimate saves, so the false-alarm rate is above the
 * designed one (≤ 1 a year for ARL₀ = 365), the more so the fewer counts the window holds. Expected false alarms per
 * series-year of Poisson series, by the chain averaged over the Poisson distribution of the training sum (default
 * options, 730-day series):
 * <table>
 * <caption>false alarms per series-year</caption>
 * <tr><th>true mean per day</th><th>0.1</th><th>0.5</th><th>1</th><th>2</th><th>5</th><th>10</th></tr>
 * <tr><td>56 training days</td><td>2.15</td><td>1.72</td><td>1.53</td><td>1.33</td><td>1.13</td><td>0.97</td></tr>
 * <tr><td>112 training days</td><td>1.54</td><td>1.34</td><td>1.23</td><td>1.10</td><td>1.00</td><td>0.90</td></tr>
 * <tr><td>known baseline</td><td>0.97</td><td>0.97</td><td>0.98</td><td>0.98</td><td>1.00</td><td>0.97</td></tr>
 * </table>
 * With {@link Distribution#NEGATIVE_BINOMIAL} the estimated size adds its own error: for μ = 5 and size 2 the
 * simulated rate is 2.2 a year with 56 training days and 1.6 with 112 (a Poisson chart on the same counts alarms 22
 * times a year). A longer training window is the remedy where the history allows.
 *
 * <p><b>The chart.</b> S₀ = 0, Sₜ = max(0, Sₜ₋₁ + cₜ − k); an alarm when Sₜ &gt; h, after which S restarts at 0. For a
 * shift of the mean from μ₀ to μ₁ = shift·μ₀ the optimal reference value is the one of the log-likelihood ratio,
 * which for both distributions is linear in the count, a·c − b, so k = b/a: Poisson (Lucas 1985) k = (μ₁ − μ₀) /
 * (ln μ₁ − ln μ₀); negative binomial with size r (variance μ + μ²/r) held fixed, a = ln(μ₁(r + μ₀) / (μ₀(r + μ₁)))
 * and b = r·ln((r + μ₁)/(r + μ₀)). With {@link Distribution#NEGATIVE_BINOMIAL} the size is estimated from the training
 * window by the method of moments, r = m²/(s² − m) with s² the sample variance; when s² ≤ m the counts are not
 * overdispersed and the chart is Poisson (r = ∞).
 *
 * <p><b>The decision interval.</b> k is rounded to a multiple of 1/q, and the CUSUM then lives exactly on the lattice
 * of multiples of 1/q: in units of 1/q it is the integer chart s ← max(0, s + q·c − round(q·k)), alarm when
 * s &gt; H. Its run length is exactly that of a finite absorbing Markov chain with states 0…H, with no discretisation
 * error: the average run length from s = 0 solves (I − R)·L = 1 (Brook &amp; Evans 1972), for the chart actually run.
 * q is chosen so that 1/q is at most a twentieth of the smaller of the in-control standard deviation and μ₁ − μ₀
 * (between 1 and 100; 0.05 for μ₀ = 1 and a shift of 2), halved while h would need more than 3000 steps (the
 * chain is a dense matrix). h = H/q is the smallest with an in-control ARL of at least
 * the target, found by bisection over H; one LU factorisation serves every H, as the matrix for H is the leading
 * block of the matrix for any larger H. The achieved ARL₀ and the ARL₁ at μ₁ are part of the chart. ARL₀ moves in
 * steps with H, so it can exceed the target noticeably where counts are large (at μ₀ = 20 the least h reaches 591
 * days); for μ₀ of about 50 and more a doubling is so many standard deviations away that h = 0 already exceeds the
 * target and the chart alarms on a single day above k (choose a smaller shift for such series).
 *
 * <p><b>The alarm band.</b> For each day, the smallest count that would raise an alarm given the CUSUM entering the
 * day: the least c with S + c − k &gt; h. The UI draws it above the counts.
 *
 * <p>An EWMA chart is not offered.
 */
public final class Cusum {
    /** At most this many lattice steps per count. */
    static final int MAX_DENOMINATOR = 100;
    /** Lattice steps per standard deviation (or per μ₁ − μ₀ if smaller). */
    static final int STEPS = 20;
    /** The decision interval is searched up to this many lattice steps (the chain is a dense matrix). */
    static final int MAX_STATES = 3000;

    private Cusum() {
    }

    /** The distribution of the daily counts. */
    public enum Distribution {
        POISSON,
        /** Gamma-mixed Poisson with the size estimated from the training window; Poisson if not overdispersed. */
        NEGATIVE_BINOMIAL
    }

    /**
     * Settings (defaults in brackets).
     *
     * @param trainingDays the first days of a series that estimate the baseline [56, eight weeks]
     * @param shift        the mean shift to detect fastest, μ₁ = shift·μ₀ [2: a doubling]
     * @param targetArl0   the in-control average run length to reach at least, in days [365: about one false
     *                     alarm a year per series]
     * @param distribution [POISSON]
     */
    public record Options(int trainingDays, double shift, double targetArl0, Distribution distribution) {
        public Options {
            if (trainingDays < 2) {
                throw new IllegalArgumentException("the baseline needs at least 2 training days, got " + trainingDays);
            }
            if (!(shift > 1) || Double.isInfinite(shift)) {
                throw new IllegalArgumentException("the shift to detect must be a finite factor above 1, got " + shift);
            }
            if (!(targetArl0 > 1) || Double.isInfinite(targetArl0)) {
                throw new IllegalArgumentException("the in-control average run length must be finite and above 1"
                        + " day, got " + targetArl0);
            }
            Objects.requireNonNull(distribution, "distribution");
        }

        public static Options defaults() {
            return new Options(56, 2.0, 365, Distribution.POISSON);
        }

        public Options withTrainingDays(int days) {
            return new Options(days, shift, targetArl0, distribution);
        }

        public Options withShift(double factor) {
            return new Options(trainingDays, factor, targetArl0, distribution);
        }

        public Options withTargetArl0(double days) {
            return new Options(trainingDays, shift, days, distribution);
        }

        public Options withDistribution(Distribution d) {
            return new Options(trainingDays, shift, targetArl0, d);
        }
    }

    /**
     * The monitoring of one series.
     *
     * @param chart           the chart, with the baseline μ₀ and the size r it was designed for
     * @param trainingMean    the mean count of the training window (μ₀ unless it was all zero); NaN from
     *                        {@link Chart#monitor}, which has no training window
     * @param trainingVariance the sample variance of the training window; NaN from {@link Chart#monitor}
     * @param monitoringStart the first monitored day, {@code trainingDays} after the first day
     * @param cusum           the CUSUM at the end of each monitored day, before the restart after an alarm
     * @param alarmBand       for each monitored day, the smallest count that would have raised an alarm that day
     * @param alarms          the days with an alarm, in order
     * @param nextAlarmCount  the smallest count that raises an alarm on the day after the last
     */
    public record Result(Chart chart, double trainingMean, double trainingVariance, LocalDate monitoringStart,
                         double[] cusum, int[] alarmBand, List<LocalDate> alarms, int nextAlarmCount) {
        public Result {
            cusum = cusum.clone();
            alarmBand = alarmBand.clone();
            alarms = List.copyOf(alarms);
        }

        @Override
        public double[] cusum() {
            return cusum.clone();
        }

        @Override
        public int[] alarmBand() {
            return alarmBand.clone();
        }

        /** The number of monitored days. */
        public int days() {
            return cusum.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && chart.equals(r.chart) && Double.compare(trainingMean, r.trainingMean) == 0
                    && Double.compare(trainingVariance, r.trainingVariance) == 0
                    && monitoringStart.equals(r.monitoringStart) && Arrays.equals(cusum, r.cusum)
                    && Arrays.equals(alarmBand, r.alarmBand) && alarms.equals(r.alarms)
                    && nextAlarmCount == r.nextAlarmCount;
        }

        @Override
        public int hashCode() {
            return Objects.hash(chart, trainingMean, monitoringStart, Arrays.hashCode(cusum), alarms);
        }

        @Override
        public String toString() {
            return "Result[" + chart + ", from " + monitoringStart + ", " + cusum.length + " days, alarms " + alarms
                    + ", next alarm at " + nextAlarmCount + "]";
        }
    }

    /**
     * Monitors one series of daily counts: the baseline from its first {@code trainingDays}, then the CUSUM over the
     * rest.
     *
     * @throws IllegalArgumentException if the series has no day after the training window, or a count is negative
     */
    public static Result detect(int[] counts, LocalDate firstDay, Options options) {
        return detect(counts, firstDay, options, null);
    }

    /**
     * Monitors many series of daily counts that start on the same day, each on its own baseline; in the order of
     * the map. Series with the same baseline share their chart.
     *
     * @throws IllegalArgumentException naming the series, as {@link #detect(int[], LocalDate, Options)}
     */
    public static Map<String, Result> detect(Map<String, int[]> seriesByKey, LocalDate firstDay, Options options) {
        Map<List<Double>, Chart> charts = new ConcurrentHashMap<>();
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(seriesByKey.entrySet());
        Result[] results = new Result[entries.size()];
        IllegalArgumentException[] errors = new IllegalArgumentException[entries.size()];
        java.util.stream.IntStream.range(0, entries.size()).parallel().forEach(i -> {
            try {
                results[i] = detect(entries.get(i).getValue(), firstDay, options, charts);
            } catch (IllegalArgumentException ex) {
                errors[i] = ex; // rethrown below, on the caller's thread, for the first series in order
            }
        });
        Map<String, Result> out = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            if (errors[i] != null) {
                throw new IllegalArgumentException("series " + entries.get(i).getKey() + ": " + errors[i].getMessage(),
                        errors[i]);
            }
            out.put(entries.get(i).getKey(), results[i]);
        }
        return out;
    }

    private static Result detect(int[] counts, LocalDate firstDay, Options options, Map<List<Double>, Chart> cache) {
        int n = options.trainingDays();
        if (counts.length <= n) {
            throw new IllegalArgumentException("a series of " + counts.length + " days is too short: the baseline"
                    + " takes the first " + n + " days and at least one more day is needed to monitor");
        }
        double sum = 0;
        for (int t = 0; t < n; t++) {
            sum += checked(counts, t);
        }
        double mean = sum / n;
        double squares = 0;
        for (int t = 0; t < n; t++) {
            squares += (counts[t] - mean) * (counts[t] - mean);
        }
        double variance = squares / (n - 1);
        double size = options.distribution() == Distribution.NEGATIVE_BINOMIAL && variance > mean
                ? mean * mean / (variance - mean) : Double.POSITIVE_INFINITY;
        double mu0 = Math.max(mean, 0.5 / n);
        Chart chart = cache == null ? design(mu0, size, options)
                : cache.computeIfAbsent(List.of(mu0, size), key -> design(mu0, size, options));
        return chart.monitor(Arrays.copyOfRange(counts, n, counts.length), firstDay.plusDays(n), mean, variance);
    }

    private static int checked(int[] counts, int t) {
        if (counts[t] < 0) {
            throw new IllegalArgumentException("day " + (t + 1) + " has a negative count " + counts[t]);
        }
        return counts[t];
    }

    /**
     * The chart for a known baseline: k for the shift μ₀ → shift·μ₀, h the smallest on the lattice with an
     * in-control ARL of at least the target.
     *
     * @param size the negative-binomial size r (variance μ + μ²/r); {@link Double#POSITIVE_INFINITY} for Poisson
     */
    public static Chart design(double mu0, double size, Options options) {
        checkMean(mu0, size);
        double mu1 = options.shift() * mu0;
        double k = referenceValue(mu0, mu1, size);
        double sd = Math.sqrt(mu0 + (Double.isInfinite(size) ? 0 : mu0 * mu0 / size));
        int q = (int) Math.max(1, Math.min(MAX_DENOMINATOR, Math.ceil(STEPS / Math.min(sd, mu1 - mu0))));
        while (true) {
            Chart chart = design(mu0, mu1, size, k, sd, q, options.targetArl0());
            if (chart != null) {
                return chart;
            }
            if (q == 1) {
                throw new IllegalArgumentException("no decision interval up to " + MAX_STATES + " counts reaches an"
                        + " in-control ARL of " + options.targetArl0() + " for μ₀ = " + mu0);
            }
            q /= 2; // a coarser lattice: fewer states for the same h
        }
    }

    /** The chart on the lattice of 1/q, or null if h would need more than {@link #MAX_STATES} states. */
    private static Chart design(double mu0, double mu1, double size, double k, double sd, int q, double target) {
        int p = (int) Math.max(1, Math.round(k * q));
        int states = (int) Math.min(MAX_STATES, q * (Math.ceil(5 * sd) + 2)); // a first guess of h
        while (true) {
            Lattice lattice = new Lattice(mu0, size, q, p, states - 1);
            if (lattice.averageRunLength(states - 1) >= target) {
                int low = 0; // ARL(low) < target, or low = high = 0
                int high = states - 1; // ARL(high) ≥ target
                if (lattice.averageRunLength(0) >= target) {
                    high = 0;
                }
                while (high - low > 1) {
                    int mid = (low + high) >>> 1;
                    if (lattice.averageRunLength(mid) >= target) {
                        high = mid;
                    } else {
                        low = mid;
                    }
                }
                return new Chart(mu0, mu1, size, q, p, high, lattice.averageRunLength(high));
            }
            if (states == MAX_STATES) {
                return null;
            }
            states = (int) Math.min(MAX_STATES, states * 3L / 2);
        }
    }

    /**
     * A chart with a given reference value and decision interval, both multiples of 1/{@code denominator} (as in
     * Lucas's tables, with k and h in counts).
     *
     * @param mu1 the out-of-control mean its ARL₁ is reported for
     * @throws IllegalArgumentException if k or h is not a multiple of 1/denominator, h &lt; 0, or h needs more than
     *                                  3000 lattice steps
     */
    public static Chart chart(double mu0, double mu1, double size, double k, double h, int denominator) {
        checkMean(mu0, size);
        if (denominator < 1) {
            throw new IllegalArgumentException("the denominator must be at least 1, got " + denominator);
        }
        long p = Math.round(k * denominator);
        long hUnits = Math.round(h * denominator);
        if (Math.abs(p - k * denominator) > 1e-9 || Math.abs(hUnits - h * denominator) > 1e-9 || p < 0
                || hUnits < 0) {
            throw new IllegalArgumentException("k = " + k + " and h = " + h + " must be non-negative multiples of 1/"
                    + denominator);
        }
        if (hUnits >= MAX_STATES) {
            throw new IllegalArgumentException("h = " + h + " on a lattice of 1/" + denominator + " needs "
                    + (hUnits + 1) + " states, more than " + MAX_STATES + ": take a smaller denominator");
        }
        Chart chart = new Chart(mu0, mu1, size, denominator, (int) p, (int) hUnits, Double.NaN);
        return new Chart(mu0, mu1, size, denominator, (int) p, (int) hUnits, chart.averageRunLength(mu0));
    }

    /** The reference value k = b/a of the log-likelihood ratio a·c − b for μ₀ → μ₁. */
    static double referenceValue(double mu0, double mu1, double size) {
        if (Double.isInfinite(size)) {
            return (mu1 - mu0) / (Math.log(mu1) - Math.log(mu0));
        }
        double l = Math.log1p((mu1 - mu0) / (size + mu0)); // ln((r + μ₁)/(r + μ₀))
        return size * l / (Math.log(mu1) - Math.log(mu0) - l);
    }

    private static void checkMean(double mu0, double size) {
        if (!(mu0 > 0) || Double.isInfinite(mu0)) {
            throw new IllegalArgumentException("the baseline mean must be positive and finite, got " + mu0);
        }
        if (!(size > 0)) {
            throw new IllegalArgumentException("the negative-binomial size must be positive (∞ for Poisson), got "
                    + size);
        }
    }

    /**
     * A CUSUM chart: S ← max(0, S + c − k), alarm when S &gt; h, with k = kUnits/denominator and h =
     * hUnits/denominator. Immutable.
     */
    public static final class Chart {
        private final double mu0;
        private final double mu1;
        private final double size;
        private final int denominator;
        private final int kUnits;
        private final int hUnits;
        private final double arl0;

        Chart(double mu0, double mu1, double size, int denominator, int kUnits, int hUnits, double arl0) {
            this.mu0 = mu0;
            this.mu1 = mu1;
            this.size = size;
            this.denominator = denominator;
            this.kUnits = kUnits;
            this.hUnits = hUnits;
            this.arl0 = arl0;
        }

        /** The baseline (in-control) mean. */
        public double mu0() {
            return mu0;
        }

        /** The out-of-control mean the chart is tuned for. */
        public double mu1() {
            return mu1;
        }

        /** The negative-binomial size r; infinite for Poisson. */
        public double size() {
            return size;
        }

        /** The reference value, a multiple of 1/{@link #denominator()}. */
        public double k() {
            return (double) kUnits / denominator;
        }

        /** The decision interval, a multiple of 1/{@link #denominator()}. */
        public double h() {
            return (double) hUnits / denominator;
        }

        /** The lattice steps per count. */
        public int denominator() {
            return denominator;
        }

        /** The in-control average run length (days to a false alarm from S = 0), exact for this chart. */
        public double arl0() {
            return arl0;
        }

        /** The average run length from S = 0 when the mean has shifted to μ₁ (the detection delay, in days). */
        public double arl1() {
            return averageRunLength(mu1);
        }

        /** The average run length from S = 0 when the counts have mean {@code mu} and this chart's size. */
        public double averageRunLength(double mu) {
            return averageRunLength(mu, size);
        }

        /**
         * The average run length from S = 0, in days, when the counts are negative binomial with mean {@code mu} and
         * size {@code size} (Poisson for an infinite size): the Markov chain of Brook &amp; Evans (1972), exact on
         * this chart's lattice.
         */
        public double averageRunLength(double mu, double size) {
            return runLengths(mu, size)[0];
        }

        /** The smallest count that raises an alarm on a day entered with CUSUM {@code s} (s ≤ h). */
        public int alarmCount(double s) {
            return alarmCount(Math.round(s * denominator));
        }

        int alarmCount(long sUnits) {
            return (int) Math.min(Integer.MAX_VALUE, Math.floorDiv(hUnits + kUnits - sUnits, denominator) + 1);
        }

        /**
         * Runs the chart over daily counts from S = 0 without a training window (the baseline is the chart's).
         *
         * @throws IllegalArgumentException for a negative count
         */
        public Result monitor(int[] counts, LocalDate firstDay) {
            return monitor(counts, firstDay, Double.NaN, Double.NaN);
        }

        Result monitor(int[] counts, LocalDate firstDay, double trainingMean, double trainingVariance) {
            double[] path = new double[counts.length];
            int[] band = new int[counts.length];
            List<LocalDate> alarms = new ArrayList<>();
            long s = 0;
            for (int t = 0; t < counts.length; t++) {
                if (counts[t] < 0) {
                    throw new IllegalArgumentException("day " + (t + 1) + " of monitoring (" + firstDay.plusDays(t)
                            + ") has a negative count " + counts[t]);
                }
                band[t] = alarmCount(s);
                s = Math.max(0, s + (long) denominator * counts[t] - kUnits);
                path[t] = (double) s / denominator;
                if (s > hUnits) {
                    alarms.add(firstDay.plusDays(t));
                    s = 0;
                }
            }
            return new Result(this, trainingMean, trainingVariance, firstDay, path, band, alarms, alarmCount(s));
        }

        /** The transition probabilities among the states 0…H (in lattice units) for counts of mean mu. */
        double[][] transitions(double mu, double size) {
            return new Lattice(mu, size, denominator, kUnits, hUnits).transitions(hUnits);
        }

        /** The average run length from every state 0…H for counts of mean mu. */
        double[] runLengths(double mu, double size) {
            checkMean(mu, size);
            return new Lattice(mu, size, denominator, kUnits, hUnits).runLengths(hUnits);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chart c && Double.compare(mu0, c.mu0) == 0 && Double.compare(mu1, c.mu1) == 0
                    && Double.compare(size, c.size) == 0 && denominator == c.denominator && kUnits == c.kUnits
                    && hUnits == c.hUnits;
        }

        @Override
        public int hashCode() {
            return Objects.hash(mu0, mu1, size, denominator, kUnits, hUnits);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Chart[μ₀ = %.4g, μ₁ = %.4g, %s, k = %d/%d, h = %d/%d,"
                    + " ARL₀ = %.1f]", mu0, mu1, Double.isInfinite(size) ? "Poisson" : String.format(
                    java.util.Locale.ROOT, "NB size %.4g", size), kUnits, denominator, hUnits, denominator, arl0);
        }
    }

    /**
     * The Markov chain of the integer chart s ← max(0, s + q·c − p), states 0…N, with I − R factorised once by LU
     * without pivoting. I − R is a non-singular M-matrix, so every leading block has an LU factorisation, and the
     * factors of a leading block are the leading blocks of the factors. The factorisation follows Grassmann, Taksar
     * &amp; Heyman (1985), "Regenerative analysis and steady state distributions for Markov chains", Operations
     * Research 33(5):1107–1116: each pivot is the row's exit probability (to an alarm) plus the sum of its
     * off-diagonal magnitudes, never 1 − R(s, s), so no step subtracts and the run lengths keep their relative
     * accuracy even when they are astronomically long.
     */
    static final class Lattice {
        private final int q;
        private final int p;
        private final int n;
        private final double[] pmf;
        private final double[] cdf;
        /** tail[c] = P(count ≥ c), summed from the far end. */
        private final double[] tail;
        private double[][] lu;

        Lattice(double mu, double size, int q, int p, int maxState) {
            this.q = q;
            this.p = p;
            this.n = maxState + 1;
            int needed = (maxState + p) / q + 2;
            // log P(c) by the recurrence P(c + 1) = P(c)·μ/(c + 1) (Poisson) or P(c)·(c + r)/(c + 1)·μ/(r + μ) (NB),
            // on past the needed counts until the terms are negligible against P(needed) (the tail then falls at
            // least geometrically, by the ratio μ/(r + μ) &lt; 1).
            boolean poisson = Double.isInfinite(size);
            double logP = poisson ? -mu : size * -Math.log1p(mu / size);
            double logRatio = poisson ? Math.log(mu) : Math.log(mu) - Math.log(size + mu);
            double[] terms = new double[Math.max(16, 2 * needed)];
            double logNeeded = 0;
            int c = 0;
            while (true) {
                if (c == terms.length) {
                    terms = Arrays.copyOf(terms, 2 * c);
                }
                terms[c] = Math.exp(logP);
                if (c == needed - 1) {
                    logNeeded = logP;
                }
                double step = logRatio + (poisson ? 0 : Math.log(c + size)) - Math.log(c + 1);
                c++;
                if (c >= needed && step < 0 && (logP < logNeeded - 52 || terms[c - 1] == 0) || c > 50_000_000) {
                    break;
                }
                logP += step;
            }
            this.pmf = Arrays.copyOf(terms, needed);
            this.cdf = new double[needed];
            this.tail = new double[needed + 1];
            double total = 0;
            for (int k = 0; k < needed; k++) {
                total += terms[k];
                cdf[k] = total;
            }
            double far = 0;
            for (int k = c - 1; k >= needed; k--) {
                far += terms[k];
            }
            tail[needed] = far;
            for (int k = needed - 1; k >= 0; k--) {
                tail[k] = tail[k + 1] + terms[k];
            }
        }

        /** R[s][j]: from s to j without an alarm, for states 0…maxState. */
        double[][] transitions(int maxState) {
            int m = maxState + 1;
            double[][] r = new double[m][m];
            for (int s = 0; s < m; s++) {
                if (s <= p) {
                    r[s][0] = cdf[(p - s) / q];
                }
                // j = s + q·c − p ≥ 1 for counts c above (p − s)/q.
                for (int c = Math.max(0, Math.floorDiv(p - s, q) + 1); ; c++) {
                    long j = s + (long) q * c - p;
                    if (j > maxState) {
                        break;
                    }
                    r[s][(int) j] = pmf[c];
                }
            }
            return r;
        }

        /** P(alarm from s) in the chart with states 0…maxState: a count c with s + q·c − p &gt; maxState. */
        private double exit(int s, int maxState) {
            return tail[(int) Math.floorDiv((long) maxState + p - s, q) + 1];
        }

        private void factorise() {
            double[][] a = transitions(n - 1);
            double[] exit = new double[n];
            for (int i = 0; i < n; i++) {
                exit[i] = exit(i, n - 1);
                for (int j = 0; j < n; j++) {
                    a[i][j] = -a[i][j]; // the off-diagonal of I − R; diagonals are rebuilt as pivots
                }
            }
            // Entries below the diagonal lie within p of it (j ≥ s − p), and stay there.
            for (int c = 0; c < n; c++) {
                double[] pivotRow = a[c];
                double pivot = exit[c];
                for (int j = c + 1; j < n; j++) {
                    pivot -= pivotRow[j];
                }
                pivotRow[c] = pivot;
                for (int i = c + 1; i <= Math.min(n - 1, c + p); i++) {
                    double[] row = a[i];
                    if (row[c] != 0) {
                        double f = row[c] / pivot; // ≤ 0
                        row[c] = f;
                        for (int j = c + 1; j < n; j++) {
                            row[j] -= f * pivotRow[j];
                        }
                        exit[i] -= f * exit[c];
                    }
                }
            }
            lu = a;
        }

        /** The average run lengths from states 0…maxState when the alarm is at s &gt; maxState. */
        double[] runLengths(int maxState) {
            if (lu == null) {
                factorise();
            }
            int m = maxState + 1;
            double[] x = new double[m];
            for (int i = 0; i < m; i++) {
                double y = 1;
                double[] row = lu[i];
                for (int c = Math.max(0, i - p); c < i; c++) {
                    y -= row[c] * x[c];
                }
                x[i] = y;
            }
            for (int i = m - 1; i >= 0; i--) {
                double y = x[i];
                double[] row = lu[i];
                for (int j = i + 1; j < m; j++) {
                    y -= row[j] * x[j];
                }
                x[i] = y / row[i];
            }
            return x;
        }

        double averageRunLength(int maxState) {
            return runLengths(maxState)[0];
        }
    }
}
