package io.fidelis.app.shared;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.fidelis.app.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query timeout of the application's JdbcTemplate ({@link JdbcSettings}) on a real H2 and a real PostgreSQL: a
 * query that runs longer is cancelled (SQLSTATE 57014 on both) and a quick one is not; on H2, where the timeout is
 * a setting of the connection and setting it empties the connection's statement cache, it is set once per
 * connection, not before every statement.
 */
class QueryTimeoutIT {

    @Test
    void h2GetsTheTimeoutOncePerConnectionAndCancelsALongerQuery() {
        try (HikariDataSource pool = pool("jdbc:h2:mem:query-timeout-" + System.nanoTime(), "sa", "")) {
            AtomicInteger sets = new AtomicInteger();
            JdbcTemplate jdbc = template(counting(pool, sets));
            for (int i = 0; i < 20; i++) {
                assertThat(jdbc.queryForObject("select count(*) from system_range(1, ?)", Long.class, 100 + i))
                        .isEqualTo(100 + i);
            }
            assertThat(sets).as("setQueryTimeout calls over 20 statements on one connection").hasValue(1);
            assertThat(jdbc.queryForObject("select setting_value from information_schema.settings"
                    + " where setting_name = 'QUERY_TIMEOUT'", String.class)).isEqualTo("1000");
            assertThatThrownBy(() -> jdbc.queryForObject("select count(*) from system_range(1, 5000000000) a,"
                    + " system_range(1, 1000) b", Long.class))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("57014"));
        }
    }

    @Test
    void postgresqlCancelsALongerQuery() {
        try (HikariDataSource pool = pool(EmbeddedPostgresSupport.newDatabaseUrl(), "postgres", "postgres")) {
            JdbcTemplate jdbc = template(pool);
            assertThat(jdbc.queryForObject("select count(*) from pg_sleep(0.01)", Long.class)).isEqualTo(1);
            assertThatThrownBy(() -> jdbc.queryForObject("select count(*) from pg_sleep(10)", Long.class))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("57014"));
            // The next statement on the same connection gets its timeout too (the driver keeps it per statement).
            assertThat(jdbc.queryForObject("select count(*) from pg_sleep(0.01)", Long.class)).isEqualTo(1);
            assertThatThrownBy(() -> jdbc.queryForObject("select count(*) from pg_sleep(10)", Long.class))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("57014"));
        }
    }

    private static JdbcTemplate template(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcSettings.TimeoutOnceTemplate(dataSource);
        jdbc.setQueryTimeout(1);
        return jdbc;
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(1);
        return pool;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /** The real pool, with its statements' setQueryTimeout calls counted on the way through. */
    private static DataSource counting(DataSource real, AtomicInteger sets) {
        return new DelegatingDataSource(real) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                            Object result = invoke(method, c, args);
                            if (result instanceof Statement st) {
                                return statement(st, sets);
                            }
                            return result;
                        });
            }
        };
    }

    private static Object statement(Statement st, AtomicInteger sets) {
        java.util.Set<Class<?>> types = new java.util.LinkedHashSet<>();
        for (Class<?> k = st.getClass(); k != null; k = k.getSuperclass()) {
            types.addAll(java.util.List.of(k.getInterfaces()));
        }
        types.removeIf(k -> !Statement.class.isAssignableFrom(k));
        return Proxy.newProxyInstance(QueryTimeoutIT.class.getClassLoader(), types.toArray(new Class<?>[0]),
                (proxy, method, args) -> {
                    if (method.getName().equals("setQueryTimeout")) {
                        sets.incrementAndGet();
                    }
                    return invoke(method, st, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
