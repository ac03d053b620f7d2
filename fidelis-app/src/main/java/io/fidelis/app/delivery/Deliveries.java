package io.fidelis.app.delivery;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries of orders: recording one (the API; a file goes through the import), reading one within the caller's
 * scope (an account manager sees only their own customers' orders), and the facts the supply analytics and other
 * capabilities read (system use, not scoped).
 */
@Service
public class Deliveries {
    private final JdbcClient jdbc;
    private final PurchaseRecording purchases;
    private final CustomerManagement customers;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    Deliveries(JdbcClient jdbc, PurchaseRecording purchases, CustomerManagement customers, CurrentStaff current,
               ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.purchases = purchases;
        this.customers = customers;
        this.current = current;
        this.events = events;
        this.json = json;
    }

    /** The customer of an order the caller may see, else 404 (the same answer for an order that does not exist). */
    private CustomerRecord customerOf(String orderId) {
        long customerId = purchases.customerOfOrder(orderId)
                .orElseThrow(() -> new NotFoundException("no order '" + orderId + "'"));
        CustomerRecord any = customers.recordForSystem(customerId)
                .orElseThrow(() -> new NotFoundException("no order '" + orderId + "'"));
        try {
            return customers.find(any.externalId());
        } catch (NotFoundException e) {
            throw new NotFoundException("no order '" + orderId + "'");
        }
    }

    /** Records the delivery of an order, replacing what was recorded before; audited. */
    @Transactional
    public DeliveryRecord record(String orderId, RecordDelivery command) {
        CustomerRecord customer = customerOf(orderId);
        if (command.warehouse() == null || command.warehouse().isBlank()) {
            throw new BusinessRuleException("warehouse", "is required");
        }
        if (command.warehouse().strip().length() > 100) {
            throw new BusinessRuleException("warehouse", "is longer than 100 characters");
        }
        if (command.promisedOn() == null) {
            throw new BusinessRuleException("promisedOn", "is required");
        }
        List<DeliveryRecord.Shortfall> shortfalls = command.shortfalls() == null ? List.of() : command.shortfalls();
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < shortfalls.size(); i++) {
            DeliveryRecord.Shortfall s = shortfalls.get(i);
            if (s.sku() == null || s.sku().isBlank() || s.sku().strip().length() > 100) {
                throw new BusinessRuleException("shortfalls[" + i + "].sku", "is required (at most 100 characters)");
            }
            if (!skus.add(s.sku().strip())) {
                throw new BusinessRuleException("shortfalls[" + i + "].sku", "'" + s.sku() + "' appears twice");
            }
            if (s.quantityShort() == null || s.quantityShort().signum() < 0) {
                throw new BusinessRuleException("shortfalls[" + i + "].quantityShort", "is missing or negative");
            }
        }
        Optional<DeliveryRecord> before = read(orderId, customer);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime delivered = command.deliveredAt() == null ? null
                : command.deliveredAt().atOffset(ZoneOffset.UTC);
        if (before.isPresent()) {
            jdbc.sql("delete from delivery_shortfall where order_id = ?").param(orderId).update();
            jdbc.sql("update delivery set warehouse = ?, promised_on = ?, delivered_at = ?, updated_at = ?"
                            + " where order_id = ?")
                    .params(command.warehouse().strip(), command.promisedOn(), delivered, now, orderId).update();
        } else {
            jdbc.sql("insert into delivery (order_id, customer_id, warehouse, promised_on, delivered_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(orderId, customer.id(), command.warehouse().strip(), command.promisedOn(), delivered, now)
                    .update();
        }
        for (DeliveryRecord.Shortfall s : shortfalls) {
            jdbc.sql("insert into delivery_shortfall (order_id, sku, quantity_short, out_of_stock)"
                            + " values (?, ?, ?, ?)")
                    .params(orderId, s.sku().strip(), s.quantityShort(), s.outOfStock()).update();
        }
        DeliveryRecord saved = read(orderId, customer).orElseThrow();
        events.publishEvent(new AuditableChange(current.actor(), "delivery", orderId,
                before.isPresent() ? "update" : "create",
                before.map(json::writeValueAsString).orElse(null), json.writeValueAsString(saved)));
        return saved;
    }

    /** The delivery of an order the caller may see; 404 when there is none. */
    @Transactional(readOnly = true)
    public DeliveryRecord find(String orderId) {
        CustomerRecord customer = customerOf(orderId);
        return read(orderId, customer)
                .orElseThrow(() -> new NotFoundException("no delivery recorded for order '" + orderId + "'"));
    }

    /** The delivery of an order, or empty (system use: the complaint page's root-cause link; not scoped). */
    @Transactional(readOnly = true)
    public Optional<DeliveryRecord> ofOrderForSystem(String orderId) {
        return purchases.customerOfOrder(orderId).flatMap(customers::recordForSystem)
                .flatMap(c -> read(orderId, c));
    }

    private Optional<DeliveryRecord> read(String orderId, CustomerRecord customer) {
        List<DeliveryRecord.Shortfall> shortfalls = jdbc.sql("select sku, quantity_short, out_of_stock"
                        + " from delivery_shortfall where order_id = ? order by sku")
                .param(orderId)
                .query((rs, n) -> new DeliveryRecord.Shortfall(rs.getString(1), strip(rs.getBigDecimal(2)),
                        rs.getBoolean(3)))
                .list();
        ZoneId zone = ZoneId.of(customer.timeZone());
        LocalDate today = LocalDate.now(zone);
        return jdbc.sql("select warehouse, promised_on, delivered_at from delivery where order_id = ?")
                .param(orderId)
                .query((rs, n) -> {
                    LocalDate promised = rs.getObject(2, LocalDate.class);
                    Instant delivered = instant(rs, 3);
                    return new DeliveryRecord(orderId, customer.externalId(), rs.getString(1), promised, delivered,
                            onTime(promised, delivered, zone, today), inFull(shortfalls), List.copyOf(shortfalls));
                })
                .optional();
    }

    /**
     * On time: delivered on or before the promised day in the customer's time zone. Not yet delivered: late once
     * the promised day has passed, else not known yet ({@code null}).
     */
    static Boolean onTime(LocalDate promised, Instant delivered, ZoneId zone, LocalDate today) {
        if (delivered == null) {
            return today.isAfter(promised) ? Boolean.FALSE : null;
        }
        return !delivered.atZone(zone).toLocalDate().isAfter(promised);
    }

    static boolean inFull(List<DeliveryRecord.Shortfall> shortfalls) {
        return shortfalls.stream().noneMatch(s -> s.outOfStock() || s.quantityShort().signum() > 0);
    }

    /** Every delivery, oldest promise first, for the supply analytics (system use, not scoped). */
    @Transactional(readOnly = true)
    public void eachDelivery(Consumer<DeliveryFact> sink) {
        eachDeliverySince(null, sink);
    }

    /**
     * The deliveries promised from a day on ({@code null}: all), oldest promise first (system use, not scoped): the
     * dashboard's recent figures read only these.
     */
    @Transactional(readOnly = true)
    public void eachDeliverySince(LocalDate from, Consumer<DeliveryFact> sink) {
        String since = from == null ? "" : " and exists (select 1 from delivery d where d.order_id = f.order_id"
                + " and d.promised_on >= ?)";
        Object[] params = from == null ? new Object[0] : new Object[] {from};
        Map<String, String[]> shortByOrder = new LinkedHashMap<>();
        jdbc.sql("select f.order_id, f.sku, f.out_of_stock from delivery_shortfall f"
                        + " where (f.quantity_short > 0 or f.out_of_stock)" + since + " order by f.order_id, f.sku")
                .params(params)
                .query(rs -> {
                    String[] v = shortByOrder.computeIfAbsent(rs.getString(1), k -> new String[] {"", "0"});
                    v[0] = v[0].isEmpty() ? rs.getString(2) : v[0] + "," + rs.getString(2);
                    v[1] = Integer.toString(Integer.parseInt(v[1]) + (rs.getBoolean(3) ? 1 : 0));
                });
        try (var rows = jdbc.sql("select d.order_id, d.customer_id, d.warehouse, d.promised_on, d.delivered_at"
                        + " from delivery d" + (from == null ? "" : " where d.promised_on >= ?")
                        + " order by d.promised_on, d.order_id")
                .params(params)
                .withFetchSize(2000)
                .query((rs, n) -> {
                    String[] s = shortByOrder.getOrDefault(rs.getString(1), new String[] {"", "0"});
                    return new DeliveryFact(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), instant(rs, 5), s[0], Integer.parseInt(s[1]));
                }).stream()) {
            rows.forEach(sink);
        }
    }

    /** One customer's deliveries promised from a day on, oldest first (system use: evidence, next best action). */
    @Transactional(readOnly = true)
    public List<DeliveryFact> ofCustomerSince(long customerId, LocalDate from) {
        List<DeliveryFact> out = new ArrayList<>();
        jdbc.sql("select d.order_id, d.warehouse, d.promised_on, d.delivered_at, (select count(*) from"
                        + " delivery_shortfall f where f.order_id = d.order_id and (f.quantity_short > 0 or"
                        + " f.out_of_stock)), (select count(*) from delivery_shortfall f where f.order_id = d.order_id"
                        + " and f.out_of_stock) from delivery d"
                        + " where d.customer_id = ? and d.promised_on >= ? order by d.promised_on, d.order_id")
                .params(customerId, from)
                .query(rs -> {
                    out.add(new DeliveryFact(rs.getString(1), customerId, rs.getString(2),
                            rs.getObject(3, LocalDate.class), instant(rs, 4), rs.getInt(5) > 0 ? "short" : "",
                            rs.getInt(6)));
                });
        return out;
    }

    /** The products out of stock on an order (system use). */
    @Transactional(readOnly = true)
    public List<String> outOfStockSkus(String orderId) {
        return jdbc.sql("select sku from delivery_shortfall where order_id = ? and out_of_stock order by sku")
                .param(orderId).query(String.class).list();
    }

    private static BigDecimal strip(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
