package io.fidelis.core.churn;

import java.util.SplittableRandom;

/** Stratified k-fold assignment: each class shuffled with the seed and dealt round-robin to the folds. */
final class Folds {
    private Folds() {
    }

    /**
     * @return the fold (0 … k − 1) of each row; every fold has ⌊m/k⌋ or ⌈m/k⌉ of each class's m rows
     * @throws ChurnDataException when a class has fewer than k rows
     */
    static int[] stratified(boolean[] positive, int k, long seed) {
        int n = positive.length;
        int pos = 0;
        for (boolean b : positive) {
            pos += b ? 1 : 0;
        }
        if (pos < k || n - pos < k) {
            throw new ChurnDataException(k + "-fold cross-validation needs at least " + k + " customers of each"
                    + " outcome; there are " + pos + " positive and " + (n - pos) + " negative");
        }
        int[] fold = new int[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (boolean cls : new boolean[] {true, false}) {
            int[] members = new int[cls ? pos : n - pos];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (positive[i] == cls) {
                    members[m++] = i;
                }
            }
            for (int i = members.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
            }
            for (int i = 0; i < members.length; i++) {
                fold[members[i]] = i % k;
            }
        }
        return fold;
    }
}
