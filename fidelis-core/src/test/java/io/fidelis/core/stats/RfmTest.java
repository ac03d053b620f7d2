package io.fidelis.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFM quintile scores and the named segments of the R×F grid. */
class RfmTest {
    @Test
    void quintileScoresRewardRecentFrequentHighSpenders() {
        List<Rfm.Input> in = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            in.add(new Rfm.Input("c" + i, i, 11 - i, 100.0 * (11 - i)));
        }
        List<Rfm.Score> s = Rfm.score(in);
        // c1 bought yesterday, most often, most: 555; c10 is the opposite: 111. Two customers per quintile.
        assertThat(s.get(0).code()).isEqualTo("555");
        assertThat(s.get(1).code()).isEqualTo("555");
        assertThat(s.get(2).code()).isEqualTo("444");
        assertThat(s.get(9).code()).isEqualTo("111");
        assertThat(s.get(0).segment()).isEqualTo(Rfm.Segment.CHAMPIONS);
        assertThat(s.get(9).segment()).isEqualTo(Rfm.Segment.LOST);
    }

    @Test
    void tiesShareAScore() {
        List<Rfm.Input> in = List.of(new Rfm.Input("a", 5, 1, 10), new Rfm.Input("b", 5, 1, 10),
                new Rfm.Input("c", 5, 1, 10), new Rfm.Input("d", 1, 9, 99), new Rfm.Input("e", 1, 9, 99));
        List<Rfm.Score> s = Rfm.score(in);
        assertThat(s.get(0).recency()).isEqualTo(s.get(1).recency()).isEqualTo(s.get(2).recency()).isEqualTo(1);
        assertThat(s.get(3).recency()).isEqualTo(s.get(4).recency()).isEqualTo(4);
    }

    @Test
    void segmentsOfTheGrid() {
        assertThat(Rfm.Segment.of(5, 1)).isEqualTo(Rfm.Segment.NEW);
        assertThat(Rfm.Segment.of(4, 2)).isEqualTo(Rfm.Segment.POTENTIAL_LOYALIST);
        assertThat(Rfm.Segment.of(3, 4)).isEqualTo(Rfm.Segment.LOYAL);
        assertThat(Rfm.Segment.of(3, 1)).isEqualTo(Rfm.Segment.PROMISING);
        assertThat(Rfm.Segment.of(3, 2)).isEqualTo(Rfm.Segment.NEEDS_ATTENTION);
        assertThat(Rfm.Segment.of(2, 1)).isEqualTo(Rfm.Segment.ABOUT_TO_SLEEP);
        assertThat(Rfm.Segment.of(2, 4)).isEqualTo(Rfm.Segment.AT_RISK);
        assertThat(Rfm.Segment.of(1, 5)).isEqualTo(Rfm.Segment.CANNOT_LOSE);
        assertThat(Rfm.Segment.of(1, 2)).isEqualTo(Rfm.Segment.HIBERNATING);
        assertThat(Rfm.Segment.of(1, 1)).isEqualTo(Rfm.Segment.LOST);
        // Every cell of the grid has a segment.
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                assertThat(Rfm.Segment.of(r, f)).isNotNull();
            }
        }
    }
}
