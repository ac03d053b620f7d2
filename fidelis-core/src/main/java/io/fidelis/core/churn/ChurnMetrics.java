package io.fidelis.core.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How well predicted probabilities separate and match the outcomes (1 = the positive class, churned). Customers with
 * the same score are always treated alike (ties share their credit), so no result depends on the order of rows.
 */
public final class ChurnMetrics {
    private ChurnMetrics() {
    }

    /**
     * One bin of a reliability curve: predictions in [{@code lower}, {@code upper}) (the last bin includes 1).
     *
     * @param meanPredicted the mean prediction in the bin, NaN when empty
     * @param observedRate  the share of positives in the bin, NaN when empty
     */
    public record CalibrationBin(double lower, double upper, int count, double meanPredicted, double observedRate) {
    }

    /**
     * Everything reported about a set of predictions.
     *
     * @param rocAuc           area under the ROC curve (ties count one half)
     * @param averagePrecision PR AUC as average precision (step-wise, as scikit-learn's
     *                         {@code average_precision_score})
     * @param topDecileLift    the positive rate among the 10 % highest scores over the overall positive rate
     * @param brier            mean squared difference between prediction and outcome
     * @param calibration      the reliability curve: 10 equal-width bins of the prediction
     */
    public record Summary(int n, int positives, double rocAuc, double averagePrecision, double topDecileLift,
                          double brier, List<CalibrationBin> calibration) {
        public Summary {
            calibration = List.copyOf(calibration);
        }

        public double positiveRate() {
            return (double) positives / n;
        }
    }

    public static Summary summary(boolean[] actual, double[] predicted) {
        check(actual, predicted);
        int positives = 0;
        for (boolean a : actual) {
            positives += a ? 1 : 0;
        }
        return new Summary(actual.length, positives, rocAuc(actual, predicted), averagePrecision(actual, predicted),
                lift(actual, predicted, 0.1), brier(actual, predicted), calibration(actual, predicted, 10));
    }

    /**
     * ROC AUC: the probability that a random positive scores above a random negative, ties counting one half
     * (Mann-Whitney U / (n₁ n₀), with mid-ranks). NaN when one class is absent.
     */
    public static double rocAuc(boolean[] actual, double[] predicted) {
        check(actual, predicted);
        Integer[] order = ascending(predicted);
        int n = actual.length;
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && predicted[order[j + 1]] == predicted[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (actual[order[k]]) {
                    rankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Average precision: Σₖ (Rₖ − Rₖ₋₁) Pₖ over the distinct scores from the highest down, where Pₖ and Rₖ are the
     * precision and recall of "score ≥ the k-th distinct score" (tied scores enter together). NaN without
     * positives.
     */
    public static double averagePrecision(boolean[] actual, double[] predicted) {
        check(actual, predicted);
        Integer[] order = ascending(predicted);
        int n = actual.length;
        int positives = 0;
        for (boolean a : actual) {
            positives += a ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        int tp = 0;
        int taken = 0;
        int i = n - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && predicted[order[j - 1]] == predicted[order[i]]) {
                j--;
            }
            int tpBefore = tp;
            for (int k = j; k <= i; k++) {
                tp += actual[order[k]] ? 1 : 0;
            }
            taken += i - j + 1;
            ap += (double) (tp - tpBefore) / positives * ((double) tp / taken);
            i = j - 1;
        }
        return ap;
    }

    /** Mean of (p − y)². */
    public static double brier(boolean[] actual, double[] predicted) {
        check(actual, predicted);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = predicted[i] - (actual[i] ? 1 : 0);
            s += d * d;
        }
        return s / actual.length;
    }

    /**
     * Lift at a top fraction: the positive rate among the {@code fraction × n} highest scores over the overall
     * positive rate. A group of tied scores that straddles the cut counts with the share of it that fits, and its
     * positives in the same share. NaN without positives.
     */
    public static double lift(boolean[] actual, double[] predicted, double fraction) {
        check(actual, predicted);
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the fraction must be in (0, 1], got " + fraction);
        }
        Integer[] order = ascending(predicted);
        int n = actual.length;
        int positives = 0;
        for (boolean a : actual) {
            positives += a ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double capacity = fraction * n;
        double taken = 0;
        double captured = 0;
        int i = n - 1;
        while (i >= 0 && taken < capacity) {
            int j = i;
            while (j - 1 >= 0 && predicted[order[j - 1]] == predicted[order[i]]) {
                j--;
            }
            int size = i - j + 1;
            int pos = 0;
            for (int k = j; k <= i; k++) {
                pos += actual[order[k]] ? 1 : 0;
            }
            double share = Math.min(1.0, (capacity - taken) / size);
            taken += share * size;
            captured += share * pos;
            i = j - 1;
        }
        return (captured / taken) / ((double) positives / n);
    }

    /** The reliability curve: {@code bins} equal-width bins of the prediction over [0, 1]. */
    public static List<CalibrationBin> calibration(boolean[] actual, double[] predicted, int bins) {
        check(actual, predicted);
        int[] count = new int[bins];
        double[] sumP = new double[bins];
        int[] pos = new int[bins];
        for (int i = 0; i < actual.length; i++) {
            double p = predicted[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a prediction is not a probability: " + p);
            }
            int b = Math.min((int) (p * bins), bins - 1);
            count[b]++;
            sumP[b] += p;
            pos[b] += actual[i] ? 1 : 0;
        }
        List<CalibrationBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            out.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins, count[b],
                    count[b] == 0 ? Double.NaN : sumP[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) pos[b] / count[b]));
        }
        return out;
    }

    private static Integer[] ascending(double[] predicted) {
        Integer[] order = new Integer[predicted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
        return order;
    }

    private static void check(boolean[] actual, double[] predicted) {
        if (actual.length != predicted.length || actual.length == 0) {
            throw new IllegalArgumentException("need as many predictions as outcomes, at least one; got "
                    + predicted.length + " and " + actual.length);
        }
        for (double p : predicted) {
            if (Double.isNaN(p)) {
                throw new IllegalArgumentException("a prediction is NaN");
            }
        }
    }
}
