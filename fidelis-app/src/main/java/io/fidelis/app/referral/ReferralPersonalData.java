package io.fidelis.app.referral;

import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's referral code and whom they referred: erasure deletes the code (the link stops working); the
 * referral links themselves stay, between pseudonymous customers, for the chain figures.
 */
@Component
class ReferralPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    ReferralPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "referrals";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        List<Map<String, Object>> out = new java.util.ArrayList<>(PersonalData.plain(jdbc.sql("select 'code' as"
                + " record, code, created_at from referral_code where customer_id = ?").param(customerId).query()
                .listOfRows()));
        out.addAll(PersonalData.plain(jdbc.sql("select 'referred' as record, external_id as customer, acquired_on"
                + " from customer where referred_by_id = ? order by acquired_on, id").param(customerId).query()
                .listOfRows()));
        return out;
    }

    @Override
    public int erase(long customerId, Erasure request) {
        return jdbc.sql("delete from referral_code where customer_id = ?").param(customerId).update();
    }
}
