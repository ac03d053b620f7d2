package io.fidelis.core.summary;

/**
 * A customer's purchase history as the repeat-buying models see it (the convention of Fader, Hardie &amp; Lee 2005,
 * BTYD and CLVTools): purchases on one local day form one occasion; {@code x} is the number of repeat occasions
 * (occasions − 1), {@code tx} the time from the first to the last occasion, {@code T} the time from the first
 * occasion to the end of observation, both in the summary's period; {@code monetary} is the mean value of the
 * repeat occasions net of returns (0 when there are none).
 */
public record CustomerSummary(String customerId, int x, double tx, double T, double monetary) {
    public CustomerSummary {
        if (x < 0 || tx < 0 || T < 0 || tx > T + 1e-9 || !Double.isFinite(tx) || !Double.isFinite(T)) {
            throw new IllegalArgumentException("customer " + customerId + ": need x >= 0 and 0 <= t_x <= T, got x="
                    + x + ", t_x=" + tx + ", T=" + T);
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("customer " + customerId + ": t_x must be 0 when x = 0, got " + tx);
        }
    }
}
