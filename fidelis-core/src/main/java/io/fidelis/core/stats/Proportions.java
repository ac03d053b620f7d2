package io.fidelis.core.stats;

/**
 * Shares with Wilson score intervals, and the satisfaction scores built on them: CSAT (top-2-box share of 1–5
 * answers) and CES (customer effort, share of "easy" 5–7 answers on 1–7).
 *
 * <p>The Wilson score interval (Wilson 1927; method 3 of Newcombe 1998, "Two-sided confidence intervals for the
 * single proportion", Statistics in Medicine 17:857–872): (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). It
 * stays inside [0, 1] and keeps its coverage near 0 and 1 and for small n, unlike the Wald interval.
 *
 * <p>The difference of two independent shares (for example repurchase after a resolved complaint against
 * repurchase without one) takes the hybrid score interval of Newcombe (1998), "Interval estimation for the difference
 * between independent proportions: comparison of eleven methods", Statistics in Medicine 17:873–890, method 10: from
 * the Wilson intervals (l₁, u₁) of p̂₁ and (l₂, u₂) of p̂₂, with d = p̂₁ − p̂₂, the interval is
 * [d − √((p̂₁ − l₁)² + (u₂ − p̂₂)²), d + √((u₁ − p̂₁)² + (p̂₂ − l₂)²)]. It stays inside [−1, 1], needs no iteration and
 * keeps its coverage for small and extreme counts, where the Wald interval does not.
 */
public final class Proportions {
    private Proportions() {
    }

    /**
     * A share with its Wilson score interval.
     *
     * @param share successes / n
     */
    public record Share(int successes, int n, double share, double lower, double upper, double confidence) {
    }

    /**
     * CSAT: the share of satisfied answers (4 or 5 of 5, the top two boxes) with its interval, and separately the
     * mean answer on the 1–5 scale.
     */
    public record Csat(Share topTwoBox, double meanAnswer) {
    }

    /**
     * CES: the share of "easy" answers (5, 6 or 7 of 7) with its interval, and separately the mean answer on 1–7.
     */
    public record Ces(Share easy, double meanAnswer) {
    }

    /**
     * The difference of two shares, a − b, with Newcombe's hybrid score interval.
     *
     * @param difference a.share − b.share
     * @param lower      the lower end, ≥ −1
     * @param upper      the upper end, ≤ 1
     */
    public record Difference(Share a, Share b, double difference, double lower, double upper, double confidence) {
    }

    /**
     * The difference {@code successesA/nA − successesB/nB} with the hybrid score interval of Newcombe (1998),
     * method 10, at the given confidence (e.g. 0.95).
     *
     * @throws IllegalArgumentException for n ≤ 0, or successes outside 0…n, in either group
     */
    public static Difference difference(int successesA, int nA, int successesB, int nB, double confidence) {
        Share a = wilson(successesA, nA, confidence);
        Share b = wilson(successesB, nB, confidence);
        double d = a.share() - b.share();
        double below = Math.hypot(a.share() - a.lower(), b.upper() - b.share());
        double above = Math.hypot(a.upper() - a.share(), b.share() - b.lower());
        return new Difference(a, b, d, Math.max(-1, d - below), Math.min(1, d + above), confidence);
    }

    /** The Wilson score interval of {@code successes} out of {@code n} at the given confidence (e.g. 0.95). */
    public static Share wilson(int successes, int n, double confidence) {
        if (n <= 0) {
            throw new IllegalArgumentException("no answers: a share needs n ≥ 1, got " + n);
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must be between 0 and n = " + n + ", got " + successes);
        }
        double z = NpsStats.z(confidence);
        double p = (double) successes / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
        // At p̂ = 0 or 1 the interval ends exactly there; rounding must not leave it a hair inside.
        double lower = successes == 0 ? 0 : Math.max(0, centre - half);
        double upper = successes == n ? 1 : Math.min(1, centre + half);
        return new Share(successes, n, p, lower, upper, confidence);
    }

    /** CSAT of 1–5 answers with a 95 % interval. */
    public static Csat csat(int[] answers) {
        return csat(answers, 0.95);
    }

    /** @throws IllegalArgumentException for an answer outside 1–5 or no answers */
    public static Csat csat(int[] answers, double confidence) {
        double[] counts = topBoxes(answers, 1, 5, 4, "CSAT");
        return new Csat(wilson((int) counts[0], answers.length, confidence), counts[1]);
    }

    /** CES of 1–7 answers with a 95 % interval. */
    public static Ces ces(int[] answers) {
        return ces(answers, 0.95);
    }

    /** @throws IllegalArgumentException for an answer outside 1–7 or no answers */
    public static Ces ces(int[] answers, double confidence) {
        double[] counts = topBoxes(answers, 1, 7, 5, "CES");
        return new Ces(wilson((int) counts[0], answers.length, confidence), counts[1]);
    }

    /** {answers ≥ top, mean answer}, checking the scale. */
    private static double[] topBoxes(int[] answers, int min, int max, int top, String score) {
        if (answers.length == 0) {
            throw new IllegalArgumentException("no answers: " + score + " needs at least one");
        }
        int count = 0;
        double sum = 0;
        for (int i = 0; i < answers.length; i++) {
            int a = answers[i];
            if (a < min || a > max) {
                throw new IllegalArgumentException("answer " + (i + 1) + " is " + a + ": " + score
                        + " answers run from " + min + " to " + max);
            }
            count += a >= top ? 1 : 0;
            sum += a;
        }
        return new double[] {count, sum / answers.length};
    }
}
