package io.fidelis.app.customer.web;

import java.time.Instant;
import java.time.LocalDate;

import io.fidelis.app.customer.CustomerRecord;

/** A customer in API responses. */
record CustomerView(String id, String name, String email, String phone, String region, String segment,
                    LocalDate acquiredOn, String acquisitionChannel, String referredBy, String accountManager,
                    boolean marketingConsent, Instant consentChangedAt, String consentSource, String timeZone,
                    Instant createdAt, Instant updatedAt, long version) {
    static CustomerView of(CustomerRecord r) {
        return new CustomerView(r.externalId(), r.name(), r.email(), r.phone(), r.region(), r.segment(),
                r.acquiredOn(), r.acquisitionChannel(), r.referredBy(), r.accountManager(), r.marketingConsent(),
                r.consentChangedAt(), r.consentSource(), r.timeZone(), r.createdAt(), r.updatedAt(), r.version());
    }
}
