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

    /**
     * Runs {@code query} for the distinct values (in their first order), at most {@link #SIZE} at a time, each
     * chunk's list padded to 1, 4, 16, 64, 256 or {@link #SIZE} entries by repeating its last value. A value is in
     * one chunk only, so a query that keeps each value's last row still sees all of that value's rows. For
     * {@code in (...)} lists that are run often with few values (rescoring the customers who just bought): a
     * handful of statement texts instead of one per length, so that the database's cache of parsed statements
     * serves them. Repeating a value does not change an
     * {@code in} list's result. Not at all for no values.
     */
    public static void eachPadded(java.util.Collection<?> all, Query query) {
        List<?> values = List.copyOf(new java.util.LinkedHashSet<>(all));
        for (int from = 0; from < values.size(); from += SIZE) {
            List<Object> chunk = new ArrayList<>(values.subList(from, Math.min(values.size(), from + SIZE)));
            int size = paddedSize(chunk.size());
            Object last = chunk.get(chunk.size() - 1);
            while (chunk.size() < size) {
                chunk.add(last);
            }
            query.run(String.join(", ", Collections.nCopies(size, "?")), chunk);
        }
    }

    /** The length a chunk of {@code n} values (1 to {@link #SIZE}) is padded to. */
    static int paddedSize(int n) {
        int size = 1;
        while (size < n) {
            size *= 4;
        }
        return Math.min(size, SIZE);
    }

    /** Runs {@code query} for the values in order, at most {@code size} at a time; not at all for none. */
    public static void each(List<?> values, int size, Query query) {
        for (int from = 0; from < values.size(); from += size) {
            List<?> chunk = values.subList(from, Math.min(values.size(), from + size));
            query.run(String.join(", ", Collections.nCopies(chunk.size(), "?")), new ArrayList<>(chunk));
        }
    }
}
