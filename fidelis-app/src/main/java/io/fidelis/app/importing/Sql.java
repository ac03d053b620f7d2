package io.fidelis.app.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Small JDBC helpers for the set-based import statements. */
final class Sql {
    private Sql() {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Sql.class);

    static long update(Connection c, String sql, Object... params) throws SQLException {
        long t = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            long n = ps.executeLargeUpdate();
            log.debug("{} ms, {} rows: {}", (System.nanoTime() - t) / 1_000_000, n, sql);
            return n;
        }
    }

    static long count(Connection c, String sql, Object... params) throws SQLException {
        long t = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                log.debug("{} ms: {}", (System.nanoTime() - t) / 1_000_000, sql);
                return rs.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(java.time.ZoneOffset.UTC);
    }
}
