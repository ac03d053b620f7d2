package io.fidelis.app.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.csv.RowError;

/**
 * Rows whose key already appeared earlier in the same file: the later ones are refused. Index lookups on the key,
 * not GROUP BY, which H2 evaluates in memory.
 */
final class Duplicates {
    private Duplicates() {
    }

    static List<RowError> find(Connection c, String stage, String keyColumn, String field, String fileName)
            throws SQLException {
        List<RowError> errors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.file_line, a." + keyColumn + ", (select min(f.file_line)"
                + " from " + stage + " f where f." + keyColumn + " = a." + keyColumn + ") from " + stage + " a"
                + " where exists (select 1 from " + stage + " b where b." + keyColumn + " = a." + keyColumn
                + " and b.file_line < a.file_line) order by a.file_line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(new RowError(fileName, rs.getLong(1), field, "'" + rs.getString(2)
                        + "' already appears on line " + rs.getLong(3)));
            }
        }
        return errors;
    }
}
