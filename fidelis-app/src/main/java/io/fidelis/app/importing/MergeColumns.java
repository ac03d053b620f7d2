package io.fidelis.app.importing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a MERGE that touches only the columns a file has: a customers file without an e-mail column leaves stored
 * e-mail addresses alone, while an empty value in a present column clears it.
 */
final class MergeColumns {

    /** A target column fed from the file field {@code field} by the source expression {@code source}. */
    record Column(String field, String target, String source, String defaultOnInsert) {
        static Column of(String field, String target) {
            return new Column(field, target, "x." + target, null);
        }
    }

    private MergeColumns() {
    }

    static List<Column> presentOnly(List<Column> columns, Set<String> present) {
        return columns.stream().filter(c -> present.contains(c.field())).toList();
    }

    /** {@code a is not distinct from x.a and ...}, or {@code true} when there are none. */
    static String same(String alias, List<Column> columns) {
        if (columns.isEmpty()) {
            return "1 = 1";
        }
        return columns.stream().map(c -> alias + "." + c.target() + " is not distinct from " + valueOf(c))
                .collect(Collectors.joining(" and "));
    }

    static String setClause(List<Column> columns) {
        return columns.stream().map(c -> c.target() + " = " + valueOf(c)).collect(Collectors.joining(", "));
    }

    static String valueOf(Column c) {
        return c.defaultOnInsert() == null ? c.source() : "coalesce(" + c.source() + ", " + c.defaultOnInsert() + ")";
    }

    static String insertTargets(List<Column> columns) {
        return columns.stream().map(Column::target).collect(Collectors.joining(", "));
    }

    static String insertValues(List<Column> columns) {
        return columns.stream().map(MergeColumns::valueOf).collect(Collectors.joining(", "));
    }
}
