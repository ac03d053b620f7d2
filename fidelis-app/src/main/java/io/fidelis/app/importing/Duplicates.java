package io.fidelis.app.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.csv.RowError;

/** Rows whose key already appeared earlier in the same file: the later ones are refused. */
final class Duplicates {
    private Duplicates() {
    }

    static List<RowError> find(Connection c, String stage, String keyColumn, String field, String fileName)
            throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + keyColumn + " from " + stage + " group by "
                + keyColumn + " having count(*) > 1 order by " + keyColumn);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        List<RowError> errors = new ArrayList<>();
        for (String key : keys) {
            try (PreparedStatement ps = c.prepareStatement("select file_line from " + stage + " where " + keyColumn
                    + " = ? order by file_line")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    long first = -1;
                    while (rs.next()) {
                        if (first < 0) {
                            first = rs.getLong(1);
                        } else {
                            errors.add(new RowError(fileName, rs.getLong(1), field, "'" + key
                                    + "' already appears on line " + first));
                        }
                    }
                }
            }
        }
        return errors;
    }
}
