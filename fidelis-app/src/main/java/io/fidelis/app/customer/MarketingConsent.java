package io.fidelis.app.customer;

import java.time.Instant;

/** Whether the customer agreed to marketing contact, since when and how we learned it. */
public record MarketingConsent(boolean given, Instant changedAt, String source) {
    public static MarketingConsent none() {
        return new MarketingConsent(false, null, null);
    }
}
