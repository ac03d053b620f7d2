package io.fidelis.app.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the server answering when more requests arrive than it can: at most
 * {@code fidelis.limits.max-concurrent-requests} are in the server at once, and any other request is answered 503
 * with {@code Retry-After: 1} at once (a problem body for the API, a short page for people). Nothing of such a
 * request was carried out, so it can be sent again. Without this, a burst beyond the server's capacity left a queue
 * that the server, busy at capacity, never worked off: every later request waited until its caller gave up.
 * <p>
 * The actuator's endpoints are not limited, so that health probes and metrics answer while the server is busy.
 * Sits before everything else, so a request turned away costs no sign-in check and no database work. Metrics:
 * {@code fidelis.requests.active} and {@code fidelis.requests.turned.away}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OverloadGuard extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(OverloadGuard.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final AdmissionLimit limit;
    private final Counter turnedAway;
    private final AtomicLong turnedAwaySinceLog = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    OverloadGuard(@Value("${fidelis.limits.max-concurrent-requests:160}") int max,
                  @Value("${server.tomcat.threads.max:200}") int serverThreads, MeterRegistry meters) {
        this.limit = new AdmissionLimit(max);
        if (max >= serverThreads) {
            // Beyond the server's threads, requests queue unseen, and none is left to answer "busy".
            log.warn("fidelis.limits.max-concurrent-requests ({}) should stay below the server's threads"
                    + " (server.tomcat.threads.max, {})", max, serverThreads);
        }
        Gauge.builder("fidelis.requests.active", limit, AdmissionLimit::inside)
                .description("Requests in the server now (at most fidelis.limits.max-concurrent-requests)")
                .register(meters);
        this.turnedAway = Counter.builder("fidelis.requests.turned.away")
                .description("Requests answered 503 at once because the server was busy").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The servlet path, decoded and normalised: "/actuator/..;/api/..." is not an actuator path.
        return request.getServletPath().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!limit.tryEnter()) {
            turnedAway.increment();
            logNow();
            Unavailable.write(request, response, 1, "the server is busy; the request was not carried out;"
                    + " try again in a moment", "Busy", "The server is busy right now, so nothing was saved. Please"
                    + " try again in a moment.", "服务器繁忙，本次操作未保存。请稍后重试。");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            limit.exit();
        }
    }

    /** One warning every 10 s at most while requests are turned away, with how many. */
    private void logNow() {
        turnedAwaySinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
            log.warn("Busy: {} requests answered 503 since the last notice ({} in the server, the limit)",
                    turnedAwaySinceLog.getAndSet(0), limit.max());
        }
    }
}
