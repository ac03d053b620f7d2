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
class PurchaseImport implements ImportSpec {
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
            new StageColumn("original_order_id"));

    @Override
    public ImportKind kind() {
        return ImportKind.PURCHASES;
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    @Override
    public List<StageColumn> stageColumns() {
        return STAGE;
    }

    @Override
    public RowStager rowStager() {
        return new LineNumbering()::toStageRow;
    }

    /** Numbers the lines of each order in file order (1, 2, ...). */
    private static final class LineNumbering {
        private String previousOrder;
        private int lineNo;

    Object[] toStageRow(CsvRecordReader r, List<RowError> errors) {
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
            return null;
        }
        String order = (String) r.value(ORDER);
        if (!order.equals(previousOrder)) {
            lineNo = 1;
            previousOrder = order;
        } else {
            lineNo++;
        }
        return new Object[] {r.line(), order, lineNo, r.value(CUSTOMER), r.value(AT), r.value(SKU), quantity,
                price, cost, r.value(CATEGORY), r.value(CHANNEL), r.value(ORIGINAL)};
    }
    }

    @Override
    public List<RowError> checkStaged(Connection c, String stage, String fileName) throws SQLException {
        List<RowError> errors = new ArrayList<>();
        // Two steps, not a join with a grouped subquery (which H2 evaluates once per row).
        List<String> mixed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select order_id from " + stage
                + " group by order_id having count(distinct customer_ext) > 1 order by order_id");
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
    public String stageTable() {
        return "import_stage_purchases";
    }

    @Override
    public List<String> otherStagingTables() {
        return List.of("import_stage_purchases_orders");
    }

    @Override
    public Counts apply(Connection c, DatabaseKind kind, String stage, Set<String> present, String source)
            throws SQLException {
        OffsetDateTime now = Sql.now();
        // An order whose lines are not contiguous in the file: number its lines again, in file order.
        if (Sql.count(c, "select count(*) from (select order_id from " + stage
                + " group by order_id, line_no having count(*) > 1) d") > 0) {
            Sql.update(c, "merge into " + stage + " t using (select file_line, row_number() over "
                    + "(partition by order_id order by file_line) rn from " + stage + ") r"
                    + " on (t.file_line = r.file_line) when matched then update set line_no = r.rn");
        }
        Sql.update(c, "insert into customer (external_id, marketing_consent, time_zone, created_at, updated_at,"
                + " version) select d.customer_ext, false, 'UTC', ?, ?, 0 from (select distinct customer_ext from "
                + stage + ") d where not exists (select 1 from customer c where c.external_id = d.customer_ext)",
                now, now);
        Sql.update(c, "insert into product (sku, name, category, created_at, updated_at)"
                + " select d.sku, d.sku, d.category, ?, ? from (select sku, max(category) category from " + stage
                + " where sku is not null group by sku) d"
                + " where not exists (select 1 from product p where p.sku = d.sku)", now, now);
        // Lines without cost or category take the product's.
        Sql.update(c, "update " + stage + " s set unit_cost = (select p.unit_cost from product p where p.sku = s.sku)"
                + " where s.unit_cost is null and s.sku is not null");
        Sql.update(c, "update " + stage + " s set category = (select p.category from product p where p.sku = s.sku)"
                + " where s.category is null and s.sku is not null");

        String orders = stage + "_orders";
        Sql.update(c, "insert into " + orders + " select s.order_id, c.id, min(s.purchased_at), max(s.channel),"
                + " case when max(s.quantity) < 0 then 'RETURN' else 'ORDER' end, max(s.original_order_id)"
                + " from " + stage + " s join customer c on c.external_id = s.customer_ext group by s.order_id, c.id");
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

        Sql.update(c, "merge into purchase p using " + orders + " x on (p.order_id = x.order_id)"
                + " when matched and not (" + sameOrder + ") then update set customer_id = x.customer_id,"
                + " purchased_at = x.purchased_at, channel = x.channel, kind = x.kind,"
                + " original_order_id = x.original_order_id"
                + " when not matched then insert (order_id, customer_id, purchased_at, channel, kind,"
                + " original_order_id) values (x.order_id, x.customer_id, x.purchased_at, x.channel, x.kind,"
                + " x.original_order_id)");
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
