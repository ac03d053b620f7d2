package io.fidelis.app.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A stored purchase with its lines. {@code kind} is ORDER or RETURN. */
public record PurchaseRecord(String orderId, Instant purchasedAt, String channel, String kind, String originalOrderId,
                             List<Line> lines) {
    public record Line(int lineNo, String sku, String category, BigDecimal quantity, BigDecimal unitPrice,
                       BigDecimal unitCost) {
    }
}
