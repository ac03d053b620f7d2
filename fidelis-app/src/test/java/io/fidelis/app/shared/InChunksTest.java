package io.fidelis.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class InChunksTest {

    @Test
    void paddedListsComeInAHandfulOfLengths() {
        assertThat(InChunks.paddedSize(1)).isEqualTo(1);
        assertThat(InChunks.paddedSize(2)).isEqualTo(4);
        assertThat(InChunks.paddedSize(4)).isEqualTo(4);
        assertThat(InChunks.paddedSize(5)).isEqualTo(16);
        assertThat(InChunks.paddedSize(64)).isEqualTo(64);
        assertThat(InChunks.paddedSize(65)).isEqualTo(256);
        assertThat(InChunks.paddedSize(257)).isEqualTo(InChunks.SIZE);
        assertThat(InChunks.paddedSize(InChunks.SIZE)).isEqualTo(InChunks.SIZE);
        LinkedHashSet<Integer> lengths = new LinkedHashSet<>();
        for (int n = 1; n <= InChunks.SIZE; n++) {
            lengths.add(InChunks.paddedSize(n));
        }
        assertThat(lengths).containsExactly(1, 4, 16, 64, 256, InChunks.SIZE);
    }

    @Test
    void everyValueIsAskedForOnceInChunksPaddedWithTheirLastValue() {
        for (int n : new int[] {0, 1, 3, 17, 1000, 1001, 2500}) {
            List<Long> values = LongStream.rangeClosed(1, n).boxed().toList();
            List<Object> asked = new ArrayList<>();
            List<String> placeholders = new ArrayList<>();
            InChunks.eachPadded(values, (in, chunk) -> {
                placeholders.add(in);
                assertThat(in.split(", ")).hasSize(chunk.size());
                assertThat(chunk.size()).isEqualTo(InChunks.paddedSize(new LinkedHashSet<>(chunk).size()));
                // The padding repeats the chunk's last value.
                Object last = chunk.get(chunk.size() - 1);
                int firstOfLast = chunk.indexOf(last);
                assertThat(chunk.subList(firstOfLast, chunk.size())).allMatch(last::equals);
                asked.addAll(new LinkedHashSet<>(chunk));
            });
            assertThat(asked).as("%d values", n).isEqualTo(values);
            assertThat(placeholders).as("%d values", n).hasSize((n + InChunks.SIZE - 1) / InChunks.SIZE);
        }
    }
}
