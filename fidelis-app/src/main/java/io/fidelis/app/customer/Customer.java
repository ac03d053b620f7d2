package io.fidelis.app.customer;

import java.time.Instant;
import java.util.Objects;

import io.fidelis.app.shared.BusinessRuleException;

/**
 * The customer aggregate. It guards its own changes: consent changes are dated and sourced, and a customer cannot
 * be their own referrer.
 */
public final class Customer {
    private final Long id;
    private final String externalId;
    private CustomerDetails details;
    private Long referredById;
    private Long accountManagerId;
    private MarketingConsent consent;
    private final Instant createdAt;
    private Instant updatedAt;
    private final long version;

    Customer(Long id, String externalId, CustomerDetails details, Long referredById, Long accountManagerId,
             MarketingConsent consent, Instant createdAt, Instant updatedAt, long version) {
        this.id = id;
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.details = Objects.requireNonNull(details, "details");
        this.referredById = referredById;
        this.accountManagerId = accountManagerId;
        this.consent = consent == null ? MarketingConsent.none() : consent;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    static Customer register(String externalId, CustomerDetails details, Long referredById, Long accountManagerId,
                             boolean consentGiven, String consentSource, Instant now) {
        Customer c = new Customer(null, externalId, details, null, accountManagerId,
                new MarketingConsent(consentGiven, now, consentSource), now, now, 0);
        c.referredById = referredById;
        return c;
    }

    /** Changes the details, manager and consent; consent gets a new date and source only when it changes. */
    void change(CustomerDetails newDetails, Long newReferredById, Long newAccountManagerId, boolean consentGiven,
                String consentSource, Instant now) {
        if (newReferredById != null && newReferredById.equals(id)) {
            throw new BusinessRuleException("referredBy", "a customer cannot refer themselves");
        }
        this.details = Objects.requireNonNull(newDetails);
        this.referredById = newReferredById;
        this.accountManagerId = newAccountManagerId;
        if (consentGiven != consent.given()) {
            this.consent = new MarketingConsent(consentGiven, now, consentSource);
        }
        this.updatedAt = now;
    }

    /**
     * Records the customer's e-mail marketing consent as given or withdrawn, from a source (a double opt-in, a signed
     * form); a new date only when it changes, but a confirmation of consent already given records its new source.
     */
    void consent(boolean given, String source, Instant now) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a consent change needs its source");
        }
        if (given != consent.given() || !source.equals(consent.source())) {
            this.consent = new MarketingConsent(given, now, source);
            this.updatedAt = now;
        }
    }

    public Long id() {
        return id;
    }

    public String externalId() {
        return externalId;
    }

    public CustomerDetails details() {
        return details;
    }

    public Long referredById() {
        return referredById;
    }

    public Long accountManagerId() {
        return accountManagerId;
    }

    public MarketingConsent consent() {
        return consent;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
