package io.fidelis.app.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The command to record one order (or a return, with negative quantities) for a customer. */
public record RecordPurchase(String orderId, Instant purchasedAt, String channel, String originalOrderId,
                             List<Line> lines) {
    public record Line(String sku, String category, BigDecimal quantity, BigDecimal unitPrice, BigDecimal unitCost) {
    }
}
