package io.fidelis.app.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.fidelis.app.complaint.ComplaintStatus;
import io.fidelis.app.complaint.ComplaintStatusChanged;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.loyalty.LoyaltyStageChanged;
import io.fidelis.app.survey.SurveyAnswered;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what happens into webhook deliveries, in the same transaction as the change (an outbox): a complaint opened
 * or resolved, a survey answered, a loyalty stage changed, a customer lost. Payloads carry ids and states, never
 * names or contact details.
 */
@Component
class WebhookOutbox {
    private final JdbcClient jdbc;
    private final CustomerManagement customers;
    private final JsonMapper json;

    WebhookOutbox(JdbcClient jdbc, CustomerManagement customers, JsonMapper json) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.json = json;
    }

    private String customer(Long id) {
        return id == null ? null : customers.recordForSystem(id).map(CustomerRecord::externalId).orElse(null);
    }

    /** Queues the event for every active webhook that wants it. */
    void enqueue(WebhookEvent event, Long customerId, Instant at, Map<String, Object> data) {
        var hooks = jdbc.sql("select id, events from webhook where active").query((rs, n) -> Map.entry(rs.getLong(1),
                rs.getString(2))).list();
        if (hooks.stream().noneMatch(h -> (',' + h.getValue() + ',').contains(',' + event.type() + ','))) {
            return;
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", event.type());
        body.put("occurredAt", at.toString());
        body.put("data", data);
        String payload = json.writeValueAsString(body);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (var h : hooks) {
            if ((',' + h.getValue() + ',').contains(',' + event.type() + ',')) {
                jdbc.sql("insert into webhook_delivery (webhook_id, event_id, event_type, customer_id, payload,"
                                + " status, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, 'PENDING', 0,"
                                + " ?, ?)")
                        .params(h.getKey(), id, event.type(), customerId, payload, now, now).update();
            }
        }
    }

    @EventListener
    void on(ComplaintStatusChanged e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("complaint", e.reference());
        data.put("customerId", customer(e.customerId()));
        data.put("from", e.from() == null ? null : e.from().name());
        data.put("to", e.to().name());
        if (e.from() == null) {
            enqueue(WebhookEvent.COMPLAINT_OPENED, e.customerId(), e.at(), data);
        } else if (e.to() == ComplaintStatus.RESOLVED) {
            enqueue(WebhookEvent.COMPLAINT_RESOLVED, e.customerId(), e.at(), data);
        }
    }

    @EventListener
    void on(SurveyAnswered e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("survey", e.surveyId());
        data.put("response", e.responseId());
        data.put("customerId", customer(e.customerId()));
        enqueue(WebhookEvent.SURVEY_ANSWERED, e.customerId(), Instant.now(), data);
    }

    @EventListener
    void on(LoyaltyStageChanged e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", customer(e.customerId()));
        data.put("fromStage", e.fromStage());
        data.put("toStage", e.toStage());
        data.put("fromOverlay", e.fromOverlay());
        data.put("toOverlay", e.toOverlay());
        enqueue(WebhookEvent.STAGE_CHANGED, e.customerId(), e.at(), data);
        if ("LOST".equals(e.toOverlay()) && !"LOST".equals(e.fromOverlay())) {
            enqueue(WebhookEvent.CUSTOMER_LOST, e.customerId(), e.at(), data);
        }
    }
}
