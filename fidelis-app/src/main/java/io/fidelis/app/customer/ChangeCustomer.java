package io.fidelis.app.customer;

/**
 * The command to change a customer's details. {@code expectedVersion}, when given, must match the stored version
 * (optimistic locking: a stale edit is refused with 409 rather than silently overwriting).
 */
public record ChangeCustomer(CustomerDetails details, String referredBy, String accountManager,
                             boolean marketingConsent, String consentSource, Long expectedVersion) {
}
