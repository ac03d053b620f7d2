package io.fidelis.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * RFM scoring: recency, frequency and monetary value each scored 1 to 5 by quintile of the customers (5 = most
 * recent, most frequent, highest spending), and the common named segments from the recency and frequency scores.
 */
public final class Rfm {
    private Rfm() {
    }

    /** One customer's inputs: days since the last purchase, number of purchase occasions, total or mean spend. */
    public record Input(String customerId, double recencyDays, double frequency, double monetary) {
    }

    public record Score(String customerId, int recency, int frequency, int monetary, Segment segment) {
        /** The three digits, such as "545". */
        public String code() {
            return "" + recency + frequency + monetary;
        }
    }

    /**
     * The segments of the widely used R×F grid (as in the RFM segment tables of Putler and of the lifetimes /
     * marketing-analytics literature): each is a rectangle of recency and frequency scores.
     */
    public enum Segment {
        CHAMPIONS, LOYAL, POTENTIAL_LOYALIST, NEW, PROMISING, NEEDS_ATTENTION, ABOUT_TO_SLEEP, AT_RISK, CANNOT_LOSE,
        HIBERNATING, LOST;

        /** The segment of a recency and a frequency score. */
        public static Segment of(int r, int f) {
            if (r >= 4 && f >= 4) {
                return CHAMPIONS;
            }
            if (r >= 4 && f == 1) {
                return NEW;
            }
            if (r >= 3 && f >= 3) {
                return LOYAL;
            }
            if (r >= 4) {
                return POTENTIAL_LOYALIST;
            }
            if (r == 3 && f == 1) {
                return PROMISING;
            }
            if (r == 3) {
                return NEEDS_ATTENTION;
            }
            if (r == 2 && f <= 2) {
                return ABOUT_TO_SLEEP;
            }
            if (r == 2) {
                return AT_RISK;
            }
            if (f >= 4) {
                return CANNOT_LOSE;
            }
            if (f >= 2) {
                return HIBERNATING;
            }
            return LOST;
        }
    }

    /** Quintile scores; ties share a score (they are ranked together, by the lowest rank of the tie). */
    public static List<Score> score(List<Input> customers) {
        int n = customers.size();
        int[] r = quintiles(customers, c -> -c.recencyDays());
        int[] f = quintiles(customers, Input::frequency);
        int[] m = quintiles(customers, Input::monetary);
        List<Score> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Score(customers.get(i).customerId(), r[i], f[i], m[i], Segment.of(r[i], f[i])));
        }
        return out;
    }

    /**
     * For scoring customers one at a time, as a distributed job does: the positions (from 0, in ascending order of
     * value) of the four values that separate the quintile scores of {@code n} customers. A value's score is 1 plus
     * the number of the values at these positions that are below it ({@link #quintileScore}), the score
     * {@link #score} gives it among all {@code n} (for values that are not NaN).
     */
    public static long[] quintileBoundaryPositions(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one customer, got " + n);
        }
        long[] positions = new long[4];
        for (int s = 1; s <= 4; s++) {
            // Score s + 1 or more needs floor(5k / n) >= s, k the values below: k >= ceil(s n / 5).
            positions[s - 1] = Math.floorDiv(Math.multiplyExact(s, n) + 4, 5) - 1;
        }
        return positions;
    }

    /** The score 1..5 of a value against the values at the {@link #quintileBoundaryPositions}, in their order. */
    public static int quintileScore(double value, double[] boundaries) {
        int score = 1;
        for (double b : boundaries) {
            if (b < value) {
                score++;
            }
        }
        return score;
    }

    /** Score 1..5 by the position of each value among all (higher value, higher score). */
    static int[] quintiles(List<Input> customers, java.util.function.ToDoubleFunction<Input> value) {
        int n = customers.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = value.applyAsDouble(customers.get(i));
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        int[] score = new int[n];
        int k = 0;
        while (k < n) {
            int end = k;
            while (end + 1 < n && v[order[end + 1]] == v[order[k]]) {
                end++;
            }
            int s = 1 + (int) Math.floor(5.0 * k / n);
            for (int j = k; j <= end; j++) {
                score[order[j]] = Math.min(5, s);
            }
            k = end + 1;
        }
        return score;
    }
}
