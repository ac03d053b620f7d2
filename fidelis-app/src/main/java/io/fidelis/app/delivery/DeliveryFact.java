package io.fidelis.app.delivery;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One delivery as analytics see it (system use): whose order, from which warehouse, the promised day, when it
 * arrived ({@code null} while on its way), the products short (comma-separated, empty when none) and how many of
 * them were out of stock.
 */
public record DeliveryFact(String orderId, long customerId, String warehouse, LocalDate promisedOn,
                           Instant deliveredAt, String skusShort, int outOfStockLines) {
    public boolean inFull() {
        return skusShort.isEmpty();
    }
}
