package io.fidelis.app.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outbound webhooks set up by administrators: an HTTPS (or HTTP) endpoint, the events it wants, and a secret shown
 * once with which every request is signed ({@link WebhookSignature}). Deliveries that keep failing end in the
 * dead-letter list, from which they can be sent again. Changes are audited.
 */
@Service
public class Webhooks {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    Webhooks(JdbcClient jdbc, CurrentStaff current, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.current = current;
        this.events = events;
    }

    /** A webhook as administrators see it (never its secret). */
    public record Webhook(long id, String url, Set<String> events, boolean active, Instant createdAt,
                          String createdBy, long delivered, long pending, long dead) {
    }

    /** A delivery as the list shows it. */
    public record Delivery(long id, long webhookId, String url, String eventId, String eventType, String status,
                           int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError,
                           Instant createdAt, Instant deliveredAt) {
    }

    /** A new webhook and its secret (shown once). */
    public record Created(long id, String secret) {
    }

    @Transactional
    public Created create(String url, List<String> eventTypes) {
        String u = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new BusinessRuleException("url", "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || u.length() > 2000
                || uri.getUserInfo() != null) {
            throw new BusinessRuleException("url", "an http:// or https:// address without a user name, such as"
                    + " https://example.com/fidelis-hook");
        }
        Set<String> chosen = new TreeSet<>();
        for (String t : eventTypes == null ? List.<String>of() : eventTypes) {
            chosen.add(WebhookEvent.ofType(t).orElseThrow(() -> new BusinessRuleException("events", "no event "
                    + t)).type());
        }
        if (chosen.isEmpty()) {
            throw new BusinessRuleException("events", "choose at least one event");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into webhook (url, events, secret, active, created_at, created_by) values (?, ?, ?, true, ?,"
                + " ?)").params(u, String.join(",", chosen), secret, OffsetDateTime.now(clock), current.actor())
                .update();
        long id = jdbc.sql("select max(id) from webhook where url = ? and secret = ?").params(u, secret)
                .query(Long.class).single();
        events.publishEvent(new AuditableChange(current.actor(), "webhook", Long.toString(id), "create", null,
                AuditableChange.json("url", u, "events", chosen)));
        return new Created(id, secret);
    }

    /** Stops a webhook: no new deliveries; pending ones are not sent. */
    @Transactional
    public void deactivate(long id) {
        if (jdbc.sql("update webhook set active = false where id = ? and active").param(id).update() == 0) {
            throw new NotFoundException("no active webhook " + id);
        }
        events.publishEvent(new AuditableChange(current.actor(), "webhook", Long.toString(id), "deactivate", null,
                null));
    }

    @Transactional(readOnly = true)
    public List<Webhook> list() {
        return jdbc.sql("select w.id, w.url, w.events, w.active, w.created_at, w.created_by,"
                        + " (select count(*) from webhook_delivery d where d.webhook_id = w.id and d.status = 'DELIVERED'),"
                        + " (select count(*) from webhook_delivery d where d.webhook_id = w.id and d.status = 'PENDING'),"
                        + " (select count(*) from webhook_delivery d where d.webhook_id = w.id and d.status = 'DEAD')"
                        + " from webhook w order by w.id")
                .query((rs, n) -> new Webhook(rs.getLong(1), rs.getString(2), new TreeSet<>(List.of(rs.getString(3)
                        .split(","))), rs.getBoolean(4), rs.getTimestamp(5).toInstant(), rs.getString(6),
                        rs.getLong(7), rs.getLong(8), rs.getLong(9)))
                .list();
    }

    /** The latest deliveries with a status (DEAD: the dead-letter list), newest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Delivery> deliveries(String status, int limit) {
        List<Object> params = new ArrayList<>();
        String where = "";
        if (status != null) {
            where = " where d.status = ?";
            params.add(status);
        }
        params.add(Math.max(1, Math.min(limit, 500)));
        return jdbc.sql("select d.id, d.webhook_id, w.url, d.event_id, d.event_type, d.status, d.attempts,"
                        + " d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.delivered_at from"
                        + " webhook_delivery d join webhook w on w.id = d.webhook_id" + where
                        + " order by d.id desc limit ?")
                .params(params)
                .query((rs, n) -> {
                    java.sql.Timestamp delivered = rs.getTimestamp(12);
                    int last = rs.getInt(9);
                    return new Delivery(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                            rs.wasNull() ? null : last, rs.getString(10), rs.getTimestamp(11).toInstant(),
                            delivered == null ? null : delivered.toInstant());
                })
                .list();
    }

    /** Sends a dead delivery again (its attempts start over); audited. */
    @Transactional
    public void retry(long deliveryId) {
        if (jdbc.sql("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ? where id = ?"
                + " and status = 'DEAD'").params(OffsetDateTime.now(clock), deliveryId).update() == 0) {
            throw new BusinessRuleException("delivery", "delivery " + deliveryId + " is not in the dead-letter list");
        }
        events.publishEvent(new AuditableChange(current.actor(), "webhook-delivery", Long.toString(deliveryId),
                "retry", null, null));
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
