package io.fidelis.app.web;

import java.io.IOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the database cannot be reached, every request that needs it is answered 503 with {@code Retry-After}: a
 * problem body for the API, a short page for people. Nothing was stored by such a request (its transaction never
 * began, or was not committed), so it can be sent again. Nothing needs restarting: the connection pool opens new
 * connections once the database is back. This filter sits before security, since signing in reads the database too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutage extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    static final int RETRY_AFTER_SECONDS = 10;

    /** Whether the failure is the database being out of reach (as opposed to a fault in a query). */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof java.net.ConnectException
                    || (t instanceof java.sql.SQLException s && s.getSQLState() != null
                    && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!isOutage(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
                    rootMessage(e));
            write(request, response);
        }
    }

    /** Writes the 503 answer (also used by security's sign-in failure when the database is out of reach). */
    public static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response);
    }

    static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Unavailable.write(request, response, RETRY_AFTER_SECONDS, "the database cannot be reached right now; the"
                + " request was not carried out; try again in a few seconds", "Briefly unavailable", "The database"
                + " cannot be reached right now, so nothing was saved. Please try again in a few seconds.",
                "数据库暂时无法连接，本次操作未保存。请几秒钟后重试。");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
