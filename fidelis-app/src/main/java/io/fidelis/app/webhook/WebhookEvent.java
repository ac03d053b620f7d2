package io.fidelis.app.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can be told about. */
public enum WebhookEvent {
    STAGE_CHANGED("loyalty.stage_changed"),
    CUSTOMER_LOST("customer.lost"),
    COMPLAINT_OPENED("complaint.opened"),
    COMPLAINT_RESOLVED("complaint.resolved"),
    SURVEY_ANSWERED("survey.answered");

    private final String type;

    WebhookEvent(String type) {
        this.type = type;
    }

    /** The name in payloads and in the {@code Fidelis-Event} header, such as {@code complaint.opened}. */
    public String type() {
        return type;
    }

    public static Optional<WebhookEvent> ofType(String type) {
        return Arrays.stream(values()).filter(e -> e.type.equals(type)).findFirst();
    }
}
