package io.fidelis.app.importing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import io.fidelis.app.shared.DatabaseKind;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The staging table an import streams its valid rows into, inside the import's transaction. On PostgreSQL rows go
 * in through {@code COPY}; on H2 through batched inserts.
 */
abstract class Stage implements AutoCloseable {
    protected final Connection connection;
    protected final String table;
    protected final List<StageColumn> columns;

    private Stage(Connection connection, String table, List<StageColumn> columns) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
    }

    /** Opens the staging table {@code table} (created by migration V2) for the rows of one import. */
    static Stage open(Connection connection, DatabaseKind kind, String table, List<StageColumn> columns) {
        return kind == DatabaseKind.POSTGRESQL ? new CopyStage(connection, table, columns)
                : new BatchStage(connection, table, columns);
    }

    String columnList() {
        return columns.stream().map(StageColumn::name).collect(Collectors.joining(", "));
    }

    /** Adds one row; values are in column order. */
    final void add(Object[] values) throws SQLException {
        write(values);
    }

    protected abstract void write(Object[] values) throws SQLException;

    /** Sends what is buffered; the table is complete afterwards. */
    abstract void finish() throws SQLException;

    @Override
    public void close() throws SQLException {
        finish();
    }

    private static final class BatchStage extends Stage {
        private static final int BATCH = 2_000;
        private int pending;

        private PreparedStatement insert;

        BatchStage(Connection connection, String table, List<StageColumn> columns) {
            super(connection, table, columns);
        }

        private PreparedStatement insert() throws SQLException {
            if (insert == null) {
                this.insert = connection.prepareStatement("insert into " + table + " (" + columnList() + ") values ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")");
            }
            return insert;
        }

        @Override
        protected void write(Object[] values) throws SQLException {
            PreparedStatement insert = insert();
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof Instant instant) {
                    insert.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                } else {
                    insert.setObject(i + 1, v);
                }
            }
            insert.addBatch();
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        void finish() throws SQLException {
            if (insert == null) {
                return;
            }
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
            insert.close();
            insert = null;
        }
    }

    /** PostgreSQL COPY ... FROM STDIN in text format, fed in 256 KiB chunks. */
    private static final class CopyStage extends Stage {
        private static final int CHUNK = 1 << 18;
        private CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(CHUNK + 4096);
        private boolean finished;

        CopyStage(Connection connection, String table, List<StageColumn> columns) {
            super(connection, table, columns);
        }

        /** COPY starts with the first row: until then the connection stays free for other statements. */
        private CopyIn copy() throws SQLException {
            if (copy == null) {
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + columnList()
                        + ") from stdin");
            }
            return copy;
        }

        @Override
        protected void write(Object[] values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                appendValue(values[i]);
            }
            buffer.append('\n');
            if (buffer.length() >= CHUNK) {
                flush();
            }
        }

        private void appendValue(Object v) {
            if (v == null) {
                buffer.append("\\N");
            } else if (v instanceof String s) {
                for (int k = 0; k < s.length(); k++) {
                    char c = s.charAt(k);
                    switch (c) {
                        case '\\' -> buffer.append("\\\\");
                        case '\t' -> buffer.append("\\t");
                        case '\n' -> buffer.append("\\n");
                        case '\r' -> buffer.append("\\r");
                        default -> buffer.append(c);
                    }
                }
            } else if (v instanceof BigDecimal d) {
                buffer.append(d.toPlainString());
            } else if (v instanceof Instant instant) {
                buffer.append(instant.toString());
            } else if (v instanceof Boolean b) {
                buffer.append(b ? 't' : 'f');
            } else if (v instanceof LocalDate || v instanceof Number) {
                buffer.append(v);
            } else if (v instanceof Timestamp ts) {
                buffer.append(ts.toInstant());
            } else {
                throw new IllegalArgumentException("cannot stage a " + v.getClass().getName());
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy().writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        void finish() throws SQLException {
            if (finished) {
                return;
            }
            finished = true;
            if (buffer.length() > 0) {
                flush();
            }
            if (copy != null) {
                copy.endCopy();
            }
        }

        @Override
        public void close() throws SQLException {
            if (!finished && copy != null && copy.isActive()) {
                finished = true;
                copy.cancelCopy();
            }
        }
    }

    static void closeQuietly(Stage stage) {
        if (stage == null) {
            return;
        }
        try {
            stage.close();
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }

}
