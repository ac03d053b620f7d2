package io.fidelis.app.programme;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Programme membership, the points ledger and gifts: erasure ends the card link and clears the override's and the
 * gifts' notes; points stay, so the liability does not change.
 */
@Component
class ProgrammePersonalData implements PersonalData {
    private final JdbcClient jdbc;

    ProgrammePersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "programme";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        List<Map<String, Object>> out = new ArrayList<>();
        PersonalData.plain(jdbc.sql("select joined_on, earned_tier, tier_since, last_qualified, override_tier,"
                + " override_by, override_until, override_note from programme_member where customer_id = ?")
                .param(customerId).query().listOfRows()).forEach(m -> {
                    m.put("record", "membership");
                    out.add(m);
                });
        PersonalData.plain(jdbc.sql("select kind, entry_date, lot_id, points, requested, expires_on, order_id, reason,"
                + " created_at from points_entry where customer_id = ? order by id").param(customerId).query()
                .listOfRows()).forEach(e -> {
                    e.put("record", "points");
                    out.add(e);
                });
        PersonalData.plain(jdbc.sql("select gift, quantity, status, reason, created_at, settled_at, settled_by, note"
                + " from gift_entitlement where customer_id = ? order by id").param(customerId).query().listOfRows())
                .forEach(g -> {
                    g.put("record", "gift");
                    out.add(g);
                });
        return out;
    }

    @Override
    public Collection<String> personalValues(long customerId) {
        List<String> out = new ArrayList<>(PersonalData.texts(PersonalData.plain(jdbc.sql("select override_note from"
                + " programme_member where customer_id = ?").param(customerId).query().listOfRows()),
                "override_note"));
        out.addAll(PersonalData.texts(PersonalData.plain(jdbc.sql("select note from gift_entitlement where customer_id"
                + " = ?").param(customerId).query().listOfRows()), "note"));
        return out;
    }

    @Override
    public int erase(long customerId, Erasure request) {
        int n = jdbc.sql("update programme_member set card_hash = null, override_note = case when override_note is"
                + " null then null else '[erased]' end, version = version + 1 where customer_id = ?").param(customerId)
                .update();
        n += jdbc.sql("update gift_entitlement set note = null, version = version + 1 where customer_id = ? and note is"
                + " not null").param(customerId).update();
        return n;
    }
}
