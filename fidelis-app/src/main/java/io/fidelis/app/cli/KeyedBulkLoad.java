package io.fidelis.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * A baseline of {@code bench import}: the database's own bulk load of a generated purchases file into Fidelis's real
 * tables (customer, purchase and purchase_line, with their keys, foreign keys and indexes, as Flyway creates them),
 * with none of the import's validation, staging or idempotency. PostgreSQL loads with three COPYs, H2 with batched
 * INSERTs (2,000 rows a batch); one transaction either way.
 *
 * <p>The rows are what the import stores for the same file: a customer per distinct customer id (not consenting,
 * time zone UTC, version 0, created and updated now); an order header per order id with the earliest time, the
 * greatest channel and original order id, and kind RETURN when every line's quantity is negative, else ORDER; the
 * lines of each order numbered 1, 2, ... in file order. Nothing is checked: an order naming two customers takes its
 * first line's (the import refuses such an order). The import also creates the products the lines name; purchase_line
 * has no foreign key to product, so this baseline leaves them out.
 *
 * <p>Not constant-memory: the orders are grouped in Java, in memory, and every line is held until it is written (a
 * few hundred MB for a million lines). It is a baseline, not a way to import.
 */
final class KeyedBulkLoad {
    private static final String HEADER = "order_id,customer_id,purchased_at,sku,quantity,unit_price,unit_cost,category,"
            + "channel,original_order_id";
    private static final int BATCH = 2_000;

    private KeyedBulkLoad() {
    }

    /**
     * @param seconds from opening the file to the commit
     * @param javaSeconds of which reading the file and grouping the orders in Java, before the first row is sent
     */
    record Timing(double seconds, double javaSeconds) {
    }

    /**
     * Creates the Fidelis schema in an empty database as the application does at startup: Flyway with the locations
     * of application.yml ({@code classpath:db/migration,classpath:db/vendor/{vendor}}).
     *
     * @param vendor {@code h2} or {@code postgresql}, as Spring Boot fills {@code {vendor}}
     */
    static void createSchema(String url, String user, String password, String vendor) {
        Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
    }

    /** COPYs the customers, the order headers and the lines into the real tables, in one transaction. */
    static Timing postgres(Connection c, Path file) throws SQLException, IOException {
        c.setAutoCommit(false);
        long t = System.nanoTime();
        Parsed p = read(file);
        double java = (System.nanoTime() - t) / 1e9;
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String now = p.now.toString();
        // name_key (not null) takes its default '', as with the import: these customers have no name.
        try (CsvCopy out = new CsvCopy(copy, "copy customer (external_id, marketing_consent, time_zone, created_at,"
                + " updated_at, version) from stdin with (format csv)")) {
            for (String customer : p.customers) {
                out.field(customer).field("f").field("UTC").field(now).field(now).field("0").endRow();
            }
            out.finish();
        }
        Map<String, Long> ids = customerIds(c);
        try (CsvCopy out = new CsvCopy(copy, "copy purchase (order_id, customer_id, purchased_at, channel, kind,"
                + " original_order_id) from stdin with (format csv)")) {
            for (Order o : p.orders.values()) {
                out.field(o.id).field(ids.get(o.customer).toString()).field(o.at.toString()).field(o.channel)
                        .field(o.kind()).field(o.original).endRow();
            }
            out.finish();
        }
        try (CsvCopy out = new CsvCopy(copy, "copy purchase_line (order_id, line_no, sku, category, quantity,"
                + " unit_price, unit_cost) from stdin with (format csv)")) {
            for (Line l : p.lines) {
                out.field(l.order.id).field(Integer.toString(l.lineNo)).field(l.sku).field(l.category)
                        .field(l.quantity.toPlainString()).field(l.price.toPlainString())
                        .field(l.cost == null ? null : l.cost.toPlainString()).endRow();
            }
            out.finish();
        }
        c.commit();
        return new Timing((System.nanoTime() - t) / 1e9, java);
    }

    /** Batch-inserts the customers, the order headers and the lines into the real tables, in one transaction. */
    static Timing h2(Connection c, Path file) throws SQLException, IOException {
        c.setAutoCommit(false);
        long t = System.nanoTime();
        Parsed p = read(file);
        double java = (System.nanoTime() - t) / 1e9;
        try (PreparedStatement ps = c.prepareStatement("insert into customer (external_id, marketing_consent,"
                + " time_zone, created_at, updated_at, version) values (?, false, 'UTC', ?, ?, 0)")) {
            int pending = 0;
            for (String customer : p.customers) {
                ps.setString(1, customer);
                ps.setObject(2, p.now);
                ps.setObject(3, p.now);
                ps.addBatch();
                pending = flush(ps, pending + 1);
            }
            ps.executeBatch();
        }
        Map<String, Long> ids = customerIds(c);
        try (PreparedStatement ps = c.prepareStatement("insert into purchase (order_id, customer_id, purchased_at,"
                + " channel, kind, original_order_id) values (?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Order o : p.orders.values()) {
                ps.setString(1, o.id);
                ps.setLong(2, ids.get(o.customer));
                ps.setObject(3, OffsetDateTime.ofInstant(o.at, ZoneOffset.UTC));
                ps.setString(4, o.channel);
                ps.setString(5, o.kind());
                ps.setString(6, o.original);
                ps.addBatch();
                pending = flush(ps, pending + 1);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into purchase_line (order_id, line_no, sku, category,"
                + " quantity, unit_price, unit_cost) values (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Line l : p.lines) {
                ps.setString(1, l.order.id);
                ps.setInt(2, l.lineNo);
                ps.setString(3, l.sku);
                ps.setString(4, l.category);
                ps.setBigDecimal(5, l.quantity);
                ps.setBigDecimal(6, l.price);
                ps.setBigDecimal(7, l.cost);
                ps.addBatch();
                pending = flush(ps, pending + 1);
            }
            ps.executeBatch();
        }
        c.commit();
        return new Timing((System.nanoTime() - t) / 1e9, java);
    }

    private static int flush(PreparedStatement ps, int pending) throws SQLException {
        if (pending < BATCH) {
            return pending;
        }
        ps.executeBatch();
        return 0;
    }

    private static Map<String, Long> customerIds(Connection c) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id, external_id from customer")) {
            while (rs.next()) {
                ids.put(rs.getString(2), rs.getLong(1));
            }
        }
        return ids;
    }

    private static final class Order {
        final String id;
        final String customer;
        Instant at;
        String channel;
        String original;
        boolean allNegative = true;
        int lines;

        Order(String id, String customer) {
            this.id = id;
            this.customer = customer;
        }

        String kind() {
            return allNegative ? "RETURN" : "ORDER";
        }
    }

    private record Line(Order order, int lineNo, String sku, String category, BigDecimal quantity, BigDecimal price,
                        BigDecimal cost) {
    }

    private record Parsed(OffsetDateTime now, Set<String> customers, Map<String, Order> orders, List<Line> lines) {
    }

    /**
     * Reads a file as {@code fidelis demo} writes it (the header above, no quoted fields; an empty field is null) and
     * groups its lines into orders, in memory.
     */
    private static Parsed read(Path file) throws IOException {
        Set<String> customers = new LinkedHashSet<>();
        Map<String, Order> orders = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalArgumentException("not a generated purchases file (header " + header + "): " + file);
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.indexOf('"') >= 0) {
                    throw new IllegalArgumentException("quoted fields are not supported by this baseline: " + line);
                }
                String[] f = line.split(",", -1);
                if (f.length != 10) {
                    throw new IllegalArgumentException("expected 10 fields: " + line);
                }
                Order o = orders.get(f[0]);
                if (o == null) {
                    o = new Order(f[0], f[1]);
                    orders.put(f[0], o);
                    customers.add(f[1]);
                }
                Instant at = OffsetDateTime.parse(f[2]).toInstant();
                o.at = o.at == null || at.isBefore(o.at) ? at : o.at;
                o.channel = greater(o.channel, orNull(f[8]));
                o.original = greater(o.original, orNull(f[9]));
                BigDecimal quantity = new BigDecimal(f[4]);
                o.allNegative &= quantity.signum() < 0;
                String cost = orNull(f[6]);
                lines.add(new Line(o, ++o.lines, orNull(f[3]), orNull(f[7]), quantity, new BigDecimal(f[5]),
                        cost == null ? null : new BigDecimal(cost)));
            }
        }
        return new Parsed(OffsetDateTime.now(ZoneOffset.UTC), customers, orders, lines);
    }

    private static String orNull(String field) {
        return field.isEmpty() ? null : field;
    }

    /** The greater of two values, null the least (as the import picks an order's channel and original order). */
    private static String greater(String a, String b) {
        return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** Rows of one COPY ... FROM STDIN (FORMAT csv), sent in 64 KB chunks as they are written. */
    private static final class CsvCopy implements AutoCloseable {
        private final CopyIn copy;
        private final StringBuilder row = new StringBuilder(1 << 17);
        private boolean first = true;

        CsvCopy(CopyManager manager, String sql) throws SQLException {
            this.copy = manager.copyIn(sql);
        }

        /** A value; null is written as an empty unquoted field, which COPY reads as NULL. */
        CsvCopy field(String value) {
            if (!first) {
                row.append(',');
            }
            first = false;
            if (value == null) {
                return this;
            }
            boolean quote = value.isEmpty();
            for (int i = 0; i < value.length() && !quote; i++) {
                char ch = value.charAt(i);
                quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
            }
            if (quote) {
                row.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                row.append(value);
            }
            return this;
        }

        void endRow() throws SQLException {
            row.append('\n');
            first = true;
            if (row.length() >= 1 << 16) {
                send();
            }
        }

        private void send() throws SQLException {
            byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            row.setLength(0);
        }

        /** Sends the last rows and ends the COPY. */
        void finish() throws SQLException {
            send();
            copy.endCopy();
        }

        /** Cancels the COPY if it was not finished (an error on the way). */
        @Override
        public void close() throws SQLException {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
