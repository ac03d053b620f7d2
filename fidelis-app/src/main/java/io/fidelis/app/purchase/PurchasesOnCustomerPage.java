package io.fidelis.app.purchase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import org.springframework.stereotype.Component;

/** The purchases part of the Customer 360 page: summary figures, the latest orders, and timeline entries. */
@Component
class PurchasesOnCustomerPage implements CustomerViewContribution {
    static final int RECENT = 20;
    private final PurchaseRecording purchases;

    PurchasesOnCustomerPage(PurchaseRecording purchases) {
        this.purchases = purchases;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String fragment() {
        return "purchase/customer :: panel";
    }

    /** An order as the page lists it, with its value and margin. */
    public record OrderRow(PurchaseRecord order, BigDecimal value, BigDecimal margin, int lines) {
        static OrderRow of(PurchaseRecord p) {
            BigDecimal value = BigDecimal.ZERO;
            BigDecimal margin = BigDecimal.ZERO;
            boolean costKnown = true;
            for (PurchaseRecord.Line l : p.lines()) {
                value = value.add(l.quantity().multiply(l.unitPrice()));
                if (l.unitCost() == null) {
                    costKnown = false;
                } else {
                    margin = margin.add(l.quantity().multiply(l.unitPrice().subtract(l.unitCost())));
                }
            }
            return new OrderRow(p, value, costKnown ? margin : null, p.lines().size());
        }
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        return Map.of("summary", purchases.summary(customer.externalId()),
                "orders", purchases.list(customer.externalId(), 0, RECENT).stream().map(OrderRow::of).toList(),
                "recentLimit", RECENT);
    }

    @Override
    public List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (PurchaseRecord p : purchases.list(customer.externalId(), 0, limit)) {
            OrderRow row = OrderRow.of(p);
            boolean isReturn = "RETURN".equals(p.kind());
            entries.add(new TimelineEntry(p.purchasedAt(), isReturn ? "return" : "purchase",
                    isReturn ? "timeline.return" : "timeline.purchase",
                    List.of(p.orderId(), row.lines(), row.value().abs()), null));
        }
        return entries;
    }
}
