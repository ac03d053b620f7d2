package io.fidelis.app.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fidelis.app.shared.DatabaseKind;
import org.flywaydb.core.Flyway;

/**
 * A baseline of {@code bench import}: the database's own bulk load of a generated purchases file into Fidelis's real
 * tables (customer, purchase and purchase_line, with their keys, foreign keys and indexes, as Flyway creates them),
 * with none of the import's validation, staging or idempotency. The rows go in as the import's own {@link Stage}
 * sends them: COPY on PostgreSQL, batched INSERTs (2,000 rows a batch) on H2; one transaction either way.
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
public final class KeyedBulkLoad {
    private static final String HEADER = "order_id,customer_id,purchased_at,sku,quantity,unit_price,unit_cost,category,"
            + "channel,original_order_id";

    private KeyedBulkLoad() {
    }

    /**
     * @param seconds from opening the file to the commit
     * @param javaSeconds of which reading the file and grouping the orders in Java, before the first row is sent
     */
    public record Timing(double seconds, double javaSeconds) {
    }

    /**
     * Creates the Fidelis schema in an empty database as the application does at startup: Flyway with the locations
     * of application.yml ({@code classpath:db/migration,classpath:db/vendor/{vendor}}).
     *
     * @param vendor {@code h2} or {@code postgresql}, as Spring Boot fills {@code {vendor}}
     */
    public static void createSchema(String url, String user, String password, String vendor) {
        Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
    }

    /** Loads the customers, the order headers and the lines into the real tables, in one transaction. */
    public static Timing load(Connection c, Path file) throws SQLException, IOException {
        DatabaseKind kind = DatabaseKind.of(c);
        c.setAutoCommit(false);
        long t = System.nanoTime();
        Parsed p = read(file);
        double java = (System.nanoTime() - t) / 1e9;
        // name_key (not null) takes its default '', as with the import: these customers have no name.
        try (Stage customers = Stage.open(c, kind, "customer", columns("external_id", "marketing_consent",
                "time_zone", "created_at", "updated_at", "version"))) {
            for (String customer : p.customers) {
                customers.add(new Object[] {customer, false, "UTC", p.now, p.now, 0});
            }
            customers.finish(); // a COPY closed unfinished is cancelled
        }
        Map<String, Long> ids = customerIds(c);
        try (Stage orders = Stage.open(c, kind, "purchase", columns("order_id", "customer_id", "purchased_at",
                "channel", "kind", "original_order_id"))) {
            for (Order o : p.orders.values()) {
                orders.add(new Object[] {o.id, ids.get(o.customer), o.at, o.channel, o.kind(), o.original});
            }
            orders.finish();
        }
        try (Stage lines = Stage.open(c, kind, "purchase_line", columns("order_id", "line_no", "sku", "category",
                "quantity", "unit_price", "unit_cost"))) {
            for (Line l : p.lines) {
                lines.add(new Object[] {l.order.id, l.lineNo, l.sku, l.category, l.quantity, l.price, l.cost});
            }
            lines.finish();
        }
        c.commit();
        return new Timing((System.nanoTime() - t) / 1e9, java);
    }

    private static List<StageColumn> columns(String... names) {
        return java.util.Arrays.stream(names).map(StageColumn::new).toList();
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

    private record Parsed(Instant now, Set<String> customers, Map<String, Order> orders, List<Line> lines) {
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
        return new Parsed(Instant.now(), customers, orders, lines);
    }

    private static String orNull(String field) {
        return field.isEmpty() ? null : field;
    }

    /** The greater of two values, null the least (as the import picks an order's channel and original order). */
    private static String greater(String a, String b) {
        return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
