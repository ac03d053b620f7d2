package io.fidelis.core.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * {@link Hypergeometric2F1} against closed forms from Abramowitz &amp; Stegun, "Handbook of Mathematical Functions"
 * (1964), chapter 15, and the NIST Digital Library of Mathematical Functions (DLMF), chapter 15.
 */
class Hypergeometric2F1Test {
    private static final double EXACT = 1e-12;

    @Test
    void logarithm() {
        // A&S 15.1.3: 2F1(1, 1; 2; z) = -ln(1 - z) / z.
        for (double z : new double[] {-0.9, -0.5, 0.3, 0.9, 0.99, 0.999}) {
            assertRelativelyClose(Hypergeometric2F1.value(1, 1, 2, z), -Math.log1p(-z) / z, EXACT, "z=" + z);
        }
    }

    @Test
    void denominatorEqualToANumeratorGivesAPower() {
        // DLMF 15.4.6: 2F1(a, b; b; z) = (1 - z)^(-a).
        for (double a : new double[] {0.5, 2.3, 7}) {
            for (double b : new double[] {1.5, 3.7}) {
                for (double z : new double[] {-3, -0.5, 0.2, 0.75, 0.95, 0.999}) {
                    assertRelativelyClose(Hypergeometric2F1.value(a, b, b, z), Math.pow(1 - z, -a), EXACT,
                            "a=" + a + ", b=" + b + ", z=" + z);
                }
            }
        }
    }

    @Test
    void arcsine() {
        // A&S 15.1.6: 2F1(1/2, 1/2; 3/2; z^2) = arcsin(z) / z; z^2 = 0.9998 needs the continuation towards 1.
        for (double z : new double[] {0.1, 0.5, 0.9, 0.99, 0.9999}) {
            assertRelativelyClose(Hypergeometric2F1.value(0.5, 0.5, 1.5, z * z), Math.asin(z) / z, EXACT, "z=" + z);
        }
    }

    @Test
    void arctangent() {
        // A&S 15.1.5: 2F1(1/2, 1; 3/2; -z^2) = arctan(z) / z; large z maps close to 1 under the Pfaff transformation.
        for (double z : new double[] {0.1, 0.5, 1, 3, 30, 1000}) {
            assertRelativelyClose(Hypergeometric2F1.value(0.5, 1, 1.5, -z * z), Math.atan(z) / z, EXACT, "z=" + z);
        }
    }

    @Test
    void gaussTheoremAtTheEdgeOfTheUnitInterval() {
        // DLMF 15.4.20: for c - a - b > 0, 2F1(a, b; c; 1) = Γ(c) Γ(c-a-b) / (Γ(c-a) Γ(c-b)). Near 1 the function
        // differs from that limit by O(1 - z) when c - a - b > 1 and by O((1 - z)^(c-a-b)) when it is below 1.
        double z = 1 - 1e-12;
        double[][] steep = {{0.5, 0.75, 3}, {1, 1, 3.5}, {2.5, 1.5, 6}, {-0.5, 1.25, 2}, {0.3, 0.7, 2}};
        for (double[] p : steep) {
            assertRelativelyClose(Hypergeometric2F1.value(p[0], p[1], p[2], z), gaussSum(p[0], p[1], p[2]), 1e-10,
                    "a=" + p[0] + ", b=" + p[1] + ", c=" + p[2]);
        }
        // c - a - b = 1/2: (1e-12)^(1/2) = 1e-6 from the limit.
        assertRelativelyClose(Hypergeometric2F1.value(0.25, 0.5, 1.25, z), gaussSum(0.25, 0.5, 1.25), 1e-5, "d=1/2");
    }

    @Test
    void terminatingSeriesArePolynomials() {
        // A&S 15.1.1 with a = -3 stops after z^3:
        // 2F1(-3, 2; 5; z) = 1 + (-3)(2)/(5) z + (-3)(-2)(2)(3)/((5)(6) 2!) z^2 + (-3)(-2)(-1)(2)(3)(4)/((5)(6)(7) 3!) z^3
        //                  = 1 - 6z/5 + 3z^2/5 - 4z^3/35.
        for (double z : new double[] {-7.5, -1, 0, 0.5, 0.999999}) {
            double expected = 1 - 6 * z / 5 + 3 * z * z / 5 - 4 * z * z * z / 35;
            assertRelativelyClose(Hypergeometric2F1.value(-3, 2, 5, z), expected, 1e-14, "z=" + z);
        }
        // With c = -5 the series stops at z^2 before (c)_n reaches zero (A&S 15.1.1, remark after it):
        // 2F1(-2, 3; -5; z) = 1 + (-2)(3)/(-5) z + (-2)(-1)(3)(4)/((-5)(-4) 2!) z^2 = 1 + 6z/5 + 3z^2/5.
        assertRelativelyClose(Hypergeometric2F1.value(-2, 3, -5, 0.4), 1 + 6 * 0.4 / 5 + 3 * 0.16 / 5, 1e-14, "c=-5");
        // DLMF 15.4.6 with a = -300: 2F1(-300, 1; 1; 1/2) = (1/2)^300, about 4.9e-91, although the terms of its
        // series alternate and add up in magnitude to 1.5^300, about 1e53.
        assertRelativelyClose(Hypergeometric2F1.value(-300, 1, 1, 0.5), Math.pow(0.5, 300), 1e-14, "(1-z)^300");
    }

    @Test
    void logValueMatchesTheLogarithmOfTheValue() {
        double[][] cases = {{1, 1, 2, 0.5}, {2.243, 4.426, 4.219, 0.474}, {0.243, 2.426, 2.219, 0.3},
            {20.8, 1.6, 21.8, -0.6}, {20.8, 1.6, 21.8, 0.6}, {300.2, 302.4, 301.2, 0.9}, {600, 1.6, 601, 0.9995},
            {0.5, 0.5, 1.5, 0.9999}};
        for (double[] p : cases) {
            double log = Hypergeometric2F1.logValue(p[0], p[1], p[2], p[3]);
            double value = Hypergeometric2F1.value(p[0], p[1], p[2], p[3]);
            assertThat(log).as("2F1(%s, %s; %s; %s)", p[0], p[1], p[2], p[3])
                    .isCloseTo(Math.log(value), within(1e-13 * Math.max(1, Math.abs(log))));
        }
    }

    @Test
    void paretoNbdShapedValueNearOne() {
        // The Pareto/NBD term 2F1(r+s+x, s+1; r+s+x+1; z) with c - a - b = -s grows like (1 - z)^(-s) towards 1.
        // Checked against the Euler transformation (DLMF 15.8.1)
        // 2F1(a, b; c; z) = (1 - z)^(c-a-b) 2F1(c-a, c-b; c; z), here 2F1(1, 599.4; 601; z), which stays finite at 1,
        // and against mpmath 1.3.0 (hyp2f1 at 30 significant digits): 45813.3390871365570449...
        double a = 600;
        double b = 1.6;
        double c = 601;
        double z = 0.9995;
        double euler = Math.pow(1 - z, c - a - b) * Hypergeometric2F1.value(c - a, c - b, c, z);
        assertRelativelyClose(Hypergeometric2F1.value(a, b, c, z), euler, 1e-12, "Euler");
        assertRelativelyClose(Hypergeometric2F1.value(a, b, c, z), 45813.33908713655704, 1e-12, "mpmath");
    }

    @Test
    void logValueStaysFiniteWhereTheValueOverflows() {
        // 2F1(300, 300; 1; 1/2) is about e^731.6, beyond Double.MAX_VALUE (about e^709.8). Its series has positive
        // terms, so a 40-digit BigDecimal sum of it (A&S 15.1.1) is an independent reference.
        assertThat(Hypergeometric2F1.value(300, 300, 1, 0.5)).isInfinite();
        assertThat(Hypergeometric2F1.logValue(300, 300, 1, 0.5))
                .isCloseTo(logOfBigDecimalSeries(300, 300, 1, 0.5), within(1e-12 * 731.6));

        // A BG/NBD customer with x = 500 at z = 0.9995: 2F1(r+x, b+x; a+b+x-1; z) is about e^3811. Checked against the
        // Euler transformation (DLMF 15.8.1): ln 2F1(a, b; c; z) = (c-a-b) ln(1-z) + ln 2F1(c-a, c-b; c; z), whose
        // parameters 0.976 and -1.207 are small, so it is computed on a different path without overflow.
        double a = 500.243;
        double b = 502.426;
        double c = 501.219;
        double z = 0.9995;
        double log = Hypergeometric2F1.logValue(a, b, c, z);
        double euler = (c - a - b) * Math.log1p(-z) + Hypergeometric2F1.logValue(c - a, c - b, c, z);
        assertThat(log).isFinite().isCloseTo(euler, within(1e-12 * Math.abs(euler)));
        assertThat(Hypergeometric2F1.value(a, b, c, z)).isInfinite();
    }

    @Test
    void bgNbdConditionalExpectationForTheLifetimesTestCustomer() {
        // Fader, Hardie & Lee (2005), eq. 10, with the CDNOW estimates; lifetimes' test
        // test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet expects 1.226 (to 0.001).
        double r = 0.243;
        double alpha = 4.414;
        double a = 0.793;
        double b = 2.426;
        double x = 2;
        double tx = 30.43;
        double bigT = 38.86;
        double t = 39;
        double hyp = Hypergeometric2F1.value(r + x, b + x, a + b + x - 1, t / (alpha + bigT + t));
        double numerator = (a + b + x - 1) / (a - 1)
                * (1 - Math.pow((alpha + bigT) / (alpha + bigT + t), r + x) * hyp);
        double denominator = 1 + a / (b + x - 1) * Math.pow((alpha + bigT) / (alpha + tx), r + x);
        assertThat(numerator / denominator).isCloseTo(1.226, within(5e-4));
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z < 1");
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, 2, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, 0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-positive integer");
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, -2, 0.5)).isInstanceOf(IllegalArgumentException.class);
        // The series with a = -2 reaches (c)_3 = 0 for c = -2, so it does not stop in time.
        assertThatThrownBy(() -> Hypergeometric2F1.value(-2, 1, -2, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.value(Double.NaN, 1, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, Double.NaN, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, Double.NaN, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.logValue(1, 1, 2, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.logValue(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        // 2F1(2.5, 3; 1.5; -20) is negative (about -9.77e-5), so it has no real logarithm.
        assertThat(Hypergeometric2F1.value(2.5, 3, 1.5, -20)).isNegative();
        assertThatThrownBy(() -> Hypergeometric2F1.logValue(2.5, 3, 1.5, -20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive");
    }

    private static double gaussSum(double a, double b, double c) {
        return Gamma.gamma(c) * Gamma.gamma(c - a - b) / (Gamma.gamma(c - a) * Gamma.gamma(c - b));
    }

    /** ln of the power series of 2F1(a, b; c; z) for positive terms, summed in 40-digit decimal arithmetic. */
    private static double logOfBigDecimalSeries(double a, double b, double c, double z) {
        MathContext context = new MathContext(40);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal bigA = new BigDecimal(a);
        BigDecimal bigB = new BigDecimal(b);
        BigDecimal bigC = new BigDecimal(c);
        BigDecimal bigZ = new BigDecimal(z);
        BigDecimal negligible = new BigDecimal("1e-35");
        for (int n = 0; term.compareTo(sum.multiply(negligible)) > 0; n++) {
            BigDecimal index = BigDecimal.valueOf(n);
            term = term.multiply(bigA.add(index)).multiply(bigB.add(index)).multiply(bigZ)
                    .divide(bigC.add(index).multiply(index.add(BigDecimal.ONE)), context);
            sum = sum.add(term, context);
        }
        int digits = sum.precision() - sum.scale();
        return Math.log(sum.movePointLeft(digits).doubleValue()) + digits * Math.log(10);
    }

    private static void assertRelativelyClose(double actual, double expected, double tolerance, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance * Math.abs(expected)));
    }
}
