package io.fidelis.app.customer;

import java.time.Instant;
import java.time.LocalDate;

/** A customer as read for lists and the API, with the referrer and account manager by their names. */
public record CustomerRecord(long id, String externalId, String name, String email, String phone, String region,
                             String segment, LocalDate acquiredOn, String acquisitionChannel, String referredBy,
                             String accountManager, boolean marketingConsent, Instant consentChangedAt,
                             String consentSource, String timeZone, Instant createdAt, Instant updatedAt,
                             long version) {
}
