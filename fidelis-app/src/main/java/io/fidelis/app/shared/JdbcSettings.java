package io.fidelis.app.shared;

import java.sql.Statement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The application's {@link JdbcTemplate} (and so its {@code JdbcClient}), set up from {@code spring.jdbc.template.*}
 * as Spring Boot would, but giving a statement the query timeout only when its connection does not have it already.
 * <p>
 * Why: H2 runs {@code Statement.setQueryTimeout} as a {@code SET QUERY_TIMEOUT} command, and every {@code SET}
 * empties every connection's cache of parsed statements ({@code org.h2.command.dml.Set.update} bumps the meta-data
 * id that {@code SessionLocal.prepareLocal} checks). Set before every statement, the timeout had H2 parse and plan
 * most statements again: a sixth of its time under load. H2 keeps the timeout per connection, so once is enough;
 * PostgreSQL's driver keeps it per statement, and gets it on each as before.
 */
@Configuration(proxyBeanMethods = false)
class JdbcSettings {

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource, JdbcProperties properties,
                              ObjectProvider<SQLExceptionTranslator> translator) {
        JdbcTemplate template = new TimeoutOnceTemplate(dataSource);
        JdbcProperties.Template t = properties.getTemplate();
        template.setIgnoreWarnings(t.isIgnoreWarnings());
        template.setFetchSize(t.getFetchSize());
        template.setMaxRows(t.getMaxRows());
        if (t.getQueryTimeout() != null) {
            template.setQueryTimeout((int) t.getQueryTimeout().getSeconds());
        }
        template.setSkipResultsProcessing(t.isSkipResultsProcessing());
        template.setSkipUndeclaredResults(t.isSkipUndeclaredResults());
        template.setResultsMapCaseInsensitive(t.isResultsMapCaseInsensitive());
        translator.ifUnique(template::setExceptionTranslator);
        return template;
    }

    /** A JdbcTemplate that does not set a statement's query timeout again when the statement has it already. */
    static final class TimeoutOnceTemplate extends JdbcTemplate {
        TimeoutOnceTemplate(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void applyStatementSettings(Statement stmt) throws SQLException {
            int timeout = getQueryTimeout();
            boolean transactionTimeout = TransactionSynchronizationManager.getResource(obtainDataSource())
                    instanceof ConnectionHolder holder && holder.hasTimeout();
            if (timeout <= 0 || transactionTimeout || stmt.getQueryTimeout() != timeout) {
                super.applyStatementSettings(stmt);
                return;
            }
            // The same as the superclass, without the redundant setQueryTimeout.
            if (getFetchSize() != -1) {
                stmt.setFetchSize(getFetchSize());
            }
            if (getMaxRows() != -1) {
                stmt.setMaxRows(getMaxRows());
            }
        }
    }
}
