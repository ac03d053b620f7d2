package io.fidelis.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import io.fidelis.core.churn.ChurnMetrics;
import org.junit.jupiter.api.Test;

/** The benchmark's generated subscribers: the same table for a seed, 30 features, a plausible churn rate. */
class DemoSubscribersTest {
    @Test
    void theSameSeedGivesTheSameTableAndAnotherSeedAnother() {
        DemoSubscribers.Sample a = DemoSubscribers.generate(2000, 42, 1);
        DemoSubscribers.Sample b = DemoSubscribers.generate(2000, 42, 1);
        DemoSubscribers.Sample c = DemoSubscribers.generate(2000, 43, 1);
        assertThat(a.data().names()).hasSize(32).startsWith("id").endsWith("churned");
        assertThat(DemoSubscribers.features()).hasSize(30);
        boolean differs = false;
        for (int i = 0; i < 2000; i++) {
            for (String name : a.data().names()) {
                assertThat(a.data().value(i, name)).isEqualTo(b.data().value(i, name));
                differs |= !a.data().value(i, name).equals(c.data().value(i, name));
            }
        }
        assertThat(differs).isTrue();
        assertThat(a.probability()).containsExactly(b.probability());
    }

    @Test
    void churnFollowsThePlantedProbabilities() {
        DemoSubscribers.Sample s = DemoSubscribers.generate(20_000, 7, 1);
        boolean[] churned = new boolean[20_000];
        IntStream.range(0, churned.length).forEach(i -> churned[i] = s.data().value(i, "churned").equals("Yes"));
        long count = IntStream.range(0, churned.length).filter(i -> churned[i]).count();
        assertThat(count / 20_000.0).isBetween(0.25, 0.33);
        double meanProbability = java.util.Arrays.stream(s.probability()).average().orElseThrow();
        assertThat(meanProbability).isCloseTo(count / 20_000.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(ChurnMetrics.rocAuc(churned, s.probability())).isBetween(0.8, 0.9);
        // about 35 % of subscribers have no NPS answer, a missing value the model replaces by the median
        long blankNps = IntStream.range(0, 20_000).filter(i -> s.data().value(i, "nps").isEmpty()).count();
        assertThat(blankNps / 20_000.0).isBetween(0.32, 0.38);
    }
}
