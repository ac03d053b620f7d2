package io.fidelis.core.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.fidelis.core.suggestion.ImprovementPriority.Item;
import io.fidelis.core.suggestion.ImprovementPriority.Options;
import io.fidelis.core.suggestion.ImprovementPriority.Ranked;
import org.junit.jupiter.api.Test;

class ImprovementPriorityTest {
    @Test
    void theScoreIsTheWeightedSumOfComponentsScaledToTheLargest() {
        // A: CLV 1000, 2 customers, 3 suggestions (recurrence 2.25), 4 complaints.
        // B: CLV 250, 4 customers, 4 suggestions (recurrence 4), 0 complaints.
        List<Ranked> r = ImprovementPriority.rank(List.of(new Item(1, 1000, 2, 3, 4), new Item(2, 250, 4, 4, 0)),
                Options.defaults());
        Ranked a = r.stream().filter(x -> x.item().id() == 1).findFirst().orElseThrow();
        Ranked b = r.stream().filter(x -> x.item().id() == 2).findFirst().orElseThrow();
        // A: 100 × (0.5 × 1 + 0.3 × 2.25 / 4 + 0.2 × 1) = 86.875; B: 100 × (0.5 × 0.25 + 0.3 × 1 + 0) = 42.5.
        assertThat(a.score()).isCloseTo(86.875, within(1e-9));
        assertThat(b.score()).isCloseTo(42.5, within(1e-9));
        assertThat(a.recurrence()).isCloseTo(0.5625, within(1e-12));
        assertThat(b.value()).isCloseTo(0.25, within(1e-12));
        assertThat(r).extracting(x -> x.item().id()).containsExactly(1L, 2L);
    }

    @Test
    void nothingKnownScoresZeroAndTiesGoByIdAndWeightsMustSumToOne() {
        List<Ranked> r = ImprovementPriority.rank(List.of(new Item(9, 0, 0, 0, 0), new Item(3, 0, 0, 0, 0)),
                Options.defaults());
        assertThat(r).extracting(Ranked::score).containsExactly(0.0, 0.0);
        assertThat(r).extracting(x -> x.item().id()).containsExactly(3L, 9L);
        assertThat(ImprovementPriority.rank(List.of(), Options.defaults())).isEmpty();
        assertThatThrownBy(() -> new Options(0.5, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
