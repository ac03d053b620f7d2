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
        return PersonalData.texts(export(customerId), "text");
    }

    @Override
    public Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of("suggestion", jdbc.sql("select cast(id as varchar(20)) from suggestion where customer_id = ?")
                .param(customerId).query(String.class).list());
    }

    @Override
    public int erase(long customerId, Erasure request) {
        return jdbc.sql("update suggestion set text = ?, version = version + 1 where customer_id = ? and text <> ?")
                .params(ERASED, customerId, ERASED).update();
    }
}
