package io.fidelis.app.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries from the server: a POST of the JSON payload with {@code Fidelis-Event},
 * {@code Fidelis-Delivery} (the event id, for the receiver to drop duplicates) and {@code Fidelis-Signature}. A 2xx
 * answer delivers it; anything else (another status, a timeout, a refused connection) tries again after an
 * exponential backoff ({@code backoff} × 2^(attempt − 1), at most a day), and after {@code max-attempts} the delivery
 * is dead and waits in the dead-letter list.
 */
@Component
@ConditionalOnWebApplication
class WebhookDispatcher {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private final JdbcClient jdbc;
    private final HttpClient http;
    private final Duration backoff;
    private final int maxAttempts;
    private final Duration timeout;
    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;
    private final Clock clock = Clock.systemUTC();

    WebhookDispatcher(JdbcClient jdbc, MeterRegistry meters,
                      @Value("${fidelis.webhooks.backoff:PT30S}") Duration backoff,
                      @Value("${fidelis.webhooks.max-attempts:8}") int maxAttempts,
                      @Value("${fidelis.webhooks.timeout:PT10S}") Duration timeout) {
        this.jdbc = jdbc;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.delivered = Counter.builder("fidelis.webhooks.deliveries").tag("outcome", "delivered").register(meters);
        this.failed = Counter.builder("fidelis.webhooks.deliveries").tag("outcome", "failed").register(meters);
        this.dead = Counter.builder("fidelis.webhooks.deliveries").tag("outcome", "dead").register(meters);
    }

    private record Due(long id, String url, String secret, String eventId, String type, String payload, int attempts) {
    }

    @Scheduled(fixedDelayString = "${fidelis.webhooks.poll:PT5S}", initialDelayString = "${fidelis.webhooks.poll:PT5S}")
    void sendDue() {
        List<Due> due = jdbc.sql("select d.id, w.url, w.secret, d.event_id, d.event_type, d.payload, d.attempts from"
                        + " webhook_delivery d join webhook w on w.id = d.webhook_id where d.status = 'PENDING' and"
                        + " w.active and d.next_attempt_at <= ? order by d.next_attempt_at, d.id limit 100")
                .param(OffsetDateTime.now(clock))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)))
                .list();
        for (Due d : due) {
            send(d);
        }
    }

    private void send(Due d) {
        Integer status = null;
        String error = null;
        try {
            long t = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Fidelis-Webhooks/1")
                    .header("Fidelis-Event", d.type())
                    .header("Fidelis-Delivery", d.eventId())
                    .header("Fidelis-Signature", WebhookSignature.header(d.secret(), t, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                jdbc.sql("update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, last_status = ?,"
                                + " last_error = null, delivered_at = ? where id = ? and status = 'PENDING'")
                        .params(status, OffsetDateTime.now(clock), d.id()).update();
                delivered.increment();
                return;
            }
            error = "answered " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        int attempts = d.attempts() + 1;
        boolean giveUp = attempts >= maxAttempts;
        long factor = 1L << Math.min(20, attempts - 1);
        Duration wait = backoff.multipliedBy(factor);
        if (wait.compareTo(Duration.ofDays(1)) > 0) {
            wait = Duration.ofDays(1);
        }
        jdbc.sql("update webhook_delivery set status = ?, attempts = ?, last_status = ?, last_error = ?,"
                        + " next_attempt_at = ? where id = ? and status = 'PENDING'")
                .params(giveUp ? "DEAD" : "PENDING", attempts, status, error.length() > 500 ? error.substring(0, 500)
                        : error, OffsetDateTime.now(clock).plus(wait), d.id())
                .update();
        (giveUp ? dead : failed).increment();
        log.warn("Webhook delivery {} ({}) to {}: {}{}", d.id(), d.type(), d.url(), error,
                giveUp ? "; given up after " + attempts + " attempts" : "; retrying in " + wait);
    }

    static OffsetDateTime utc(java.time.Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
