package io.fidelis.app.customer;

/** Published when a customer is registered through the API or the UI (bulk imports publish CsvImported). */
public record CustomerRegistered(long customerId, String externalId) {
}
