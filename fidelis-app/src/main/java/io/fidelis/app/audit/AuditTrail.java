package io.fidelis.app.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The append-only audit log: who changed what and when, with the old and new values. It listens to
 * {@link AuditableChange} events inside the changing transaction, so a change and its audit entry commit together.
 */
@Service
public class AuditTrail {
    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(AuditableChange change) {
        jdbc.sql("insert into audit_event (occurred_at, actor, entity_type, entity_id, action, old_value, new_value)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), change.actor(), change.entityType(), change.entityId(),
                        change.action(), change.oldValue(), change.newValue())
                .update();
    }
}
