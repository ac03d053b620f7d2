package io.fidelis.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Scoring one customer at a time against the four boundary values gives each customer the score {@link Rfm#score}
 * gives them among all: checked on random data with many ties, for every population size from 1 to 60 and a large one.
 */
class RfmQuintileBoundariesTest {

    @Test
    void scoresEqualTheWholePopulationScores() {
        Random rnd = new Random(11);
        List<Integer> sizes = new ArrayList<>();
        for (int n = 1; n <= 60; n++) {
            sizes.add(n);
        }
        sizes.add(10_007);
        for (int n : sizes) {
            List<Rfm.Input> inputs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Few distinct recencies and frequencies (ties), continuous money with some zeros.
                inputs.add(new Rfm.Input("c" + i, rnd.nextInt(12) * 7.0, 1 + rnd.nextInt(6),
                        rnd.nextInt(5) == 0 ? 0 : Math.round(rnd.nextDouble() * 10_000) / 100.0));
            }
            List<Rfm.Score> whole = Rfm.score(inputs);
            long[] positions = Rfm.quintileBoundaryPositions(n);
            double[] r = boundaries(inputs.stream().mapToDouble(c -> -c.recencyDays()).toArray(), positions);
            double[] f = boundaries(inputs.stream().mapToDouble(Rfm.Input::frequency).toArray(), positions);
            double[] m = boundaries(inputs.stream().mapToDouble(Rfm.Input::monetary).toArray(), positions);
            for (int i = 0; i < n; i++) {
                Rfm.Input c = inputs.get(i);
                assertThat(Rfm.quintileScore(-c.recencyDays(), r)).as("recency n=%d i=%d", n, i)
                        .isEqualTo(whole.get(i).recency());
                assertThat(Rfm.quintileScore(c.frequency(), f)).isEqualTo(whole.get(i).frequency());
                assertThat(Rfm.quintileScore(c.monetary(), m)).isEqualTo(whole.get(i).monetary());
            }
        }
    }

    private static double[] boundaries(double[] values, long[] positions) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[positions.length];
        for (int k = 0; k < positions.length; k++) {
            out[k] = sorted[(int) positions[k]];
        }
        return out;
    }
}
