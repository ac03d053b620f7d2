package io.fidelis.app.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail's copies of an erased customer's data. The events about the customer's own records (the customer,
 * their complaints, contacts, follow-ups, lost cases, programme membership, orders) keep who did what and when, but
 * their before and after values are replaced; the customer's events move to the pseudonym; and any remaining copy of
 * the customer's personal values (four characters or more) in other events is replaced with {@code [erased]}.
 */
@Component
class AuditPersonalData implements PersonalData {
    static final String ERASED_VALUE = "{\"erased\":true}";
    private final JdbcClient jdbc;

    AuditPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "audit";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        return List.of();
    }

    @Override
    public int erase(long customerId, Erasure request) {
        int n = 0;
        for (Map.Entry<String, Collection<String>> e : request.audited().entrySet()) {
            for (String id : e.getValue()) {
                n += jdbc.sql("update audit_event set old_value = case when old_value is null then null else ? end,"
                                + " new_value = case when new_value is null then null else ? end where entity_type = ?"
                                + " and entity_id = ?")
                        .params(ERASED_VALUE, ERASED_VALUE, e.getKey(), id).update();
            }
        }
        n += jdbc.sql("update audit_event set entity_id = ? where entity_type in ('customer', 'programme-member') and"
                + " entity_id = ?").params(request.pseudonym(), request.externalId()).update();
        for (String value : request.personalValues()) {
            if (value.length() < 4) {
                continue; // too short to tell from other text
            }
            for (String form : List.of(value, jsonEscaped(value))) {
                n += jdbc.sql("update audit_event set old_value = replace(old_value, ?, '[erased]'), new_value ="
                                + " replace(new_value, ?, '[erased]') where position(? in old_value) > 0 or"
                                + " position(? in new_value) > 0")
                        .params(form, form, form, form).update();
            }
        }
        return n;
    }

    /** The value as it appears inside a JSON string. */
    static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
