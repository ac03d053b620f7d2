package io.fidelis.app.audit;

/**
 * A change to audited data (customers, purchases, users; later complaints). Capabilities publish it within the
 * changing transaction; {@code oldValue} and {@code newValue} are JSON, {@code null} for a creation or deletion.
 */
public record AuditableChange(String actor, String entityType, String entityId, String action, String oldValue,
                              String newValue) {
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /** A value for {@code oldValue} or {@code newValue}: the given fields as a JSON object, in their order. */
    public static String json(Object... keysAndValues) {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return JSON.writeValueAsString(fields);
    }
}
