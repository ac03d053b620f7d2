package io.fidelis.app.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A customer's purchases in brief. Amounts are net of returns. Purchase days are counted in the customer's time
 * zone. Margin counts lines whose cost is known.
 *
 * @param orders        orders (not returns)
 * @param purchaseDays  distinct local calendar days with an order
 * @param returns       return orders plus negative lines within orders
 * @param returnedValue the value of returned lines, as a positive amount
 */
public record PurchaseSummary(String customerId, long orders, long purchaseDays, Instant firstPurchase,
                              Instant lastPurchase, BigDecimal totalSpend, BigDecimal totalMargin,
                              List<String> categories, long returns, BigDecimal returnedValue) {
}
