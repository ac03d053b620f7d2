package io.fidelis.core.summary;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One purchase (or purchase line, or return as a negative amount) of a customer on a local calendar day, the day in
 * the customer's own time zone.
 */
public record Transaction(String customerId, LocalDate date, double amount) {
    public Transaction {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(date, "date");
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("amount must be finite, got " + amount);
        }
    }
}
