package io.fidelis.app.customer;

/** The command to register a new customer; {@code referredBy} is an external id, {@code accountManager} a username. */
public record RegisterCustomer(String externalId, CustomerDetails details, String referredBy, String accountManager,
                               boolean marketingConsent, String consentSource) {
}
