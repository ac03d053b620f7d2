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
import io.fidelis.core.csv.Field;
import io.fidelis.core.csv.FieldType;
import io.fidelis.core.csv.RowError;
import org.springframework.stereotype.Component;

/**
 * Deliveries of orders: one row per order, or one per short line of an order (each repeating the order's
 * warehouse, promised day and delivery time). The order must already be imported. An order's delivery in the file
 * replaces the stored one whole, with its short lines: a re-import of the same file changes nothing.
 */
@Component
class DeliveryImport extends BaseImportSpec {
    static final List<Field> FIELDS = List.of(
            Field.required("order_id", FieldType.ID, 100),
            Field.required("warehouse", FieldType.TEXT, 100),
            Field.required("promised_on", FieldType.DATE, 32),
            Field.optional("delivered_at", FieldType.TIMESTAMP, 64),
            Field.optional("sku", FieldType.ID, 100),
            Field.optional("quantity_short", FieldType.DECIMAL, 64),
            Field.optional("out_of_stock", FieldType.BOOLEAN, 10));

    private static final List<StageColumn> STAGE = List.of(
            new StageColumn("file_line"),
            new StageColumn("order_id"),
            new StageColumn("warehouse"),
            new StageColumn("promised_on"),
            new StageColumn("delivered_at"),
            new StageColumn("sku"),
            new StageColumn("quantity_short"),
            new StageColumn("out_of_stock"));

    DeliveryImport() {
        super(ImportKind.DELIVERIES, FIELDS, "import_stage_deliveries", STAGE);
    }

    @Override
    public RowStager rowStager() {
        return RowStager.eachRow((r, errors) -> {
            String sku = (String) r.value(4);
            BigDecimal quantity = (BigDecimal) r.value(5);
            Boolean outOfStock = (Boolean) r.value(6);
            if (quantity != null && quantity.signum() < 0) {
                errors.add(new RowError(r.fileName(), r.line(), "quantity_short", "is negative: "
                        + quantity.toPlainString()));
            }
            if (sku == null && (quantity != null && quantity.signum() > 0 || Boolean.TRUE.equals(outOfStock))) {
                errors.add(new RowError(r.fileName(), r.line(), "sku", "is missing for a short or out-of-stock line"));
            }
            if (!errors.isEmpty()) {
                return null;
            }
            boolean short_ = sku != null;
            return new Object[] {r.line(), r.value(0), r.value(1), r.value(2), r.value(3), sku,
                    short_ ? (quantity == null ? BigDecimal.ZERO : quantity) : null,
                    short_ ? Boolean.TRUE.equals(outOfStock) : null};
        });
    }

    @Override
    public List<RowError> checkStaged(Connection c, String stage, String fileName) throws SQLException {
        List<RowError> errors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select s.file_line, s.order_id from " + stage + " s"
                + " where not exists (select 1 from purchase p where p.order_id = s.order_id and p.kind = 'ORDER')"
                + " order by s.file_line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(new RowError(fileName, rs.getLong(1), "order_id", "no order '" + rs.getString(2)
                        + "' (import the purchases first; a return has no delivery)"));
            }
        }
        // The rows of one order must agree on its delivery.
        try (PreparedStatement ps = c.prepareStatement("select a.file_line, a.order_id from " + stage + " a"
                + " where exists (select 1 from " + stage + " b where b.order_id = a.order_id"
                + " and b.file_line < a.file_line and (b.warehouse <> a.warehouse or b.promised_on <> a.promised_on"
                + " or b.delivered_at is distinct from a.delivered_at)) order by a.file_line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(new RowError(fileName, rs.getLong(1), "order_id", "order '" + rs.getString(2)
                        + "' has another warehouse, promised day or delivery time on an earlier line"));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select a.file_line, a.order_id, a.sku from " + stage + " a"
                + " where a.sku is not null and exists (select 1 from " + stage + " b where b.order_id = a.order_id"
                + " and b.sku = a.sku and b.file_line < a.file_line) order by a.file_line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(new RowError(fileName, rs.getLong(1), "sku", "'" + rs.getString(3)
                        + "' is short twice in order '" + rs.getString(2) + "'"));
            }
        }
        return errors;
    }

    @Override
    public Counts apply(Connection c, DatabaseKind kind, String stage, Set<String> present, String source)
            throws SQLException {
        OffsetDateTime now = Sql.now();
        String firstRows = "(select s.*, (select p.customer_id from purchase p where p.order_id = s.order_id)"
                + " customer_id from " + stage + " s where not exists (select 1 from " + stage + " f"
                + " where f.order_id = s.order_id and f.file_line < s.file_line))";
        long total = Sql.count(c, "select count(*) from " + firstRows + " x");
        long imported = Sql.count(c, "select count(*) from " + firstRows + " x where not exists"
                + " (select 1 from delivery d where d.order_id = x.order_id)");
        // An order is unchanged when its delivery and its short lines are exactly as stored.
        String sameDelivery = "d.warehouse = x.warehouse and d.promised_on = x.promised_on"
                + " and d.delivered_at is not distinct from x.delivered_at";
        String sameShortfalls = "not exists (select 1 from " + stage + " s where s.order_id = x.order_id"
                + " and s.sku is not null and not exists (select 1 from delivery_shortfall f where f.order_id ="
                + " s.order_id and f.sku = s.sku and f.quantity_short = s.quantity_short and f.out_of_stock ="
                + " s.out_of_stock)) and not exists (select 1 from delivery_shortfall f where f.order_id = x.order_id"
                + " and not exists (select 1 from " + stage + " s where s.order_id = f.order_id and s.sku = f.sku))";
        long unchanged = imported == total ? 0 : Sql.count(c, "select count(*) from " + firstRows + " x join delivery"
                + " d on d.order_id = x.order_id where " + sameDelivery + " and " + sameShortfalls);
        Sql.update(c, "merge into delivery d using " + firstRows + " x on (d.order_id = x.order_id)"
                + " when matched and not (" + sameDelivery + ") then update set warehouse = x.warehouse,"
                + " promised_on = x.promised_on, delivered_at = x.delivered_at, updated_at = ?"
                + " when not matched then insert (order_id, customer_id, warehouse, promised_on, delivered_at,"
                + " updated_at) values (x.order_id, x.customer_id, x.warehouse, x.promised_on, x.delivered_at, ?)",
                now, now);
        if (imported < total) {
            Sql.update(c, "delete from delivery_shortfall f where f.order_id in (select order_id from " + stage
                    + ")");
        }
        Sql.update(c, "insert into delivery_shortfall (order_id, sku, quantity_short, out_of_stock)"
                + " select order_id, sku, quantity_short, out_of_stock from " + stage + " where sku is not null");
        return new Counts(imported, total - imported - unchanged, unchanged);
    }
}
