package io.fidelis.app.winback;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lost-customer cases: erasure clears the note; reason, action and outcome stay for the win-back figures. */
@Component
class WinBackPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    WinBackPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "lost-cases";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        return PersonalData.plain(jdbc.sql("select id, opened_at, due_on, status, reason, action, note, closed_at,"
                + " closed_by from lost_case where customer_id = ? order by opened_at").param(customerId).query()
                .listOfRows());
    }

    @Override
    public Collection<String> personalValues(long customerId) {
        return PersonalData.texts(export(customerId), "note");
    }

    @Override
    public Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of("lost-case", jdbc.sql("select cast(id as varchar(20)) from lost_case where customer_id = ?")
                .param(customerId).query(String.class).list());
    }

    @Override
    public int erase(long customerId, Erasure request) {
        return jdbc.sql("update lost_case set note = null, version = version + 1 where customer_id = ? and note is not"
                + " null").param(customerId).update();
    }
}
