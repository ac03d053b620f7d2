package io.fidelis.app.importing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.fidelis.app.shared.DatabaseKind;
import io.fidelis.core.csv.CsvRecordReader;
import io.fidelis.core.csv.Field;
import io.fidelis.core.csv.FieldType;
import io.fidelis.core.csv.RowError;
import org.springframework.stereotype.Component;

/**
 * Purchases: one row per order line. Lines of an order are numbered in file order; the key of a line is the order
 * id plus that number. An order whose lines all have negative quantities is a return (a UCI-style "C…" cancellation
 * invoice, for instance). A customer named by a purchase but not yet known is created; so is an unknown product.
 */
@Component
class PurchaseImport extends BaseImportSpec {
    static final List<Field> FIELDS = List.of(
            Field.required("order_id", FieldType.ID, 100),
            Field.required("customer_id", FieldType.ID, 100),
            Field.required("purchased_at", FieldType.TIMESTAMP, 64),
            Field.optional("sku", FieldType.ID, 100),
            Field.required("quantity", FieldType.DECIMAL, 64),
            Field.required("unit_price", FieldType.DECIMAL, 64),
            Field.optional("unit_cost", FieldType.DECIMAL, 64),
            Field.optional("category", FieldType.TEXT, 100),
            Field.optional("channel", FieldType.TEXT, 50),
            Field.optional("original_order_id", FieldType.ID, 100));
    private static final int ORDER = 0;
    private static final int CUSTOMER = 1;
    private static final int AT = 2;
    private static final int SKU = 3;
    private static final int QUANTITY = 4;
    private static final int PRICE = 5;
    private static final int COST = 6;
    private static final int CATEGORY = 7;
    private static final int CHANNEL = 8;
    private static final int ORIGINAL = 9;

    private static final List<StageColumn> STAGE = List.of(
            new StageColumn("file_line"),
            new StageColumn("order_id"),
            new StageColumn("line_no"),
            new StageColumn("customer_ext"),
            new StageColumn("purchased_at"),
            new StageColumn("sku"),
            new StageColumn("quantity"),
            new StageColumn("unit_price"),
            new StageColumn("unit_cost"),
            new StageColumn("category"),
            new StageColumn("channel"),
            new StageColumn("original_order_id"),
            new StageColumn("order_kind"));

    PurchaseImport() {
        super(ImportKind.PURCHASES, FIELDS, "import_stage_purchases", STAGE);
    }

    @Override
    public RowStager rowStager() {
        return new OrderRuns();
    }

    /**
     * Holds back the lines of the current order until it ends, then numbers them (1, 2, ...) and gives each the
     * order's header values: the earliest time, the greatest channel and original order id, and the kind (a return
     * when every line is negative). Line 1 then carries the order's header; an order split across the file is
     * merged again in SQL. An order has few lines, so memory stays small.
     */
    private static final class OrderRuns implements RowStager {
        private static final int AT_COLUMN = 4;
        private static final int QUANTITY_COLUMN = 6;
        private static final int CHANNEL_COLUMN = 10;
        private static final int ORIGINAL_COLUMN = 11;
        private static final int KIND_COLUMN = 12;
        private final List<Object[]> run = new ArrayList<>();
        private String order;

        @Override
        public boolean accept(CsvRecordReader r, List<RowError> errors, Stage stage) throws SQLException {
            BigDecimal quantity = (BigDecimal) r.value(QUANTITY);
            BigDecimal price = (BigDecimal) r.value(PRICE);
            BigDecimal cost = (BigDecimal) r.value(COST);
            if (quantity.signum() == 0) {
                errors.add(new RowError(r.fileName(), r.line(), "quantity", "is zero"));
            }
            if (price.signum() < 0) {
                errors.add(new RowError(r.fileName(), r.line(), "unit_price", "is negative: " + price.toPlainString()
                        + " (a refund is a negative quantity at a positive price)"));
            }
            if (cost != null && cost.signum() < 0) {
                errors.add(new RowError(r.fileName(), r.line(), "unit_cost", "is negative: " + cost.toPlainString()));
            }
            if (!errors.isEmpty()) {
                return false;
            }
            String current = (String) r.value(ORDER);
            if (!current.equals(order)) {
                finish(stage);
                order = current;
            }
            run.add(new Object[] {r.line(), current, run.size() + 1, r.value(CUSTOMER), r.value(AT), r.value(SKU),
                    quantity, price, cost, r.value(CATEGORY), r.value(CHANNEL), r.value(ORIGINAL), null});
            return true;
        }

        @Override
        public void finish(Stage stage) throws SQLException {
            if (run.isEmpty()) {
                return;
            }
            java.time.Instant at = null;
            String channel = null;
            String original = null;
            boolean allNegative = true;
            for (Object[] line : run) {
                java.time.Instant t = (java.time.Instant) line[AT_COLUMN];
                at = at == null || t.isBefore(at) ? t : at;
                channel = greater(channel, (String) line[CHANNEL_COLUMN]);
                original = greater(original, (String) line[ORIGINAL_COLUMN]);
                allNegative &= ((BigDecimal) line[QUANTITY_COLUMN]).signum() < 0;
            }
            for (Object[] line : run) {
                line[AT_COLUMN] = at;
                line[CHANNEL_COLUMN] = channel;
                line[ORIGINAL_COLUMN] = original;
                line[KIND_COLUMN] = allNegative ? "RETURN" : "ORDER";
                stage.add(line);
            }
            run.clear();
        }

        private static String greater(String a, String b) {
            return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
        }
    }

    @Override
    public List<RowError> checkStaged(Connection c, String stage, String fileName) throws SQLException {
        List<RowError> errors = new ArrayList<>();
        // Two steps, not a join with a grouped subquery (which H2 evaluates once per row).
        List<String> mixed = new ArrayList<>();
        // Index lookups rather than GROUP BY: H2 groups in memory, and a file may hold millions of orders.
        try (PreparedStatement ps = c.prepareStatement("select distinct a.order_id from " + stage + " a"
                + " where exists (select 1 from " + stage + " b where b.order_id = a.order_id"
                + " and b.customer_ext <> a.customer_ext) order by a.order_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                mixed.add(rs.getString(1));
            }
        }
        for (String order : mixed) {
            try (PreparedStatement ps = c.prepareStatement("select file_line, customer_ext from " + stage
                    + " where order_id = ? order by file_line")) {
                ps.setString(1, order);
                try (ResultSet rs = ps.executeQuery()) {
                    String first = null;
                    while (rs.next()) {
                        first = first == null ? rs.getString(2) : first;
                        errors.add(new RowError(fileName, rs.getLong(1), "customer_id", "order '" + order
                                + "' has lines for more than one customer ('" + first + "' and others); "
                                + "the whole order is refused"));
                    }
                }
            }
        }
        return errors;
    }

    @Override
    public List<String> otherStagingTables() {
        return List.of("import_stage_purchases_orders");
    }

    @Override
    public Counts apply(Connection c, DatabaseKind kind, String stage, Set<String> present, String source)
            throws SQLException {
        OffsetDateTime now = Sql.now();
        Sql.update(c, "insert into customer (external_id, marketing_consent, time_zone, created_at, updated_at,"
                + " version) select d.customer_ext, false, 'UTC', ?, ?, 0 from (select distinct customer_ext from "
                + stage + ") d where not exists (select 1 from customer c where c.external_id = d.customer_ext)",
                now, now);
        Sql.update(c, "insert into product (sku, name, category, created_at, updated_at)"
                + " select d.sku, d.sku, d.category, ?, ? from (select sku, max(category) category from " + stage
                + " where sku is not null group by sku) d"
                + " where not exists (select 1 from product p where p.sku = d.sku)", now, now);

        String orders = stage + "_orders";
        // Orders whose lines are not contiguous in the file (rare) have more than one run, each starting at line 1:
        // their header comes from all their lines, and their lines are numbered again in file order.
        String split = "(select a.order_id from " + stage + " a where a.line_no = 1 and exists (select 1 from "
                + stage + " b where b.order_id = a.order_id and b.line_no = 1 and b.file_line <> a.file_line))";
        long splitOrders = Sql.update(c, "insert into " + orders + " select s.order_id, c.id, min(s.purchased_at),"
                + " max(s.channel), case when max(s.quantity) < 0 then 'RETURN' else 'ORDER' end,"
                + " max(s.original_order_id) from " + stage + " s join customer c on c.external_id = s.customer_ext"
                + " where s.order_id in " + split + " group by s.order_id, c.id");
        if (splitOrders > 0) {
            Sql.update(c, "merge into " + stage + " t using (select order_id, file_line, row_number() over"
                    + " (partition by order_id order by file_line) rn from " + stage + " where order_id in"
                    + " (select order_id from " + orders + ")) r"
                    + " on (t.order_id = r.order_id and t.file_line = r.file_line)"
                    + " when matched then update set line_no = r.rn");
        }
        // Every other order's first line carries its header values (see OrderRuns).
        Sql.update(c, "insert into " + orders + " select s.order_id, c.id, s.purchased_at, s.channel, s.order_kind,"
                + " s.original_order_id from " + stage + " s join customer c on c.external_id = s.customer_ext"
                + " where s.line_no = 1 and not exists (select 1 from " + orders + " o where o.order_id = s.order_id)");
        if (kind == DatabaseKind.POSTGRESQL) {
            Sql.update(c, "analyze " + orders);
        }
        // Lines without cost or category keep what was stored for them at their first import, or else take the
        // product's: a line keeps the values of the time of purchase, and a re-import does not change them.
        Sql.update(c, "update " + stage + " s set unit_cost = coalesce((select l.unit_cost from purchase_line l"
                + " where l.order_id = s.order_id and l.line_no = s.line_no and l.sku = s.sku),"
                + " (select p.unit_cost from product p where p.sku = s.sku))"
                + " where s.unit_cost is null and s.sku is not null");
        Sql.update(c, "update " + stage + " s set category = coalesce((select l.category from purchase_line l"
                + " where l.order_id = s.order_id and l.line_no = s.line_no and l.sku = s.sku),"
                + " (select p.category from product p where p.sku = s.sku))"
                + " where s.category is null and s.sku is not null");
        String sameOrder = "p.customer_id = x.customer_id and p.purchased_at = x.purchased_at"
                + " and p.channel is not distinct from x.channel and p.kind = x.kind"
                + " and p.original_order_id is not distinct from x.original_order_id";
        String sameLine = "l.sku is not distinct from s.sku and l.category is not distinct from s.category"
                + " and l.quantity = s.quantity and l.unit_price = s.unit_price"
                + " and l.unit_cost is not distinct from s.unit_cost";
        long total = Sql.count(c, "select count(*) from " + stage);
        long imported = Sql.count(c, "select count(*) from " + stage + " s where not exists (select 1 from"
                + " purchase_line l where l.order_id = s.order_id and l.line_no = s.line_no)");
        long unchanged = imported == total ? 0 : Sql.count(c, "select count(*) from " + stage + " s"
                + " join purchase_line l on l.order_id = s.order_id and l.line_no = s.line_no"
                + " join " + orders + " x on x.order_id = s.order_id"
                + " join purchase p on p.order_id = s.order_id where " + sameLine + " and " + sameOrder);

        boolean newOrdersOnly = Sql.count(c, "select count(*) from " + orders + " x where exists"
                + " (select 1 from purchase p where p.order_id = x.order_id)") == 0;
        if (newOrdersOnly) {
            Sql.update(c, "insert into purchase (order_id, customer_id, purchased_at, channel, kind,"
                    + " original_order_id) select order_id, customer_id, purchased_at, channel, kind,"
                    + " original_order_id from " + orders);
        } else {
            Sql.update(c, "merge into purchase p using " + orders + " x on (p.order_id = x.order_id)"
                    + " when matched and not (" + sameOrder + ") then update set customer_id = x.customer_id,"
                    + " purchased_at = x.purchased_at, channel = x.channel, kind = x.kind,"
                    + " original_order_id = x.original_order_id"
                    + " when not matched then insert (order_id, customer_id, purchased_at, channel, kind,"
                    + " original_order_id) values (x.order_id, x.customer_id, x.purchased_at, x.channel, x.kind,"
                    + " x.original_order_id)");
        }
        if (imported == total) {
            Sql.update(c, "insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price,"
                    + " unit_cost) select order_id, line_no, sku, category, quantity, unit_price, unit_cost from "
                    + stage);
        } else {
            Sql.update(c, "merge into purchase_line l using " + stage + " s"
                    + " on (l.order_id = s.order_id and l.line_no = s.line_no)"
                    + " when matched and not (" + sameLine + ") then update set sku = s.sku, category = s.category,"
                    + " quantity = s.quantity, unit_price = s.unit_price, unit_cost = s.unit_cost"
                    + " when not matched then insert (order_id, line_no, sku, category, quantity, unit_price,"
                    + " unit_cost) values (s.order_id, s.line_no, s.sku, s.category, s.quantity, s.unit_price,"
                    + " s.unit_cost)");
            // An order re-imported with fewer lines loses the lines it no longer has.
            Sql.update(c, "delete from purchase_line l where l.order_id in (select order_id from " + stage + ")"
                    + " and l.line_no > (select max(s.line_no) from " + stage + " s where s.order_id = l.order_id)");
        }
        return new Counts(imported, total - imported - unchanged, unchanged);
    }
}
