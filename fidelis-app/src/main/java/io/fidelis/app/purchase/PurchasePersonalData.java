package io.fidelis.app.purchase;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The customer's orders and returns: exported; kept on erasure (the figures need them), detached from the person. */
@Component
class PurchasePersonalData implements PersonalData {
    private final JdbcClient jdbc;

    PurchasePersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "purchases";
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        return PersonalData.plain(jdbc.sql("select p.order_id, p.kind, p.original_order_id, p.purchased_at,"
                        + " p.channel, l.line_no, l.sku, l.category, l.quantity, l.unit_price, l.unit_cost"
                        + " from purchase p join purchase_line l on l.order_id = p.order_id where p.customer_id = ?"
                        + " order by p.purchased_at, p.order_id, l.line_no")
                .param(customerId).query().listOfRows());
    }

    @Override
    public Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of("purchase", jdbc.sql("select order_id from purchase where customer_id = ?").param(customerId)
                .query(String.class).list());
    }

    @Override
    public int erase(long customerId, Erasure request) {
        return 0;
    }
}
