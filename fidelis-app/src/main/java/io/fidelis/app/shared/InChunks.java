package io.fidelis.app.shared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A query for many values at once, {@code ... in (?, ?, ...)}, run a chunk of values at a time: the databases bound
 * the number of parameters of one statement, and a bounded list keeps each plan small.
 */
public final class InChunks {
    /** Values a query, the size used where nothing calls for another. */
    public static final int SIZE = 1000;

    private InChunks() {
    }

    /** One query for a chunk of values. */
    @FunctionalInterface
    public interface Query {
        /**
         * @param placeholders {@code ?, ?, ...}, one for each value, for the {@code in (...)} list
         * @param values       the chunk's values, as statement parameters
         */
        void run(String placeholders, List<Object> values);
    }

    /** Runs {@code query} for the values in order, at most {@code size} at a time; not at all for none. */
    public static void each(List<?> values, int size, Query query) {
        for (int from = 0; from < values.size(); from += size) {
            List<?> chunk = values.subList(from, Math.min(values.size(), from + size));
            query.run(String.join(", ", Collections.nCopies(chunk.size(), "?")), new ArrayList<>(chunk));
        }
    }
}
