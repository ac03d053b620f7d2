package io.fidelis.app.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The delivery of one order as the API shows it.
 *
 * @param onTime   delivered on or before the promised day (in the customer's time zone); {@code false} when it is
 *                 late or still on its way after the promised day; {@code null} while on its way and not yet late
 * @param inFull   nothing short and nothing out of stock
 */
public record DeliveryRecord(String orderId, String customerId, String warehouse, LocalDate promisedOn,
                             Instant deliveredAt, Boolean onTime, boolean inFull, List<Shortfall> shortfalls) {

    /** A line delivered short: the product, how many were missing, and whether it was out of stock. */
    public record Shortfall(String sku, BigDecimal quantityShort, boolean outOfStock) {
    }
}
