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

    /** Entries matching the query, newest first. */
    public java.util.List<AuditEntry> search(AuditQuery q) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        java.util.List<Object> params = new java.util.ArrayList<>();
        if (q.actor() != null && !q.actor().isBlank()) {
            where.append(" and actor = ?");
            params.add(q.actor().strip());
        }
        if (q.entityType() != null && !q.entityType().isBlank()) {
            where.append(" and entity_type = ?");
            params.add(q.entityType().strip());
        }
        if (q.entityId() != null && !q.entityId().isBlank()) {
            where.append(" and entity_id = ?");
            params.add(q.entityId().strip());
        }
        if (q.from() != null) {
            where.append(" and occurred_at >= ?");
            params.add(q.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
            where.append(" and occurred_at < ?");
            params.add(q.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (q.before() != null) {
            where.append(" and id < ?");
            params.add(q.before());
        }
        params.add(q.size());
        return jdbc.sql("select id, occurred_at, actor, entity_type, entity_id, action, old_value, new_value"
                        + " from audit_event" + where + " order by id desc limit ?")
                .params(params)
                .query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)))
                .list();
    }

    /** The kinds of audited entities, for the search form. */
    public java.util.List<String> entityTypes() {
        return jdbc.sql("select distinct entity_type from audit_event order by entity_type").query(String.class).list();
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
