package io.fidelis.core.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The encoding's fast paths against their plain definitions. */
class EncodingTest {
    @Test
    void theMedianBySelectionIsTheMiddleOfTheSortedValues() {
        Random random = new Random(3);
        for (int t = 0; t < 2000; t++) {
            int k = 1 + random.nextInt(60);
            double[] v = new double[k + random.nextInt(5)];
            int distinct = 1 + random.nextInt(8);
            for (int i = 0; i < v.length; i++) {
                v[i] = t % 2 == 0 ? random.nextInt(distinct) : random.nextGaussian();
            }
            double[] sorted = Arrays.copyOf(v, k);
            Arrays.sort(sorted);
            double expected = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
            assertThat(Encoding.median(v.clone(), k)).isEqualTo(expected);
        }
    }

    /** The column-wise design equals the row-wise {@link Encoding#raw} standardised, with unseen and missing cells. */
    @Test
    void theStandardisedDesignIsTheRawRowsStandardised() {
        Random random = new Random(8);
        List<String[]> rows = new ArrayList<>();
        String[] plans = {"basic", "plus", "pro", ""};
        for (int i = 0; i < 500; i++) {
            rows.add(new String[] {plans[random.nextInt(i < 400 ? 3 : 4)], random.nextInt(10) == 0 ? ""
                    : Integer.toString(random.nextInt(70)), String.format(java.util.Locale.ROOT, "%.2f",
                    random.nextGaussian() * 20 + 50), random.nextBoolean() ? "Yes" : "No"});
        }
        ChurnData data = ChurnData.of(List.of("plan", "tenure", "charge", "churned"), rows);
        ChurnModel.Prepared prepared = ChurnModel.prepare(data, ChurnModel.Options.defaults("churned"));
        // Learned on the first 400 rows, which have no blank plan: the blank plan of later rows is unseen.
        int[] train = new int[400];
        Arrays.setAll(train, i -> i);
        int[] all = new int[500];
        Arrays.setAll(all, i -> i);
        Encoding encoding = Encoding.learn(prepared.features(), train);
        assertThat(encoding.p).isEqualTo(4);
        double[][] x = encoding.standardised(prepared.features(), all);
        double[] raw = new double[encoding.p];
        int unseen = 0;
        for (int i = 0; i < 500; i++) {
            unseen += encoding.raw(prepared.features(), i, raw) & 1;
            for (int j = 0; j < encoding.p; j++) {
                assertThat(x[j][i]).isEqualTo((raw[j] - encoding.mean[j]) / encoding.sd[j]);
            }
        }
        assertThat(unseen).isPositive();
    }
}
