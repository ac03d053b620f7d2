package io.fidelis.app.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Consent per channel and double opt-in requests: erasure withdraws every channel and deletes the requests. */
@Component
class ConsentPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    ConsentPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "consent";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        List<Map<String, Object>> out = new ArrayList<>(PersonalData.plain(jdbc.sql("select 'channel' as record,"
                + " channel, given, changed_at, source from customer_consent where customer_id = ? order by channel")
                .param(customerId).query().listOfRows()));
        out.addAll(PersonalData.plain(jdbc.sql("select 'confirmation request' as record, email, language,"
                + " requested_at, requested_by, expires_at, confirmed_at from consent_request where customer_id = ?"
                + " order by requested_at").param(customerId).query().listOfRows()));
        return out;
    }

    @Override
    public int erase(long customerId, Erasure request) {
        int n = jdbc.sql("delete from consent_request where customer_id = ?").param(customerId).update();
        n += jdbc.sql("update customer_consent set given = false, source = 'erasure', version = version + 1 where"
                + " customer_id = ?").param(customerId).update();
        return n;
    }
}
