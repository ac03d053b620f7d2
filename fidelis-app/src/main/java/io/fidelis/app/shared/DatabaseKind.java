package io.fidelis.app.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The two databases Fidelis runs on. Where their SQL differs, code asks this. */
public enum DatabaseKind {
    H2, POSTGRESQL;

    public static DatabaseKind of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new SQLException("Fidelis runs on H2 or PostgreSQL 15+, not on " + product);
    }
}
