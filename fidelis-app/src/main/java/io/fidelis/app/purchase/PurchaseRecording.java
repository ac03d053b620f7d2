package io.fidelis.app.purchase;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.InChunks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Recording single purchases, listing a customer's purchases, and the per-customer purchase summary. */
@Service
public class PurchaseRecording {
    private final JdbcClient jdbc;
    private final CustomerManagement customers;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    PurchaseRecording(JdbcClient jdbc, CustomerManagement customers, CurrentStaff current,
                      ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.current = current;
        this.events = events;
        this.json = json;
    }

    @Transactional
    public PurchaseRecord record(String customerExternalId, RecordPurchase command) {
        long customerId = customers.idOf(customerExternalId);
        if (command.lines() == null || command.lines().isEmpty()) {
            throw new BusinessRuleException("lines", "a purchase needs at least one line");
        }
        if (jdbc.sql("select count(*) from purchase where order_id = ?").param(command.orderId())
                .query(Long.class).single() > 0) {
            throw new ConflictException("order '" + command.orderId() + "' already exists");
        }
        boolean allNegative = true;
        for (int i = 0; i < command.lines().size(); i++) {
            RecordPurchase.Line l = command.lines().get(i);
            if (l.quantity().signum() == 0) {
                throw new BusinessRuleException("lines[" + i + "].quantity", "is zero");
            }
            if (l.unitPrice().signum() < 0) {
                throw new BusinessRuleException("lines[" + i + "].unitPrice", "is negative (a refund is a negative "
                        + "quantity at a positive price)");
            }
            allNegative &= l.quantity().signum() < 0;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, channel, kind, original_order_id)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(command.orderId(), customerId, command.purchasedAt().atOffset(ZoneOffset.UTC),
                        command.channel(), allNegative ? "RETURN" : "ORDER", command.originalOrderId())
                .update();
        int lineNo = 0;
        for (RecordPurchase.Line l : command.lines()) {
            if (l.sku() != null) {
                jdbc.sql("insert into product (sku, name, category, created_at, updated_at) select ?, ?, ?, ?, ?"
                                + " where not exists (select 1 from product where sku = ?)")
                        .params(l.sku(), l.sku(), l.category(), now, now, l.sku()).update();
            }
            jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price, unit_cost)"
                            + " values (?, ?, ?, coalesce(?, (select category from product where sku = ?)), ?, ?,"
                            + " coalesce(?, (select unit_cost from product where sku = ?)))")
                    .params(command.orderId(), ++lineNo, l.sku(), l.category(), l.sku(), l.quantity(),
                            l.unitPrice(), l.unitCost(), l.sku())
                    .update();
        }
        PurchaseRecord saved = find(command.orderId());
        events.publishEvent(new AuditableChange(current.actor(), "purchase", command.orderId(), "create", null,
                json.writeValueAsString(saved)));
        events.publishEvent(new PurchaseRecorded(customerId, command.orderId()));
        return saved;
    }

    @Transactional(readOnly = true)
    public List<PurchaseRecord> list(String customerExternalId, int page, int size) {
        long customerId = customers.idOf(customerExternalId);
        int limit = size <= 0 ? 50 : Math.min(size, 500);
        String pageOfOrders = "select order_id from purchase where customer_id = ?"
                + " order by purchased_at desc, order_id limit ? offset ?";
        long offset = (long) Math.max(0, page) * limit;
        // Two queries for the page, not two per order: the lines of all its orders at once.
        Map<String, List<PurchaseRecord.Line>> lines = new HashMap<>();
        jdbc.sql("select l.order_id, l.line_no, l.sku, l.category, l.quantity, l.unit_price, l.unit_cost"
                        + " from purchase_line l where l.order_id in (" + pageOfOrders + ") order by l.order_id, l.line_no")
                .params(customerId, limit, offset)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PurchaseRecord.Line(
                            rs.getInt(2), rs.getString(3), rs.getString(4), strip(rs.getBigDecimal(5)),
                            strip(rs.getBigDecimal(6)), strip(rs.getBigDecimal(7))));
                });
        return jdbc.sql("select order_id, purchased_at, channel, kind, original_order_id from purchase"
                        + " where customer_id = ? order by purchased_at desc, order_id limit ? offset ?")
                .params(customerId, limit, offset)
                .query((rs, n) -> new PurchaseRecord(rs.getString(1), instant(rs, 2), rs.getString(3),
                        rs.getString(4), rs.getString(5), List.copyOf(lines.getOrDefault(rs.getString(1),
                        List.of()))))
                .list();
    }

    private PurchaseRecord find(String orderId) {
        List<PurchaseRecord.Line> lines = jdbc.sql("select line_no, sku, category, quantity, unit_price, unit_cost"
                        + " from purchase_line where order_id = ? order by line_no")
                .param(orderId)
                .query((rs, n) -> new PurchaseRecord.Line(rs.getInt(1), rs.getString(2), rs.getString(3),
                        strip(rs.getBigDecimal(4)), strip(rs.getBigDecimal(5)), strip(rs.getBigDecimal(6))))
                .list();
        return jdbc.sql("select order_id, purchased_at, channel, kind, original_order_id from purchase"
                        + " where order_id = ?")
                .param(orderId)
                .query((rs, n) -> new PurchaseRecord(rs.getString(1), instant(rs, 2), rs.getString(3),
                        rs.getString(4), rs.getString(5), lines))
                .single();
    }

    @Transactional(readOnly = true)
    public PurchaseSummary summary(String customerExternalId) {
        CustomerRecord customer = customers.find(customerExternalId);
        ZoneId zone = ZoneId.of(customer.timeZone());
        record Row(String orderId, Instant at, String kind, String category, BigDecimal quantity, BigDecimal price,
                   BigDecimal cost) {
        }
        List<Row> rows = jdbc.sql("select p.order_id, p.purchased_at, p.kind, l.category, l.quantity, l.unit_price,"
                        + " l.unit_cost from purchase p join purchase_line l on l.order_id = p.order_id"
                        + " where p.customer_id = ? order by p.purchased_at, p.order_id, l.line_no")
                .param(customer.id())
                .query((rs, n) -> new Row(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)))
                .list();
        Set<String> orders = new HashSet<>();
        Set<String> returnOrders = new HashSet<>();
        Set<LocalDate> days = new HashSet<>();
        Map<String, Boolean> categories = new LinkedHashMap<>();
        long negativeLinesInOrders = 0;
        Instant first = null;
        Instant last = null;
        BigDecimal spend = BigDecimal.ZERO;
        BigDecimal margin = BigDecimal.ZERO;
        BigDecimal returned = BigDecimal.ZERO;
        for (Row r : rows) {
            BigDecimal value = r.quantity().multiply(r.price());
            spend = spend.add(value);
            if (r.cost() != null) {
                margin = margin.add(r.quantity().multiply(r.price().subtract(r.cost())));
            }
            if (r.quantity().signum() < 0) {
                returned = returned.add(value.negate());
            }
            if ("RETURN".equals(r.kind())) {
                returnOrders.add(r.orderId());
                continue;
            }
            if (r.quantity().signum() < 0) {
                negativeLinesInOrders++;
            }
            orders.add(r.orderId());
            days.add(r.at().atZone(zone).toLocalDate());
            first = first == null || r.at().isBefore(first) ? r.at() : first;
            last = last == null || r.at().isAfter(last) ? r.at() : last;
            if (r.category() != null && r.quantity().signum() > 0) {
                categories.put(r.category(), true);
            }
        }
        return new PurchaseSummary(customerExternalId, orders.size(), days.size(), first, last, strip(spend),
                strip(margin), categories.keySet().stream().sorted().toList(),
                returnOrders.size() + negativeLinesInOrders, strip(returned));
    }

    /**
     * One purchase line as analytics see it: whose, when, its value (negative for a return), its margin (NaN when
     * the cost is unknown), its category and its product's brand.
     */
    public record LineFact(long customerId, Instant purchasedAt, double value, double margin, String category,
                           String brand) {
    }

    /** Every purchase line of every customer, streamed (population analytics run by the system; not scoped). */
    @Transactional(readOnly = true)
    public void eachLine(java.util.function.Consumer<LineFact> sink) {
        try (var rows = jdbc.sql(LINE_FACTS).withFetchSize(2000).query(PurchaseRecording::lineFact).stream()) {
            rows.forEach(sink);
        }
    }

    /**
     * Each customer's revenue and margin net of returns (lines without a cost add no margin), summed in the
     * database; system use for aggregates (referral chains), not scoped.
     */
    @Transactional(readOnly = true)
    public java.util.Map<Long, double[]> revenueAndMarginByCustomer() {
        java.util.Map<Long, double[]> out = new java.util.HashMap<>();
        jdbc.sql("select p.customer_id, sum(l.quantity * l.unit_price), sum(coalesce(l.quantity * (l.unit_price"
                        + " - l.unit_cost), 0)) from purchase p join purchase_line l on l.order_id = p.order_id"
                        + " group by p.customer_id")
                .query(rs -> {
                    out.put(rs.getLong(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
                });
        return out;
    }

    /**
     * Each customer's revenue net of returns, and the margin and revenue of the lines whose cost is known, summed in
     * the database: {@code [revenue, margin of costed lines, revenue of costed lines]}; system use, not scoped.
     */
    @Transactional(readOnly = true)
    public java.util.Map<Long, double[]> marginBasisByCustomer() {
        java.util.Map<Long, double[]> out = new java.util.HashMap<>();
        jdbc.sql("select p.customer_id, sum(l.quantity * l.unit_price), sum(case when l.unit_cost is null then 0"
                        + " else l.quantity * (l.unit_price - l.unit_cost) end), sum(case when l.unit_cost is null"
                        + " then 0 else l.quantity * l.unit_price end) from purchase p join purchase_line l"
                        + " on l.order_id = p.order_id group by p.customer_id")
                .query(rs -> {
                    out.put(rs.getLong(1), new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
                });
        return out;
    }

    /** Every purchase line of one customer (for rescoring them; system use, not scoped). */
    @Transactional(readOnly = true)
    public void eachLineOf(long customerId, java.util.function.Consumer<LineFact> sink) {
        jdbc.sql(LINE_FACTS + " where p.customer_id = ?").param(customerId).query(PurchaseRecording::lineFact)
                .list().forEach(sink);
    }

    /**
     * Every purchase line of some customers (for rescoring those who just bought, together);
     * system use, not scoped.
     */
    @Transactional(readOnly = true)
    public void eachLineOf(java.util.Collection<Long> customerIds, java.util.function.Consumer<LineFact> sink) {
        io.fidelis.app.shared.InChunks.eachPadded(customerIds, (in, ids) ->
                jdbc.sql(LINE_FACTS + " where p.customer_id in (" + in + ")").params(ids)
                        .query(PurchaseRecording::lineFact).list().forEach(sink));
    }

    /**
     * The customers who bought (an order, not a return) within [from, to), for rules that follow purchases (a
     * satisfaction survey some days later); system use, not scoped.
     */
    @Transactional(readOnly = true)
    public List<Long> buyersBetween(Instant from, Instant to) {
        return jdbc.sql("select distinct customer_id from purchase where kind = 'ORDER' and purchased_at >= ?"
                        + " and purchased_at < ?")
                .params(from.atOffset(java.time.ZoneOffset.UTC), to.atOffset(java.time.ZoneOffset.UTC))
                .query(Long.class).list();
    }

    /** The customer of an order (not a return), for identifying who files a complaint; system use, not scoped. */
    @Transactional(readOnly = true)
    public Optional<Long> customerOfOrder(String orderId) {
        return jdbc.sql("select customer_id from purchase where order_id = ? and kind = 'ORDER'").param(orderId)
                .query(Long.class).optional();
    }

    /** Some customers' orders (not returns) after a time, oldest first; system use. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, List<Instant>> ordersSince(java.util.Collection<Long> customerIds, Instant since) {
        java.util.Map<Long, List<Instant>> out = new java.util.HashMap<>();
        // The time is compared here, not in the query: with "purchased_at >= ?" after the in-list, H2 2.4 scans
        // ix_purchase_customer_time from that time on for all customers (129,102 rows for four customers in the
        // 20,000-customer demo, EXPLAIN ANALYZE) instead of looking each customer up.
        io.fidelis.app.shared.InChunks.eachPadded(customerIds, (in, ids) ->
                jdbc.sql("select customer_id, purchased_at from purchase where customer_id in (" + in + ")"
                                + " and kind = 'ORDER' order by purchased_at")
                        .params(ids)
                        .query(rs -> {
                            Instant at = rs.getTimestamp(2).toInstant();
                            if (!at.isBefore(since)) {
                                out.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(at);
                            }
                        }));
        return out;
    }

    /** Each customer's orders (not returns) after a time, for "bought again after …" measures; system use. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, List<Instant>> ordersSince(Instant since) {
        java.util.Map<Long, List<Instant>> out = new java.util.HashMap<>();
        jdbc.sql("select customer_id, purchased_at from purchase where kind = 'ORDER' and purchased_at >= ?")
                .param(since.atOffset(java.time.ZoneOffset.UTC))
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                            .add(rs.getTimestamp(2).toInstant());
                });
        return out;
    }

    /**
     * One line of one customer's order or return as rules over orders see it (the loyalty programme's points): the
     * order, its kind ({@code ORDER} or {@code RETURN}) and the order a return refers to, when, the product and its
     * category (the line's own, else the product's), the quantity and the amount (quantity × unit price).
     */
    public record OrderLine(String orderId, String kind, String originalOrderId, Instant at, String sku,
                            String category, BigDecimal quantity, BigDecimal amount) {
    }

    /** A customer's order and return lines from a day on (UTC), oldest first, by order and line; system use. */
    @Transactional(readOnly = true)
    public List<OrderLine> orderLinesSince(long customerId, LocalDate from) {
        return jdbc.sql("select p.order_id, p.kind, p.original_order_id, p.purchased_at, l.sku, coalesce(l.category,"
                        + " pr.category), l.quantity, l.quantity * l.unit_price from purchase p join purchase_line l"
                        + " on l.order_id = p.order_id left join product pr on pr.sku = l.sku"
                        + " where p.customer_id = ? and p.purchased_at >= ? order by p.purchased_at, p.order_id,"
                        + " l.line_no")
                .params(customerId, from.atStartOfDay().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new OrderLine(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                        rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8)))
                .list();
    }

    private static final String LINE_FACTS = "select p.customer_id, p.purchased_at, l.quantity * l.unit_price,"
            + " l.quantity * (l.unit_price - l.unit_cost), l.category, pr.brand"
            + " from purchase p join purchase_line l on l.order_id = p.order_id left join product pr on pr.sku = l.sku";

    private static LineFact lineFact(ResultSet rs, int n) throws SQLException {
        double margin = rs.getDouble(4);
        return new LineFact(rs.getLong(1), instant(rs, 2), rs.getDouble(3), rs.wasNull() ? Double.NaN : margin,
                rs.getString(5), rs.getString(6));
    }

    private static BigDecimal strip(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The products of every order (not returns), for product-level delivery figures; system use, not scoped. */
    @Transactional(readOnly = true)
    public java.util.Map<String, List<String>> skusByOrder() {
        java.util.Map<String, List<String>> out = new java.util.HashMap<>();
        jdbc.sql("select l.order_id, l.sku from purchase_line l where l.sku is not null and l.quantity > 0")
                .query(rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return out;
    }

    /** A product: its SKU, name and category. */
    public record Product(String sku, String name, String category) {
    }

    /** Every product by SKU (system use: suggestions name products and categories). */
    @Transactional(readOnly = true)
    public java.util.Map<String, Product> products() {
        java.util.Map<String, Product> out = new java.util.TreeMap<>();
        jdbc.sql("select sku, name, category from product").query(rs -> {
            out.put(rs.getString(1), new Product(rs.getString(1), rs.getString(2), rs.getString(3)));
        });
        return out;
    }

    /** The product categories, of products and of purchase lines, sorted. */
    @Transactional(readOnly = true)
    public List<String> categories() {
        return jdbc.sql("select category from product where category is not null union select category from"
                + " purchase_line where category is not null").query(String.class).list().stream().sorted().toList();
    }

    /**
     * The customers who ordered any of these products, or anything in these categories (the line's category, else
     * the product's), in {@code [from, to)}; system use.
     */
    @Transactional(readOnly = true)
    public java.util.Set<Long> buyersOf(java.util.Collection<String> skus, java.util.Collection<String> categories,
                                       Instant from, Instant to) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        if (skus.isEmpty() && categories.isEmpty()) {
            return out;
        }
        java.util.Set<String> s = java.util.Set.copyOf(skus);
        java.util.Set<String> c = java.util.Set.copyOf(categories);
        jdbc.sql("select p.customer_id, l.sku, coalesce(l.category, pr.category) from purchase p join purchase_line l"
                        + " on l.order_id = p.order_id left join product pr on pr.sku = l.sku where p.kind = 'ORDER'"
                        + " and p.purchased_at >= ? and p.purchased_at < ?")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    if (s.contains(rs.getString(2)) || c.contains(rs.getString(3))) {
                        out.add(rs.getLong(1));
                    }
                });
        return out;
    }

    /** The products of these orders (not returns), by order; system use, not scoped. */
    @Transactional(readOnly = true)
    public java.util.Map<String, List<String>> skusOfOrders(java.util.Collection<String> orderIds) {
        java.util.Map<String, List<String>> out = new java.util.HashMap<>();
        List<String> ids = orderIds.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
        InChunks.each(ids, 500, (in, chunk) ->
                jdbc.sql("select order_id, sku from purchase_line where sku is not null and quantity > 0 and order_id"
                                + " in (" + in + ")").params(chunk)
                        .query(rs -> {
                            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                        }));
        return out;
    }
}
