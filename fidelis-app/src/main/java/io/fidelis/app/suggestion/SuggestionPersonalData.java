package io.fidelis.app.suggestion;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Suggestions and what the customer was told of them. Erasure replaces the suggestion's words; the product,
 * category, item and notice stay, so the backlog's counts and the effect figures hold.
 */
@Component
class SuggestionPersonalData implements PersonalData {
    static final String ERASED = "(erased)";
    private final JdbcClient jdbc;

    SuggestionPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "suggestions";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        return PersonalData.plain(jdbc.sql("select s.id, s.received_at, s.source, s.source_ref, s.text, s.sku,"
                + " s.category, s.language, s.item_id, n.outcome notice, n.at notified_at from suggestion s left join"
                + " improvement_notice n on n.item_id = s.item_id and n.customer_id = s.customer_id where"
                + " s.customer_id = ? order by s.received_at").param(customerId).query().listOfRows());
    }

    @Override
    public Collection<String> personalValues(long customerId) {
        List<String> values = new java.util.ArrayList<>(PersonalData.texts(export(customerId), "text"));
        // The items named after the customer's words carry them too (a title is a suggestion on one line, cut).
        values.addAll(namedAfter(customerId).values());
        return values;
    }

    @Override
    public Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of("suggestion", jdbc.sql("select cast(id as varchar(20)) from suggestion where customer_id = ?")
                .param(customerId).query(String.class).list(), "improvement", namedAfter(customerId).keySet()
                .stream().map(String::valueOf).toList());
    }

    /**
     * The items whose title is still the one taken from one of the customer's suggestions (not since renamed by
     * staff), with that title.
     */
    private Map<Long, String> namedAfter(long customerId) {
        Map<Long, String> out = new java.util.LinkedHashMap<>();
        jdbc.sql("select i.id, i.title, s.text from improvement_item i join suggestion s on s.item_id = i.id"
                + " where s.customer_id = ? and s.text <> ? order by i.id").params(customerId, ERASED).query(rs -> {
                    if (rs.getString(2).equals(GroupingSuggestions.titleOf(rs.getString(3)))) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                });
        return out;
    }

    @Override
    public int erase(long customerId, Erasure request) {
        int n = 0;
        // An item named after the customer's words is named after its subject instead (the counts and the status
        // stay); staff may give it a better name.
        for (Map.Entry<Long, String> e : namedAfter(customerId).entrySet()) {
            String subject = jdbc.sql("select coalesce(max(category), max(sku), '') from suggestion where item_id = ?")
                    .param(e.getKey()).query(String.class).single();
            n += jdbc.sql("update improvement_item set title = ?, version = version + 1 where id = ? and title = ?")
                    .params(subject.isEmpty() ? "Suggestion " + e.getKey() : "Suggestion about " + subject,
                            e.getKey(), e.getValue()).update();
        }
        n += jdbc.sql("update suggestion set text = ?, version = version + 1 where customer_id = ? and text <> ?")
                .params(ERASED, customerId, ERASED).update();
        return n;
    }
}
