package io.fidelis.app.audit;

import java.time.LocalDate;

/**
 * A search of the audit log; each given criterion narrows it. Dates are inclusive, in UTC. Results come newest
 * first; {@code before} continues after the entry with that id (keyset pages).
 */
public record AuditQuery(String actor, String entityType, String entityId, LocalDate from, LocalDate to, Long before,
                         int size) {
    public AuditQuery {
        size = size <= 0 ? 50 : Math.min(size, 500);
    }
}
