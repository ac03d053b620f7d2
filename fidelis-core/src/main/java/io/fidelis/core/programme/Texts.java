package io.fidelis.core.programme;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting for explanations: grouped thousands, money with two decimals only when it has cents. */
final class Texts {
    private Texts() {
    }

    static String points(long points) {
        return String.format(Locale.ROOT, "%,d", points);
    }

    /** 2340 → "2,340"; 2340.5 → "2,340.50". */
    static String money(BigDecimal amount) {
        BigDecimal a = amount.stripTrailingZeros();
        if (a.scale() <= 0) {
            return String.format(Locale.ROOT, "%,d", a.toBigInteger());
        }
        return String.format(Locale.ROOT, "%,.2f", amount.setScale(Math.max(2, Math.min(a.scale(), 4)),
                RoundingMode.HALF_EVEN));
    }

    /** Always two decimals: "1,234.50". */
    static String cents(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_EVEN));
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static String nonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
