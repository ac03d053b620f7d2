package io.fidelis.app.audit;

/**
 * A change to audited data (customers, purchases, users; later complaints). Capabilities publish it within the
 * changing transaction; {@code oldValue} and {@code newValue} are JSON, {@code null} for a creation or deletion.
 */
public record AuditableChange(String actor, String entityType, String entityId, String action, String oldValue,
                              String newValue) {
}
