package io.fidelis.app.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.fidelis.app.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query timeout as each pooled connection gets it, on a real H2 and a real PostgreSQL: a query that runs
 * longer is cancelled (SQLSTATE 57014 on both), a quick one is not, and the setting survives the statements that
 * follow (it is set once per connection, not per statement).
 */
class QueryTimeoutIT {

    @Test
    void h2CancelsAQueryThatRunsTooLong() throws SQLException {
        try (HikariDataSource pool = pool("jdbc:h2:mem:query-timeout-" + System.nanoTime(), "sa", "")) {
            assertThat(pool.getConnectionInitSql()).isEqualTo("SET QUERY_TIMEOUT 1000");
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                assertThat(single(st, "select setting_value from information_schema.settings"
                        + " where setting_name = 'QUERY_TIMEOUT'")).isEqualTo("1000");
                assertThat(single(st, "select count(*) from system_range(1, 1000)")).isEqualTo("1000");
                assertThatThrownBy(() -> single(st, "select count(*) from system_range(1, 5000000000)"
                        + " a, system_range(1, 1000) b"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            }
        }
    }

    @Test
    void postgresqlCancelsAQueryThatRunsTooLong() throws SQLException {
        try (HikariDataSource pool = pool(EmbeddedPostgresSupport.newDatabaseUrl(), "postgres", "postgres")) {
            assertThat(pool.getConnectionInitSql()).isEqualTo("SET statement_timeout = 1000");
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                assertThat(single(st, "select setting from pg_settings where name = 'statement_timeout'"))
                        .isEqualTo("1000");
                assertThat(single(st, "select count(*) from pg_sleep(0.01)")).isEqualTo("1");
                assertThatThrownBy(() -> single(st, "select count(*) from pg_sleep(10)"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            }
        }
    }

    @Test
    void noTimeoutAndUnknownDatabasesGetNoStatement() {
        assertThat(QueryTimeout.initSql("jdbc:h2:mem:x", Duration.ZERO)).isEmpty();
        assertThat(QueryTimeout.initSql("jdbc:mysql://localhost/x", Duration.ofSeconds(5))).isEmpty();
        assertThat(QueryTimeout.initSql("jdbc:postgresql://db/fidelis", Duration.ofMinutes(2)))
                .contains("SET statement_timeout = 120000");
        // A pool that already has its own statement keeps it.
        try (HikariDataSource own = new HikariDataSource()) {
            own.setJdbcUrl("jdbc:h2:mem:own");
            own.setConnectionInitSql("SET QUERY_TIMEOUT 5");
            new QueryTimeout(Duration.ofSeconds(1)).postProcessBeforeInitialization(own, "dataSource");
            assertThat(own.getConnectionInitSql()).isEqualTo("SET QUERY_TIMEOUT 5");
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(1);
        return (HikariDataSource) new QueryTimeout(Duration.ofSeconds(1)).postProcessBeforeInitialization(pool,
                "dataSource");
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
