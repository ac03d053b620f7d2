package io.fidelis.core.special;

/**
 * The Gauss hypergeometric function {@code 2F1(a, b; c; z)} for real parameters and real {@code z < 1}, which
 * Hipparchus does not provide.
 *
 * <p>It is defined by the power series (Abramowitz &amp; Stegun 15.1.1, DLMF 15.2.1)
 * <pre>
 *     2F1(a, b; c; z) = sum over n &gt;= 0 of (a)_n (b)_n / ((c)_n n!) z^n
 * </pre>
 * where {@code (q)_n} is the rising factorial. The customer-lifetime models need it with positive parameters that
 * can be several hundred and with {@code z} in {@code (-1, 1)}, sometimes very close to 1, where the value can exceed
 * the range of a {@code double}; {@link #logValue} is exact in that range.
 *
 * <p>How a value is computed:
 * <ul>
 *   <li>If the series terminates (a or b is a non-positive integer) it is a polynomial and is summed exactly. So is
 *       the equivalent polynomial that the Pfaff or Euler transformation (DLMF 15.8.1) gives when {@code c - a} or
 *       {@code c - b} is a non-positive integer. Where several such forms exist the one whose terms cancel least is
 *       used.</li>
 *   <li>Otherwise, for {@code z < 0} the Pfaff transformation (DLMF 15.8.1, A&amp;S 15.3.4/15.3.5)
 *       {@code 2F1(a,b;c;z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1))}, or its twin with {@code b}, maps the argument
 *       into {@code (0, 1)}.</li>
 *   <li>For {@code 0 <= z <= 0.9} the power series is summed until a rigorous bound on the remaining tail is below
 *       {@code 1e-17} of the sum.</li>
 *   <li>For {@code 0.9 < z < 1} the power series is tried with a small budget of terms. If that is not enough, the
 *       value and derivative at {@code z = 0.875} (from the series) are carried to {@code z} by analytic continuation:
 *       Taylor steps along the real axis whose coefficients follow from the hypergeometric differential equation
 *       (DLMF 15.10.1). Each step covers at most half the remaining distance to the singular point {@code z = 1},
 *       and less where a solution of the equation decays quickly, which keeps the steps numerically stable. This
 *       needs no gamma functions and no special treatment of integer {@code c - a - b}, and reaches
 *       {@code z = 1 - 1e-12} in a few dozen steps.</li>
 * </ul>
 * Intermediate sums are kept as a mantissa and a binary exponent, so neither overflow nor underflow occurs before the
 * final conversion to a {@code double}.
 */
public final class Hypergeometric2F1 {
    /** Summation stops when the remaining terms are bounded by this fraction of the sum. */
    private static final double TOLERANCE = 1e-17;
    /** The most terms summed in one evaluation, over all series and continuation steps. */
    private static final int MAX_TERMS = 5_000_000;
    /** Up to this argument the plain power series is used. */
    private static final double SERIES_LIMIT = 0.9;
    /** Above {@link #SERIES_LIMIT}, the plain series is tried with this many terms before continuing analytically. */
    private static final int TRIAL_TERMS = 2_000;
    /** Analytic continuation starts at {@code z = 1 - CONTINUATION_START} (an exact binary fraction). */
    private static final double CONTINUATION_START = 0.125;
    /** A continuation step covers at most this fraction of the distance to {@code z = 1}. */
    private static final double MAX_STEP = 0.5;
    /** A continuation step lets no solution of the equation decay by more than {@code exp(-MAX_DECAY)}. */
    private static final double MAX_DECAY = 2.0;
    /** Sums above {@code 2^RESCALE_BITS} are scaled down by that factor into the exponent. */
    private static final int RESCALE_BITS = 600;
    private static final double RESCALE_LIMIT = Math.scalb(1.0, RESCALE_BITS);
    private static final double RESCALE_FACTOR = Math.scalb(1.0, -RESCALE_BITS);
    private static final double LN2 = Math.log(2.0);

    private Hypergeometric2F1() {
    }

    /**
     * The Gauss hypergeometric function {@code 2F1(a, b; c; z)}.
     *
     * @param a the first numerator parameter
     * @param b the second numerator parameter
     * @param c the denominator parameter; it may be zero or a negative integer {@code -k} only if {@code a} or
     *          {@code b} is a non-positive integer {@code -m} with {@code m < k}, so that the series stops before
     *          dividing by zero
     * @param z the argument, below 1
     * @return the value; {@code ±Infinity} if its magnitude exceeds {@link Double#MAX_VALUE} (use
     *         {@link #logValue} then) and a signed zero if it is below {@link Double#MIN_VALUE}
     * @throws IllegalArgumentException if an argument is NaN or infinite, {@code z >= 1}, or {@code c} is a
     *                                  non-positive integer that the series reaches
     * @throws IllegalStateException    if the evaluation does not converge within five million terms, which takes
     *                                  parameters in the hundreds of thousands or more
     */
    public static double value(double a, double b, double c, double z) {
        return evaluate(a, b, c, z).toDouble();
    }

    /**
     * The natural logarithm of {@code 2F1(a, b; c; z)}, for arguments where the function is positive (as it always
     * is for positive {@code a}, {@code b}, {@code c} and {@code 0 <= z < 1}). It stays finite and accurate where the
     * value itself is beyond the range of a {@code double}, as for {@code 2F1(r + x, b + x; a + b + x - 1; z)} with
     * hundreds of transactions {@code x} and {@code z} near 1.
     *
     * @param a the first numerator parameter
     * @param b the second numerator parameter
     * @param c the denominator parameter, restricted as for {@link #value}
     * @param z the argument, below 1
     * @return {@code ln 2F1(a, b; c; z)}
     * @throws IllegalArgumentException if the value is zero or negative, or the arguments are invalid as for
     *                                  {@link #value}
     * @throws IllegalStateException    if the evaluation does not converge, as for {@link #value}
     */
    public static double logValue(double a, double b, double c, double z) {
        Scaled result = evaluate(a, b, c, z);
        if (!(result.mantissa() > 0)) {
            throw new IllegalArgumentException("2F1(" + a + ", " + b + "; " + c + "; " + z
                    + ") is not positive, so it has no real logarithm: " + result.toDouble());
        }
        return result.log();
    }

    private static Scaled evaluate(double a, double b, double c, double z) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(z)) {
            throw new IllegalArgumentException(
                    "2F1 arguments must not be NaN: a=" + a + ", b=" + b + ", c=" + c + ", z=" + z);
        }
        if (Double.isInfinite(a) || Double.isInfinite(b) || Double.isInfinite(c) || Double.isInfinite(z)) {
            throw new IllegalArgumentException(
                    "2F1 arguments must be finite: a=" + a + ", b=" + b + ", c=" + c + ", z=" + z);
        }
        if (z >= 1) {
            throw new IllegalArgumentException(
                    "2F1 is only evaluated for z < 1 (the series diverges at and beyond 1): z=" + z);
        }
        boolean cIsPole = isNonPositiveInteger(c);
        if (cIsPole && !(Math.min(degree(a), degree(b)) < -c)) {
            throw new IllegalArgumentException("2F1 is undefined for c=" + c
                    + ", a non-positive integer, unless a or b is a non-positive integer -m with m < " + -c
                    + ": a=" + a + ", b=" + b);
        }
        if (z == 0) {
            return Scaled.ONE;
        }
        boolean polynomial = isNonPositiveInteger(a) || isNonPositiveInteger(b)
                || !cIsPole && (isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b));
        Scaled result = polynomial ? polynomial(a, b, c, z, cIsPole) : nonTerminating(a, b, c, z);
        if (!Double.isFinite(result.mantissa())) {
            throw new IllegalStateException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") failed numerically");
        }
        return result;
    }

    /**
     * A terminating case, as the best conditioned of the polynomial forms that the identity itself and the Pfaff and
     * Euler transformations (DLMF 15.8.1) give. When c is a pole only forms keeping the original terminating
     * parameter are valid: the others are not the limit of the function as c approaches the pole.
     */
    private static Scaled polynomial(double a, double b, double c, double z, boolean cIsPole) {
        double w = z / (z - 1);
        boolean aEnds = isNonPositiveInteger(a);
        boolean bEnds = isNonPositiveInteger(b);
        boolean cMinusAEnds = !cIsPole && isNonPositiveInteger(c - a);
        boolean cMinusBEnds = !cIsPole && isNonPositiveInteger(c - b);
        Polynomial best = null;
        if (aEnds || bEnds) {
            best = better(best, finiteSum(a, b, c, z, Scaled.ONE));
        }
        if (aEnds || cMinusBEnds) {
            best = better(best, finiteSum(a, c - b, c, w, powerOfOneMinus(z, -a)));
        }
        if (bEnds || cMinusAEnds) {
            best = better(best, finiteSum(c - a, b, c, w, powerOfOneMinus(z, -b)));
        }
        if (cMinusAEnds || cMinusBEnds) {
            best = better(best, finiteSum(c - a, c - b, c, z, powerOfOneMinus(z, c - a - b)));
        }
        return best.value();
    }

    private static Polynomial better(Polynomial best, Polynomial candidate) {
        return best == null || candidate.cancellation() < best.cancellation() ? candidate : best;
    }

    /** The terminating series {@code 2F1(a, b; c; x)} times {@code factor}, with its sum of absolute terms. */
    private static Polynomial finiteSum(double a, double b, double c, double x, Scaled factor) {
        double degree = Math.min(degree(a), degree(b));
        if (degree > MAX_TERMS) {
            throw new IllegalStateException("2F1 polynomial of degree " + degree + " is too long to sum");
        }
        double term = 1;
        double sum = 1;
        double absSum = 1;
        long exponent = 0;
        for (int n = 0; n < degree; n++) {
            term *= (a + n) / (c + n) * ((b + n) / (n + 1)) * x;
            sum += term;
            absSum += Math.abs(term);
            if (absSum > RESCALE_LIMIT) {
                term *= RESCALE_FACTOR;
                sum *= RESCALE_FACTOR;
                absSum *= RESCALE_FACTOR;
                exponent += RESCALE_BITS;
            }
        }
        double cancellation = sum == 0 ? Double.POSITIVE_INFINITY : absSum / Math.abs(sum);
        return new Polynomial(factor.times(Scaled.of(sum, exponent)), cancellation);
    }

    /** A non-terminating case: Pfaff-transformed into {@code (0, 1)} when z is negative. */
    private static Scaled nonTerminating(double a, double b, double c, double z) {
        if (z > 0) {
            return positiveArgument(a, b, c, z, 1 - z);
        }
        double w = -z / (1 - z);
        double oneMinusW = 1 / (1 - z);
        // Both Pfaff forms converge alike; the one with the smaller numerator parameters has the smaller terms.
        if (Math.abs(a * (c - b)) <= Math.abs(b * (c - a))) {
            return powerOfOneMinus(z, -a).times(positiveArgument(a, c - b, c, w, oneMinusW));
        }
        return powerOfOneMinus(z, -b).times(positiveArgument(c - a, b, c, w, oneMinusW));
    }

    /**
     * A non-terminating series at {@code 0 < x < 1}, with {@code y = 1 - x} given separately so that it keeps its
     * precision when x is within rounding of 1.
     */
    private static Scaled positiveArgument(double a, double b, double c, double x, double y) {
        if (x <= SERIES_LIMIT) {
            Series series = series(a, b, c, x, MAX_TERMS, false);
            if (series == null) {
                throw notConverged(a, b, c, x);
            }
            return Scaled.of(series.sum(), series.exponent());
        }
        Series trial = series(a, b, c, x, TRIAL_TERMS, false);
        if (trial != null) {
            return Scaled.of(trial.sum(), trial.exponent());
        }
        double x0 = 1 - CONTINUATION_START;
        Series start = series(a, b, c, x0, MAX_TERMS, true);
        if (start == null) {
            throw notConverged(a, b, c, x0);
        }
        return continueTowardOne(a, b, c, start, CONTINUATION_START, y);
    }

    /**
     * Sums the power series at {@code 0 <= x < 1}, and with {@code withDerivative} also {@code sum n t_n}, which is
     * {@code x} times the derivative. Returns null if {@code maxTerms} terms do not suffice.
     *
     * <p>The term ratio is {@code r(n) = t_(n+1) / t_n = x (a+n)(b+n) / ((c+n)(n+1)) = x (1 + g(n))} with
     * {@code g(n) = (p n + q) / ((n+c)(n+1))}, {@code p = a+b-c-1}, {@code q = ab-c}. Once n exceeds
     * {@code -a, -b, -c} and {@code sqrt(c)}, every later ratio is positive and at most
     * {@code R = x (1 + (max(p,0) n + max(q,0)) / ((n+c)(n+1)))}, so when {@code R < 1} the tail after
     * {@code t_n} is at most {@code |t_n| R / (1 - R)}.
     */
    private static Series series(double a, double b, double c, double x, int maxTerms, boolean withDerivative) {
        double p = Math.max(a + b - c - 1, 0);
        double q = Math.max(a * b - c, 0);
        double settled = Math.max(Math.max(-a, -b), Math.max(-c, Math.sqrt(Math.max(c, 0))));
        double term = 1;
        double sum = 1;
        double absSum = 1;
        double derivativeSum = 0;
        long exponent = 0;
        for (int n = 1; n <= maxTerms; n++) {
            int previous = n - 1;
            term *= (a + previous) / (c + previous) * ((b + previous) / n) * x;
            sum += term;
            absSum += Math.abs(term);
            derivativeSum += n * term;
            if (absSum > RESCALE_LIMIT || Math.abs(derivativeSum) > RESCALE_LIMIT) {
                term *= RESCALE_FACTOR;
                sum *= RESCALE_FACTOR;
                absSum *= RESCALE_FACTOR;
                derivativeSum *= RESCALE_FACTOR;
                exponent += RESCALE_BITS;
            }
            // The floor keeps a sum that cancels to (nearly) zero from running forever.
            double scale = Math.max(Math.abs(sum), 1e-16 * absSum);
            double size = Math.abs(term);
            if (size == 0 || n > settled && size * x <= TOLERANCE * scale) {
                double ratioBound = x * (1 + (p * n + q) / ((n + c) * (n + 1.0)));
                if (size == 0 || ratioBound < 1 && converged(size, n, ratioBound, scale,
                        withDerivative ? Math.max(Math.abs(derivativeSum), Math.abs(sum)) : 0)) {
                    return new Series(sum, derivativeSum, exponent);
                }
            }
        }
        return null;
    }

    private static boolean converged(double size, int n, double ratioBound, double scale, double derivativeScale) {
        double geometric = ratioBound / (1 - ratioBound);
        if (size * geometric > TOLERANCE * scale) {
            return false;
        }
        // sum over k >= 1 of (n + k) R^k = n R/(1-R) + R/(1-R)^2
        return size * (n * geometric + geometric / (1 - ratioBound)) <= TOLERANCE * derivativeScale
                || derivativeScale == 0;
    }

    /**
     * Carries {@code F} and {@code F'} from {@code x0 = 1 - y0} to {@code x = 1 - y} in Taylor steps. Around a point
     * {@code x0} with {@code s = 1 - x0}, the differential equation {@code x(1-x) F'' + (c - (a+b+1)x) F' - ab F = 0}
     * gives for the scaled Taylor terms {@code τ_k = F^(k)(x0) h^k / k!} of a step {@code h = ρ s}
     * <pre>
     *     τ_(k+2) = [ (k+a)(k+b) (ρ² s / x0) τ_k - (k+1)(p1 k + q0) (ρ / x0) τ_(k+1) ] / ((k+1)(k+2))
     * </pre>
     * with {@code p1 = 1 - 2 x0} and {@code q0 = c - (a+b+1) x0}. The state carried is {@code F} and
     * {@code s F'}, which stay comparable in size however close to 1 the point is.
     */
    private static Scaled continueTowardOne(double a, double b, double c, Series start, double y0, double y) {
        double x0 = 1 - y0;
        double value = start.sum();
        double slope = y0 * start.derivativeSum() / x0;
        long exponent = start.exponent();
        double s = y0;
        long terms = 0;
        while (s > y) {
            double xs = 1 - s;
            double p1 = 2 * s - 1;
            double q0 = c - (a + b + 1) * xs;
            double rho = Math.min(MAX_STEP, MAX_DECAY / decayRate(a, b, q0, xs, s));
            double next = Math.max(y, s - rho * s);
            double h = s - next;
            rho = h / s;
            double a2 = rho * rho * s / xs;
            double a1 = rho / xs;
            double settled = Math.max(Math.max(-a, -b), 0);
            double before = value;
            double last = rho * slope;
            double sum = before + last;
            double absSum = Math.abs(before) + Math.abs(last);
            double derivativeSum = last;
            for (int k = 0; ; k++) {
                double term = ((k + a) * (k + b) * a2 * before - (k + 1) * (p1 * k + q0) * a1 * last)
                        / ((k + 1.0) * (k + 2.0));
                sum += term;
                absSum += Math.abs(term);
                derivativeSum += (k + 2) * term;
                before = last;
                last = term;
                if (absSum > RESCALE_LIMIT || Math.abs(derivativeSum) > RESCALE_LIMIT) {
                    before *= RESCALE_FACTOR;
                    last *= RESCALE_FACTOR;
                    sum *= RESCALE_FACTOR;
                    absSum *= RESCALE_FACTOR;
                    derivativeSum *= RESCALE_FACTOR;
                    exponent += RESCALE_BITS;
                }
                if (++terms > MAX_TERMS) {
                    throw notConverged(a, b, c, 1 - y);
                }
                // For every j >= K the recurrence gives |τ_(j+2)| <= C max(|τ_j|, |τ_(j+1)|), so with
                // μ = max(|τ_K|, |τ_(K+1)|) the terms after τ_(K+1) sum to at most 2 μ C / (1 - C).
                int bigK = k + 1;
                double mu = Math.max(Math.abs(before), Math.abs(last));
                double scale = Math.max(Math.abs(sum), 1e-16 * absSum);
                if (bigK >= settled && mu <= TOLERANCE * scale) {
                    double bound = a2 * (1 + Math.max(a - 1, 0) / (bigK + 1)) * (1 + Math.max(b - 2, 0) / (bigK + 2))
                            + a1 * (Math.abs(p1) + Math.abs(q0 - 2 * p1) / (bigK + 2));
                    if (bound < 1) {
                        double geometric = bound / (1 - bound);
                        double tail = 2 * mu * geometric;
                        double derivativeTail = mu * ((2 * bigK + 1) * geometric + 4 * geometric / (1 - bound));
                        if (tail <= TOLERANCE * scale
                                && derivativeTail <= TOLERANCE * (Math.abs(sum) + Math.abs(derivativeSum))) {
                            break;
                        }
                    }
                }
            }
            value = sum;
            slope = derivativeSum * (next / h);
            s = next;
            int shift = Math.getExponent(Math.max(Math.abs(value), Math.abs(slope)));
            if (shift > Double.MIN_EXPONENT) {
                value = Math.scalb(value, -shift);
                slope = Math.scalb(slope, -shift);
                exponent += shift;
            }
        }
        return Scaled.of(value, exponent);
    }

    /**
     * The fastest decay, per unit of {@code log(1 - x)}, among the local solutions {@code exp(λ x)} of the equation
     * with its coefficients frozen at {@code xs}: a step over which a solution decays by {@code exp(-L)} sums Taylor
     * terms up to {@code exp(L)} times larger than the result. Oscillating solutions count with their frequency.
     */
    private static double decayRate(double a, double b, double q0, double xs, double s) {
        // With μ = λ s the characteristic equation s² (λ² + P λ + Q) = 0, P = q0 / (xs s), Q = ab / (xs s), is
        // μ² + (q0 / xs) μ + ab s / xs = 0.
        double linear = q0 / xs;
        double constant = a * b * s / xs;
        double discriminant = linear * linear - 4 * constant;
        if (discriminant < 0) {
            return Math.sqrt(constant);
        }
        return Math.max(0, (linear + Math.sqrt(discriminant)) / 2);
    }

    /** {@code (1 - z)^power} for {@code z < 1}, in scaled form so that it cannot overflow. */
    private static Scaled powerOfOneMinus(double z, double power) {
        double direct = Math.pow(1 - z, power);
        if (direct >= Double.MIN_NORMAL && direct <= Double.MAX_VALUE) {
            return Scaled.of(direct, 0);
        }
        double log = power * Math.log1p(-z);
        double binary = Math.floor(log / LN2);
        return Scaled.of(Math.exp(log - binary * LN2), (long) binary);
    }

    private static boolean isNonPositiveInteger(double v) {
        return v <= 0 && v == Math.rint(v);
    }

    /** The degree at which a series with this numerator parameter terminates, or infinity. */
    private static double degree(double v) {
        return isNonPositiveInteger(v) ? -v : Double.POSITIVE_INFINITY;
    }

    private static IllegalStateException notConverged(double a, double b, double c, double x) {
        return new IllegalStateException("2F1(" + a + ", " + b + "; " + c + "; " + x + ") did not converge within "
                + MAX_TERMS + " terms");
    }

    /** A power series sum and {@code sum n t_n}, both to be multiplied by {@code 2^exponent}. */
    private record Series(double sum, double derivativeSum, long exponent) {
    }

    /** A terminating form's value and its cancellation, the sum of absolute terms over the absolute sum. */
    private record Polynomial(Scaled value, double cancellation) {
    }

    /** The number {@code mantissa · 2^exponent}, with {@code 1 <= |mantissa| < 2} unless it is zero. */
    private record Scaled(double mantissa, long exponent) {
        static final Scaled ONE = new Scaled(1, 0);

        static Scaled of(double mantissa, long exponent) {
            if (mantissa == 0 || !Double.isFinite(mantissa)) {
                return new Scaled(mantissa, 0);
            }
            int shift = Math.getExponent(mantissa);
            if (shift < Double.MIN_EXPONENT) {
                return of(Math.scalb(mantissa, 64), exponent - 64);
            }
            return new Scaled(Math.scalb(mantissa, -shift), exponent + shift);
        }

        Scaled times(Scaled other) {
            return of(mantissa * other.mantissa, exponent + other.exponent);
        }

        double toDouble() {
            if (exponent > 2 * Double.MAX_EXPONENT) {
                return mantissa * Double.POSITIVE_INFINITY;
            }
            if (exponent < 3 * Double.MIN_EXPONENT) {
                return mantissa * 0.0;
            }
            return Math.scalb(mantissa, (int) exponent);
        }

        double log() {
            return Math.log(mantissa) + exponent * LN2;
        }
    }
}
