package io.fidelis.app.customer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's own row: erasure clears the name, e-mail and phone, replaces the external id with the pseudonym
 * and withdraws marketing consent; region, segment, acquisition and referral links stay for the aggregates.
 */
@Component
class CustomerPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    CustomerPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "customer";
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        return PersonalData.plain(jdbc.sql("select c.external_id, c.name, c.email, c.phone, c.region, c.segment,"
                        + " c.acquired_on, c.acquisition_channel, r.external_id as referred_by, s.username as"
                        + " account_manager, c.marketing_consent, c.consent_changed_at, c.consent_source, c.time_zone,"
                        + " c.created_at, c.updated_at from customer c left join customer r on r.id = c.referred_by_id"
                        + " left join staff_user s on s.id = c.account_manager_id where c.id = ?")
                .param(customerId).query().listOfRows());
    }

    @Override
    public Collection<String> personalValues(long customerId) {
        return PersonalData.texts(PersonalData.plain(jdbc.sql("select external_id, name, email, phone from customer"
                + " where id = ?").param(customerId).query().listOfRows()), "external_id", "name", "email", "phone");
    }

    @Override
    public Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of("customer", jdbc.sql("select external_id from customer where id = ?").param(customerId)
                .query(String.class).list());
    }

    @Override
    public int erase(long customerId, Erasure request) {
        return jdbc.sql("update customer set name = null, name_key = '', email = null, phone = null, external_id = ?,"
                        + " marketing_consent = false, consent_changed_at = ?, consent_source = 'erasure',"
                        + " updated_at = ?, version = version + 1 where id = ?")
                .params(request.pseudonym(), OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC),
                        customerId)
                .update();
    }
}
