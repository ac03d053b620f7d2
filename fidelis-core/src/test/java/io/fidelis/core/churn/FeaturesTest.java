package io.fidelis.core.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The number reading of the churn model's columns: the same language as the regular expression, the same values. */
class FeaturesTest {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void aPlainDecimalIsWhatTheRegularExpressionAccepts() {
        List<String> samples = List.of("7", "-1.5", ".5", "5.", "+3", "1e3", "1E-3", "-.5e+7", "0", "007", "-0",
                "", ".", "-", "+", "e3", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x10", "NaN", "Infinity", "1f",
                "1d", "١٢", "--1", "1e3.5", "..5", "12345678901234567890.5");
        for (String s : samples) {
            assertThat(Features.plainDecimal(s)).as(s).isEqualTo(NUMBER.matcher(s).matches());
        }
        Random random = new Random(5);
        String alphabet = "0123456789.+-eE x";
        for (int t = 0; t < 200_000; t++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(8);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(Features.plainDecimal(s)).as(s).isEqualTo(NUMBER.matcher(s).matches());
        }
    }

    @Test
    void theValuesAreThoseOfParseDouble() {
        List<String> samples = List.of("7", "-1.5", ".5", "5.", "+3", "1e3", "0", "-0", "0.1", "0.3", "2.675",
                "123456789012345", "1234567890123456", "9007199254740993", "0.000000000000000000001", "99.99",
                "-7.10", "1e-320", "1e400");
        for (String s : samples) {
            assertThat(Double.doubleToRawLongBits(Features.parse(s))).as(s)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
        Random random = new Random(9);
        for (int t = 0; t < 500_000; t++) {
            long digits = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(15));
            int scale = random.nextInt(10);
            String s = java.math.BigDecimal.valueOf(digits, scale).toPlainString();
            assertThat(Double.doubleToRawLongBits(Features.parse(s))).as(s)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
        assertThat(Features.isNumber("1e400")).isFalse();
        assertThat(Features.isNumber("2.5")).isTrue();
    }
}
