package io.fidelis.app.importing;

import java.util.List;

import io.fidelis.core.csv.Field;

/** What every kind of import declares: its kind, its native fields, and its staging table with the columns. */
abstract class BaseImportSpec implements ImportSpec {
    private final ImportKind kind;
    private final List<Field> fields;
    private final String stageTable;
    private final List<StageColumn> stageColumns;

    BaseImportSpec(ImportKind kind, List<Field> fields, String stageTable, List<StageColumn> stageColumns) {
        this.kind = kind;
        this.fields = List.copyOf(fields);
        this.stageTable = stageTable;
        this.stageColumns = List.copyOf(stageColumns);
    }

    @Override
    public final ImportKind kind() {
        return kind;
    }

    @Override
    public final List<Field> fields() {
        return fields;
    }

    @Override
    public final String stageTable() {
        return stageTable;
    }

    @Override
    public final List<StageColumn> stageColumns() {
        return stageColumns;
    }
}
