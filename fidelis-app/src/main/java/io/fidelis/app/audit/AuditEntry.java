package io.fidelis.app.audit;

import java.time.Instant;

/** One entry of the audit log. */
public record AuditEntry(long id, Instant occurredAt, String actor, String entityType, String entityId,
                         String action, String oldValue, String newValue) {
}
