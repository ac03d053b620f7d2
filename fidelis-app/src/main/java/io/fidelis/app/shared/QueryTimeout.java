package io.fidelis.app.shared;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The longest any single query may run ({@code fidelis.query-timeout}, 120 s by default), set once on each pooled
 * connection as it is opened ({@code SET QUERY_TIMEOUT} on H2, {@code SET statement_timeout} on PostgreSQL), so
 * that one runaway search or lock wait cannot hold a connection for good.
 * <p>
 * Not per statement, as {@code spring.jdbc.template.query-timeout} would set it: H2 runs that as a {@code SET}
 * command before every statement, and every {@code SET} empties every connection's cache of parsed statements, so
 * H2 parsed and planned most statements again (a sixth of its time under load).
 */
public final class QueryTimeout implements BeanPostProcessor {
    private final Duration timeout;

    QueryTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Reads {@code fidelis.query-timeout} (a duration such as {@code 120s}; 0 for none). */
    public static QueryTimeout from(Environment environment) {
        return new QueryTimeout(Binder.get(environment).bind("fidelis.query-timeout", Duration.class)
                .orElse(Duration.ofSeconds(120)));
    }

    /**
     * The statement that gives a new connection to this database the timeout; empty for a database Fidelis does
     * not run on, or when the timeout is zero (none).
     */
    public static Optional<String> initSql(String jdbcUrl, Duration timeout) {
        long ms = timeout.toMillis();
        if (ms <= 0 || jdbcUrl == null) {
            return Optional.empty();
        }
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return Optional.of("SET QUERY_TIMEOUT " + ms);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of("SET statement_timeout = " + ms);
        }
        return Optional.empty();
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getConnectionInitSql() == null) {
            initSql(pool.getJdbcUrl(), timeout).ifPresent(pool::setConnectionInitSql);
        }
        return bean;
    }
}
