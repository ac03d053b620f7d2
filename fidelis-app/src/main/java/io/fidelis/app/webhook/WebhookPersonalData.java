package io.fidelis.app.webhook;

import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Webhook payloads name the customer by their id only: erasure puts the pseudonym in their place. */
@Component
class WebhookPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    WebhookPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "webhooks";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        return List.of(); // what the business sent to its own systems, not data held about the person
    }

    @Override
    public int erase(long customerId, Erasure request) {
        String quoted = "\"customerId\":\"" + request.externalId().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return jdbc.sql("update webhook_delivery set payload = replace(payload, ?, ?) where customer_id = ?")
                .params(quoted, "\"customerId\":\"" + request.pseudonym() + "\"", customerId).update();
    }
}
