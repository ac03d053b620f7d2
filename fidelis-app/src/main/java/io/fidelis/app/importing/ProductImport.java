package io.fidelis.app.importing;

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

/** Products, keyed by SKU. */
@Component
class ProductImport extends BaseImportSpec {
    static final List<Field> FIELDS = List.of(
            Field.required("sku", FieldType.ID, 100),
            Field.optional("name", FieldType.TEXT, 300),
            Field.optional("category", FieldType.TEXT, 100),
            Field.optional("brand", FieldType.TEXT, 100),
            Field.optional("unit_cost", FieldType.DECIMAL, 64));

    private static final List<StageColumn> STAGE = List.of(
            new StageColumn("file_line"),
            new StageColumn("sku"),
            new StageColumn("name"),
            new StageColumn("category"),
            new StageColumn("brand"),
            new StageColumn("unit_cost"));

    private static final List<MergeColumns.Column> COLUMNS = List.of(
            MergeColumns.Column.of("name", "name"),
            MergeColumns.Column.of("category", "category"),
            MergeColumns.Column.of("brand", "brand"),
            MergeColumns.Column.of("unit_cost", "unit_cost"));

    ProductImport() {
        super(ImportKind.PRODUCTS, FIELDS, "import_stage_products", STAGE);
    }

    @Override
    public RowStager rowStager() {
        return RowStager.eachRow((r, errors) -> {
            java.math.BigDecimal cost = (java.math.BigDecimal) r.value(4);
            if (cost != null && cost.signum() < 0) {
                errors.add(new RowError(r.fileName(), r.line(), "unit_cost", "is negative: " + cost.toPlainString()));
                return null;
            }
            return new Object[] {r.line(), r.value(0), r.value(1), r.value(2), r.value(3), cost};
        });
    }

    @Override
    public List<RowError> checkStaged(Connection c, String stage, String fileName) throws SQLException {
        List<RowError> errors = new ArrayList<>();
        errors.addAll(Duplicates.find(c, stage, "sku", "sku", fileName));
        return errors;
    }

    @Override
    public Counts apply(Connection c, DatabaseKind kind, String stage, Set<String> present, String source)
            throws SQLException {
        OffsetDateTime now = Sql.now();
        List<MergeColumns.Column> columns = MergeColumns.presentOnly(COLUMNS, present);
        long total = Sql.count(c, "select count(*) from " + stage);
        long imported = Sql.count(c, "select count(*) from " + stage + " s where not exists"
                + " (select 1 from product p where p.sku = s.sku)");
        long unchanged = Sql.count(c, "select count(*) from " + stage + " x join product p on p.sku = x.sku where "
                + MergeColumns.same("p", columns));
        Sql.update(c, "merge into product p using " + stage + " x on (p.sku = x.sku)"
                + (columns.isEmpty() ? "" : " when matched and not (" + MergeColumns.same("p", columns) + ")"
                + " then update set " + MergeColumns.setClause(columns) + ", updated_at = ?")
                + " when not matched then insert (sku" + (columns.isEmpty() ? "" : ", ")
                + MergeColumns.insertTargets(columns) + ", created_at, updated_at) values (x.sku"
                + (columns.isEmpty() ? "" : ", ") + MergeColumns.insertValues(columns) + ", ?, ?)",
                columns.isEmpty() ? new Object[] {now, now} : new Object[] {now, now, now});
        return new Counts(imported, total - imported - unchanged, unchanged);
    }
}
