package io.fidelis.core.programme;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanations' number formatting, against the JDK's own formatter ({@code String.format(Locale.ROOT, "%,d")}
 * and {@code "%,.2f"}), which it replaces for speed: the same text for every value tried.
 */
class TextsTest {

    @Test
    void pointsAreGroupedByThousands() {
        assertThat(Texts.points(0)).isEqualTo("0");
        assertThat(Texts.points(999)).isEqualTo("999");
        assertThat(Texts.points(1000)).isEqualTo("1,000");
        assertThat(Texts.points(-1234567)).isEqualTo("-1,234,567");
        assertThat(Texts.points(Long.MIN_VALUE)).isEqualTo(String.format(Locale.ROOT, "%,d", Long.MIN_VALUE));
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextInt(4) == 0 ? r.nextLong() : r.nextLong(-10_000_000, 10_000_000);
            assertThat(Texts.points(v)).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
    }

    @Test
    void moneyShowsCentsOnlyWhenThereAreAny() {
        assertThat(Texts.money(new BigDecimal("2340"))).isEqualTo("2,340");
        assertThat(Texts.money(new BigDecimal("2340.5"))).isEqualTo("2,340.50");
        assertThat(Texts.money(new BigDecimal("0.005"))).isEqualTo("0.01");
        assertThat(Texts.money(new BigDecimal("-0.00001"))).isEqualTo("0.00");
        assertThat(Texts.cents(new BigDecimal("1234.5"))).isEqualTo("1,234.50");
    }

    @Test
    void moneyAndCentsMatchTheFormatter() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            BigDecimal v = new BigDecimal(BigInteger.valueOf(r.nextLong(-100_000_000_000L, 100_000_000_000L)),
                    r.nextInt(0, 7));
            BigDecimal a = v.stripTrailingZeros();
            String money = a.scale() <= 0 ? String.format(Locale.ROOT, "%,d", a.toBigInteger())
                    : String.format(Locale.ROOT, "%,.2f", v.setScale(Math.max(2, Math.min(a.scale(), 4)),
                    RoundingMode.HALF_EVEN));
            assertThat(Texts.money(v)).as("money(%s)", v).isEqualTo(money);
            assertThat(Texts.cents(v)).as("cents(%s)", v).isEqualTo(String.format(Locale.ROOT, "%,.2f",
                    v.setScale(2, RoundingMode.HALF_EVEN)));
        }
    }
}
