package io.fidelis.app.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's subscriptions and churn score: exported; kept on erasure (no contact details or free text in
 * them; the figures stay for the churn model, detached from the person with the customer's row).
 */
@Component
class SubscriptionPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    SubscriptionPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "subscriptions";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        List<Map<String, Object>> out = new ArrayList<>();
        PersonalData.plain(jdbc.sql("select subscription_id, plan, contract, payment_method, services, started_on,"
                + " ended_on, monthly_charge, payment_issues, support_contacts from subscription where customer_id = ?"
                + " order by started_on").param(customerId).query().listOfRows()).forEach(r -> {
                    r.put("record", "subscription");
                    out.add(r);
                });
        PersonalData.plain(jdbc.sql("select probability, factors, scored_at from subscription_churn_score"
                + " where customer_id = ?").param(customerId).query().listOfRows()).forEach(r -> {
                    r.put("record", "churn score");
                    out.add(r);
                });
        return out;
    }

    @Override
    public int erase(long customerId, Erasure request) {
        return 0;
    }
}
