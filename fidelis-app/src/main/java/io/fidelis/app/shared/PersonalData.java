package io.fidelis.app.shared;

import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one capability holds about a customer, for data subject requests (issue #8): each capability that stores
 * something about a person implements this as a bean, and the privacy capability gathers them. Export gives every
 * row; erasure anonymises the personal data (contact details and free text) and keeps what the aggregate figures need
 * (purchases, scores, dates), detached from the person.
 */
public interface PersonalData {

    /** The section's name in an export, such as {@code complaints}. */
    String section();

    /** Erasure runs lowest first; the customer's own row late, the audit trail last (it scrubs the others' copies). */
    default int order() {
        return 50;
    }

    /** Every row this capability holds about the customer, as column → value (values as plain strings/numbers). */
    List<Map<String, Object>> export(long customerId);

    /**
     * The personal values held here before erasure (contact details, free text), so that copies of them elsewhere,
     * such as the audit trail, can be scrubbed too.
     */
    default Collection<String> personalValues(long customerId) {
        return List.of();
    }

    /** The audit trail's entities about this customer held here: entity type → ids. */
    default Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of();
    }

    /**
     * Anonymises what is held here about the customer in the caller's transaction; the number of rows changed.
     *
     * @param request what the erasure knows: the pseudonym the customer gets, the values and audit entities gathered
     */
    int erase(long customerId, Erasure request);

    /**
     * An erasure in progress.
     *
     * @param externalId     the customer's id before erasure
     * @param pseudonym      the id that replaces it
     * @param personalValues every holder's {@link #personalValues}
     * @param audited        every holder's {@link #auditedAs}, merged
     */
    record Erasure(String externalId, String pseudonym, Collection<String> personalValues,
                   Map<String, Collection<String>> audited) {
    }

    /** Rows as JDBC gives them, with lower-case column names and values made plain (times as ISO instants). */
    static List<Map<String, Object>> plain(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            row.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), plain(v)));
            out.add(m);
        }
        return out;
    }

    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof Clob c) {
            try {
                return c.getSubString(1, (int) c.length());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return v.toString();
    }

    /** The non-blank strings of the rows' columns named, for {@link #personalValues}. */
    static List<String> texts(List<Map<String, Object>> rows, String... columns) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            for (String c : columns) {
                Object v = row.get(c);
                if (v instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
