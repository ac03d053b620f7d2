package io.fidelis.app.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.fidelis.app.shared.DatabaseKind;
import io.fidelis.core.csv.CsvFormatException;
import io.fidelis.core.csv.CsvRecordReader;
import io.fidelis.core.csv.FieldParser;
import io.fidelis.core.csv.RowError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Imports a CSV file of customers, products or purchases: the one streaming importer every kind of record goes
 * through (CLI, HTTP upload, demo).
 *
 * <p>The whole file is imported in one database transaction. Valid rows stream into a temporary staging table
 * (constant memory); rows are checked as they are read and then across rows; the staged rows are then merged into
 * the real tables set-wise. If any row is invalid and {@code skipInvalid} is off, the transaction is rolled back and
 * the database is exactly as it was. A crash at any point also rolls back, so an interrupted import is simply run
 * again. Merging by natural keys (external id; order id plus line number) makes a re-import change nothing.
 */
@Service
public class ImportingCsv {
    static final int MAX_REPORTED_ERRORS = 100;
    private static final int PROGRESS_EVERY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ImportingCsv.class);

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final Map<ImportKind, ImportSpec> specs = new EnumMap<>(ImportKind.class);

    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final java.util.concurrent.atomic.AtomicLong lastRowsPerSecond = new java.util.concurrent.atomic.AtomicLong();

    ImportingCsv(DataSource dataSource, ApplicationEventPublisher events, List<ImportSpec> specs,
                 org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.dataSource = dataSource;
        this.events = events;
        specs.forEach(s -> this.specs.put(s.kind(), s));
        this.meters = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        io.micrometer.core.instrument.Gauge.builder("fidelis.import.last.rows.per.second", lastRowsPerSecond,
                java.util.concurrent.atomic.AtomicLong::get).description("rows read per second by the last import")
                .register(this.meters);
    }

    /**
     * Imports a file (see the class comment) and counts it in the metrics: rows by kind and outcome
     * ({@code fidelis.import.rows}), the time taken ({@code fidelis.import.duration}) and the last import's rows/s.
     */
    public ImportSummary importFile(ImportFile command) {
        ImportSummary summary = importMeasured(command);
        String kind = command.kind().name().toLowerCase(java.util.Locale.ROOT);
        for (var e : java.util.Map.of("imported", summary.imported() + summary.updated() + summary.unchanged(),
                "rejected", summary.rejected()).entrySet()) {
            io.micrometer.core.instrument.Counter.builder("fidelis.import.rows").tag("kind", kind)
                    .tag("outcome", e.getKey()).register(meters).increment(summary.outcome()
                            == ImportSummary.Outcome.IMPORTED || e.getKey().equals("rejected") ? e.getValue() : 0);
        }
        io.micrometer.core.instrument.Timer.builder("fidelis.import.duration").tag("kind", kind)
                .tag("outcome", summary.outcome().name().toLowerCase(java.util.Locale.ROOT)).register(meters)
                .record(java.time.Duration.ofNanos((long) (summary.seconds() * 1e9)));
        if (summary.seconds() > 0) {
            lastRowsPerSecond.set(Math.round(summary.read() / summary.seconds()));
        }
        return summary;
    }

    /** The fields a file of this kind may have, in their native order (for the mapping page). */
    public List<io.fidelis.core.csv.Field> fieldsOf(ImportKind kind) {
        return specs.get(kind).fields();
    }

    private ImportSummary importMeasured(ImportFile command) {
        ImportSpec spec = specs.get(command.kind());
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        String fileName = command.file().getFileName().toString();
        FieldParser parser;
        try {
            parser = new FieldParser(command.zone(), command.timestampFormat());
        } catch (IllegalArgumentException e) {
            return rejected(command, fileName, 0, 0, List.of(new RowError(fileName, 0, "timestamp_format",
                    "not a valid pattern: " + e.getMessage())), started, List.of());
        }
        CsvRecordReader reader;
        try {
            reader = CsvRecordReader.open(command.file(), spec.fields(), command.mapping(), parser);
        } catch (CsvFormatException e) {
            return rejected(command, fileName, 0, 0, e.errors(), started, List.of());
        } catch (NoSuchFileException e) {
            return rejected(command, fileName, 0, 0,
                    List.of(new RowError(fileName, 0, null, "no such file: " + command.file())), started, List.of());
        } catch (IOException e) {
            return rejected(command, fileName, 0, 0,
                    List.of(new RowError(fileName, 0, null, "cannot read the file: " + e.getMessage())), started,
                    List.of());
        }
        Set<String> present = new HashSet<>();
        for (int i = 0; i < spec.fields().size(); i++) {
            if (reader.columnOf(i) >= 0) {
                present.add(spec.fields().get(i).name());
            }
        }
        String stageTable = spec.stageTable();
        Path rejectsPath = command.rejectsFile();
        try (reader; Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            DatabaseKind kind = DatabaseKind.of(connection);
            connection.setAutoCommit(false);
            List<String> staging = new ArrayList<>(List.of(stageTable));
            staging.addAll(spec.otherStagingTables());
            Stage stage = null;
            try {
                lockImports(connection, fileName);
                if (anyStaged(connection, staging)) {
                    // Left over from an import whose clean-up did not run. TRUNCATE is fast, but on H2 it commits
                    // and so releases the lock: take the lock again afterwards.
                    truncateStaging(connection, staging);
                    connection.commit();
                    lockImports(connection, fileName);
                }
                stage = Stage.open(connection, kind, stageTable, spec.stageColumns());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
                throw e;
            }
            List<RowError> errors = new ArrayList<>();
            long read = 0;
            long rejected = 0;
            RejectsWriter rejects = command.skipInvalid() ? new RejectsWriter(rejectsPath, reader.header()) : null;
            try {
                List<RowError> rowErrors = new ArrayList<>();
                ImportSpec.RowStager stager = spec.rowStager();
                while (reader.next()) {
                    read++;
                    rowErrors.clear();
                    boolean accepted;
                    if (reader.rowValid()) {
                        accepted = stager.accept(reader, rowErrors, stage);
                    } else {
                        rowErrors.addAll(reader.errors());
                        accepted = false;
                    }
                    if (!accepted) {
                        rejected++;
                        if (errors.size() < MAX_REPORTED_ERRORS) {
                            errors.addAll(rowErrors.subList(0,
                                    Math.min(rowErrors.size(), MAX_REPORTED_ERRORS - errors.size())));
                        }
                        if (rejects != null) {
                            rejects.write(reader.line(), rowErrors, reader.rawValues());
                        }
                    }
                    if (read % PROGRESS_EVERY == 0) {
                        command.progress().update(reader.bytesRead(), reader.totalBytes(), read);
                    }
                }
                command.progress().update(reader.bytesRead(), reader.totalBytes(), read);
                stager.finish(stage);
                stage.finish();
                if (kind == DatabaseKind.POSTGRESQL) {
                    // Fresh statistics for the planner: the staging table was empty (or analysed empty) before this
                    // import, and with stale statistics PostgreSQL chose nested scans that took minutes.
                    try (Statement st = connection.createStatement()) {
                        st.execute("analyze " + stageTable);
                    }
                }
                log.debug("read and staged {} rows in {} ms", read, (System.nanoTime() - started) / 1_000_000);
                // Checks across rows run on the valid rows even when others were invalid, so that one run
                // reports every problem in the file.
                List<RowError> staged = spec.checkStaged(connection, stageTable, fileName);
                log.debug("checked staged rows at {} ms", (System.nanoTime() - started) / 1_000_000);
                List<RowError> allStaged = new ArrayList<>();
                while (!staged.isEmpty()) {
                    allStaged.addAll(staged);
                    rejected += staged.stream().mapToLong(RowError::line).distinct().count();
                    for (RowError e : staged) {
                        if (errors.size() < MAX_REPORTED_ERRORS) {
                            errors.add(e);
                        }
                    }
                    if (!command.skipInvalid()) {
                        break;
                    }
                    // Removing a row can invalidate another (a referral to it): check again until nothing changes.
                    removeStaged(connection, stageTable, staged);
                    staged = spec.checkStaged(connection, stageTable, fileName);
                }
                if (rejected > 0 && !command.skipInvalid()) {
                    connection.rollback();
                    return rejected(command, fileName, read, rejected, errors, started, reader.ignoredColumns());
                }
                if (!allStaged.isEmpty()) {
                    rejects.writeLinesFrom(command, spec, allStaged);
                }
                ImportSpec.Counts counts = spec.apply(connection, kind, stageTable, present,
                        "import:" + fileName);
                String rejectsName = rejects != null && rejected > 0 ? rejectsPath.toString() : null;
                recordRun(connection, new ImportSummary(command.kind(), fileName, ImportSummary.Outcome.IMPORTED,
                        read, counts.imported(), counts.updated(), counts.unchanged(), rejected, 0, errors,
                        rejectsName, reader.ignoredColumns()), startedAt, command.requestedBy());
                log.debug("applied at {} ms", (System.nanoTime() - started) / 1_000_000);
                if (rejects != null) {
                    rejects.close(); // before the commit: a rejects file that cannot be written fails the import
                }
                connection.commit();
                log.debug("committed at {} ms", (System.nanoTime() - started) / 1_000_000);
                cleanUpStaging(connection, staging);
                double seconds = (System.nanoTime() - started) / 1e9;
                ImportSummary summary = new ImportSummary(command.kind(), fileName, ImportSummary.Outcome.IMPORTED,
                        read, counts.imported(), counts.updated(), counts.unchanged(), rejected, seconds, errors,
                        rejectsName, reader.ignoredColumns());
                if (rejects != null && rejected == 0) {
                    Files.deleteIfExists(rejectsPath);
                }
                events.publishEvent(new CsvImported(command.kind(), fileName, summary.imported(), summary.updated(),
                        command.requestedBy()));
                log.info("Imported {} {}: read {}, imported {}, updated {}, unchanged {}, rejected {} in {} s",
                        command.kind().label(), fileName, read, counts.imported(), counts.updated(),
                        counts.unchanged(), rejected, String.format("%.1f", seconds));
                return summary;
            } catch (CsvFormatException e) {
                Stage.closeQuietly(stage);
                connection.rollback();
                List<RowError> all = new ArrayList<>(errors);
                all.addAll(e.errors());
                return rejected(command, fileName, read, rejected + 1, all, started, reader.ignoredColumns());
            } catch (SQLException | IOException | RuntimeException e) {
                Stage.closeQuietly(stage);
                connection.rollback();
                if (rejects != null) {
                    rejects.closeQuietly();
                    Files.deleteIfExists(rejectsPath);
                }
                throw e;
            } finally {
                if (rejects != null) {
                    rejects.closeQuietly();
                }
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new ImportFailedException("the import of " + fileName + " failed in the database and was rolled "
                    + "back: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeStaged(Connection connection, String stageTable, List<RowError> staged)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from " + stageTable + " where file_line = ?")) {
            for (RowError e : staged) {
                delete.setLong(1, e.line());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /** One import at a time: a second one is refused at once rather than left waiting. */
    private static void lockImports(Connection connection, String fileName) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeQuery("select id from import_lock where id = 1 for update nowait").close();
        } catch (SQLException e) {
            // PostgreSQL: 55P03 lock_not_available; H2: HYT00 lock timeout.
            if ("55P03".equals(e.getSQLState()) || "HYT00".equals(e.getSQLState())) {
                throw new ImportBusyException("another import is running; " + fileName + " was not imported."
                        + " Run it again when the other has finished (an import that was just interrupted may"
                        + " still be rolling back on the database server for a moment).", e);
            }
            throw e;
        }
    }

    private static boolean anyStaged(Connection connection, List<String> tables) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String table : tables) {
                try (var rs = st.executeQuery("select 1 from " + table + " fetch first 1 rows only")) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void truncateStaging(Connection connection, List<String> tables) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String table : tables) {
                st.execute("truncate table " + table);
            }
        }
    }

    /**
     * Empties the staging tables after the commit, under the import lock again: staged rows are only ever touched
     * by the import holding the lock. If another import took the lock first, it empties them itself when it starts.
     */
    private static void cleanUpStaging(Connection connection, List<String> tables) {
        try {
            try (Statement st = connection.createStatement()) {
                st.executeQuery("select id from import_lock where id = 1 for update nowait").close();
            }
            truncateStaging(connection, tables);
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the next import empties the staging tables when it starts
            }
            log.debug("staging tables left for the next import to empty: {}", e.getMessage());
        }
    }

    private ImportSummary rejected(ImportFile command, String fileName, long read, long rejected,
                                   List<RowError> errors, long started, List<String> ignored) {
        double seconds = (System.nanoTime() - started) / 1e9;
        try {
            Files.deleteIfExists(command.rejectsFile());
        } catch (IOException ignoredToo) {
            // nothing was written for a rejected file
        }
        return new ImportSummary(command.kind(), fileName, ImportSummary.Outcome.REJECTED, read, 0, 0, 0, rejected,
                seconds, errors.size() > MAX_REPORTED_ERRORS ? errors.subList(0, MAX_REPORTED_ERRORS) : errors, null,
                ignored);
    }

    private static void recordRun(Connection connection, ImportSummary s, Instant startedAt, String requestedBy)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into import_run (kind, file_name, "
                + "started_at, finished_at, outcome, rows_read, rows_imported, rows_updated, rows_unchanged, "
                + "rows_rejected, requested_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, s.kind().name());
            insert.setString(2, s.file());
            insert.setObject(3, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setString(5, s.outcome().name());
            insert.setLong(6, s.read());
            insert.setLong(7, s.imported());
            insert.setLong(8, s.updated());
            insert.setLong(9, s.unchanged());
            insert.setLong(10, s.rejected());
            insert.setString(11, requestedBy);
            insert.executeUpdate();
        }
        // The audit trail gets one entry per import, in the same transaction; the rows are in import_run.
        try (PreparedStatement audit = connection.prepareStatement("insert into audit_event (occurred_at, actor,"
                + " entity_type, entity_id, action, old_value, new_value) values (?, ?, ?, ?, ?, null, ?)")) {
            audit.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            audit.setString(2, requestedBy);
            audit.setString(3, s.kind().label());
            audit.setString(4, s.file().length() > 100 ? s.file().substring(0, 100) : s.file());
            audit.setString(5, "import");
            audit.setString(6, String.format("{\"read\":%d,\"imported\":%d,\"updated\":%d,\"unchanged\":%d,"
                    + "\"rejected\":%d}", s.read(), s.imported(), s.updated(), s.unchanged(), s.rejected()));
            audit.executeUpdate();
        }
    }

    /** {@code FILE.rejects.csv}: the line, the reason and the row as it was in the file. */
    private static final class RejectsWriter {
        private final CSVPrinter printer;
        private final int columns;
        private boolean closed;

        RejectsWriter(Path path, List<String> header) throws IOException {
            BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            List<String> head = new ArrayList<>(List.of("line", "reason"));
            head.addAll(header);
            this.columns = header.size();
            this.printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                    .setHeader(head.toArray(String[]::new)).get());
        }

        void write(long line, List<RowError> errors, List<String> raw) throws IOException {
            List<Object> record = new ArrayList<>(columns + 2);
            record.add(line);
            StringBuilder reason = new StringBuilder();
            for (RowError e : errors) {
                if (!reason.isEmpty()) {
                    reason.append("; ");
                }
                reason.append(e.field() == null ? e.reason() : e.field() + ": " + e.reason());
            }
            record.add(reason.toString());
            record.addAll(raw);
            printer.printRecord(record);
        }

        /** Rows refused after staging: read their raw values again from the file. */
        void writeLinesFrom(ImportFile command, ImportSpec spec, List<RowError> staged)
                throws IOException, CsvFormatException {
            TreeMap<Long, List<RowError>> byLine = new TreeMap<>();
            staged.forEach(e -> byLine.computeIfAbsent(e.line(), l -> new ArrayList<>()).add(e));
            try (CsvRecordReader again = CsvRecordReader.open(command.file(), spec.fields(), command.mapping(),
                    new FieldParser(command.zone(), command.timestampFormat()))) {
                while (!byLine.isEmpty() && again.next()) {
                    List<RowError> errs = byLine.remove(again.line());
                    if (errs != null) {
                        write(again.line(), errs, again.rawValues());
                    }
                }
            }
        }

        void close() throws IOException {
            if (!closed) {
                closed = true;
                printer.close();
            }
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
