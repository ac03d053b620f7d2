package io.fidelis.app.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The customer's loyalty profile (scores the system derived) and stage history: exported; kept on erasure. */
@Component
class LoyaltyPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    LoyaltyPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "loyalty";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        List<Map<String, Object>> out = new ArrayList<>();
        PersonalData.plain(jdbc.sql("select * from loyalty_profile where customer_id = ?").param(customerId).query()
                .listOfRows()).forEach(p -> {
                    p.remove("customer_id");
                    p.put("record", "profile");
                    out.add(p);
                });
        PersonalData.plain(jdbc.sql("select changed_at, from_stage, to_stage, from_overlay, to_overlay from"
                + " loyalty_stage_change where customer_id = ? order by changed_at").param(customerId).query()
                .listOfRows()).forEach(c -> {
                    c.put("record", "stage change");
                    out.add(c);
                });
        return out;
    }

    @Override
    public int erase(long customerId, Erasure request) {
        return 0;
    }
}
