package io.fidelis.core.programme;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting for explanations: grouped thousands, money with two decimals only when it has cents. */
final class Texts {
    private Texts() {
    }

    static String points(long points) {
        return grouped(Long.toString(points));
    }

    /** 2340 → "2,340"; 2340.5 → "2,340.50". */
    static String money(BigDecimal amount) {
        BigDecimal a = amount.stripTrailingZeros();
        if (a.scale() <= 0) {
            return grouped(a.toBigInteger().toString());
        }
        // As String.format("%,.2f") did (it rounds half up), without its cost: explanations are written for every
        // order each time a member's points are worked out.
        return twoDecimals(amount.setScale(Math.max(2, Math.min(a.scale(), 4)), RoundingMode.HALF_EVEN));
    }

    /** Always two decimals: "1,234.50". */
    static String cents(BigDecimal amount) {
        return twoDecimals(amount.setScale(2, RoundingMode.HALF_EVEN));
    }

    /** The sign of the value, then its size rounded half up to two decimals (as the formatter does). */
    private static String twoDecimals(BigDecimal value) {
        String size = grouped(value.abs().setScale(2, RoundingMode.HALF_UP).toPlainString());
        return value.signum() < 0 ? "-" + size : size;
    }

    /** A plain number ("-1234567.5") with its whole part grouped by thousands ("-1,234,567.5"). */
    static String grouped(String plain) {
        int sign = plain.startsWith("-") ? 1 : 0;
        int point = plain.indexOf('.');
        int end = point < 0 ? plain.length() : point;
        int digits = end - sign;
        if (digits <= 3) {
            return plain;
        }
        StringBuilder out = new StringBuilder(plain.length() + digits / 3);
        out.append(plain, 0, sign);
        int head = digits % 3 == 0 ? 3 : digits % 3;
        out.append(plain, sign, sign + head);
        for (int i = sign + head; i < end; i += 3) {
            out.append(',').append(plain, i, i + 3);
        }
        return out.append(plain, end, plain.length()).toString();
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
