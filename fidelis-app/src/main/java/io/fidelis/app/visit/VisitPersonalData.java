package io.fidelis.app.visit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Account managers' contacts with the customer and follow-ups: erasure clears notes, needs, opinions and outcomes. */
@Component
class VisitPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    VisitPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "contacts";
    }

    private List<Map<String, Object>> contacts(long customerId) {
        return PersonalData.plain(jdbc.sql("select id, kind, contacted_at, notes, needs, opinions, complaint_reference,"
                + " created_by from contact where customer_id = ? order by contacted_at, id").param(customerId)
                .query().listOfRows());
    }

    private List<Map<String, Object>> tasks(long customerId) {
        return PersonalData.plain(jdbc.sql("select id, title, due_on, created_at, created_by, done_at, done_by, outcome"
                + " from task where customer_id = ? order by due_on, id").param(customerId).query().listOfRows());
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        List<Map<String, Object>> out = new ArrayList<>();
        contacts(customerId).forEach(c -> {
            c.put("record", "contact");
            out.add(c);
        });
        tasks(customerId).forEach(t -> {
            t.put("record", "follow-up");
            out.add(t);
        });
        return out;
    }

    @Override
    public Collection<String> personalValues(long customerId) {
        List<String> out = new ArrayList<>(PersonalData.texts(contacts(customerId), "notes", "needs", "opinions"));
        out.addAll(PersonalData.texts(tasks(customerId), "title", "outcome"));
        return out;
    }

    @Override
    public Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of("contact", jdbc.sql("select cast(id as varchar(20)) from contact where customer_id = ?")
                        .param(customerId).query(String.class).list(),
                "task", jdbc.sql("select cast(id as varchar(20)) from task where customer_id = ?").param(customerId)
                        .query(String.class).list());
    }

    @Override
    public int erase(long customerId, Erasure request) {
        int n = jdbc.sql("update contact set notes = null, needs = null, opinions = null where customer_id = ?")
                .param(customerId).update();
        java.util.Set<String> ownTitles = new java.util.HashSet<>(jdbc.sql("select title from task where customer_id = ?")
                .param(customerId).query(String.class).list());
        n += jdbc.sql("update task set title = '[erased]', outcome = null, version = version + 1 where customer_id = ?")
                .param(customerId).update();
        // Other customers' tasks may quote this customer's words (a follow-up named after an improvement item that
        // took its title from their suggestion): those words go, the rest of the title stays.
        for (String value : request.personalValues()) {
            // This customer's own task titles are among the values; a follow-up titled alike for another customer
            // keeps its wording and loses only the quoted words (a value of their own).
            if (value.length() >= 4 && !ownTitles.contains(value)) {
                n += jdbc.sql("update task set title = replace(title, ?, '[erased]'), version = version + 1"
                        + " where (customer_id is null or customer_id <> ?) and position(? in title) > 0")
                        .params(value, customerId, value).update();
            }
        }
        return n;
    }
}
