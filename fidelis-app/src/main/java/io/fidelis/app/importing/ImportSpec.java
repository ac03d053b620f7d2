package io.fidelis.app.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import io.fidelis.app.shared.DatabaseKind;
import io.fidelis.core.csv.CsvRecordReader;
import io.fidelis.core.csv.Field;
import io.fidelis.core.csv.RowError;

/** What one kind of import reads, stages and applies. The engine ({@link ImportingCsv}) does the rest. */
interface ImportSpec {

    ImportKind kind();

    /** The fields of the native CSV format, in order. */
    List<Field> fields();

    /** The staging table's columns; the first is always {@code file_line bigint}. */
    List<StageColumn> stageColumns();

    /** The staging table the rows go to (created by migration), and any other staging tables the import uses. */
    String stageTable();

    default List<String> otherStagingTables() {
        return List.of();
    }

    /** A fresh row stager for one import (it may keep state across rows, such as line numbering). */
    RowStager rowStager();

    /** Checks and stages rows one by one; it may hold rows back (to complete an order) until {@link #finish}. */
    interface RowStager {
        /**
         * Checks the reader's current row, which parsed without errors, and stages it through {@code stage}, now or
         * later. A refused row gets its errors added and {@code false} returned.
         */
        boolean accept(CsvRecordReader reader, List<RowError> errors, Stage stage) throws SQLException;

        /** Stages what is still held back, at the end of the file. */
        default void finish(Stage stage) throws SQLException {
        }

        /** A stager that stages each accepted row at once. */
        static RowStager eachRow(RowMapper mapper) {
            return (reader, errors, stage) -> {
                Object[] row = mapper.toStageRow(reader, errors);
                if (row == null) {
                    return false;
                }
                stage.add(row);
                return true;
            };
        }
    }

    @FunctionalInterface
    interface RowMapper {
        /** The staging row for the reader's current row, or {@code null} with the row's errors added. */
        Object[] toStageRow(CsvRecordReader reader, List<RowError> errors);
    }

    /** Checks across rows and against stored data; returns one error per staged row to refuse. */
    List<RowError> checkStaged(Connection connection, String stage, String fileName) throws SQLException;

    /** Writes the staged rows into the real tables. {@code present} names the fields the file has columns for. */
    Counts apply(Connection connection, DatabaseKind kind, String stage, Set<String> present, String source)
            throws SQLException;

    record Counts(long imported, long updated, long unchanged) {
    }
}
