package io.fidelis.app.cli;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.fidelis.app.customer.CustomerSlice;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Workspace page times at scale: generates customers and purchases straight into the database, starts the server,
 * signs in over HTTP and times the customers list (first pages with filters, and pages deep in the list), the
 * Customer 360 page and the name-prefix search, warm. Times are round trips on loopback, so they include the HTTP
 * client's share; the baseline is the plainest workspace page (settings), measured in the same run.
 */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = {"Customer list, Customer 360 and name search times with N generated customers (default 1M)",
                "and about 3 purchases each, on H2 (default) or embedded PostgreSQL. Reports p50/p95/p99 in ms."})
class WebBench implements Callable<Integer> {
    @Option(names = "--customers", defaultValue = "1000000", description = "Customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--purchases-per-customer", defaultValue = "3",
            description = "Mean purchases per customer (default ${DEFAULT-VALUE}).")
    int perCustomer;

    @Option(names = "--db", defaultValue = "h2", description = "h2 or postgres (default ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--requests", defaultValue = "1000", description = "Timed requests per case (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", defaultValue = "300", description = "Untimed requests per case first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--dir", description = "Working directory (default: a new temporary directory).")
    Path dir;

    @Option(names = "--only", description = "Run only the cases whose name contains this text (the baseline always runs).")
    String only;

    static final String[] FIRST = {"Wei", "Fang", "Min", "Jing", "Li", "Qiang", "Lei", "Yan", "Jun", "Hui", "Anna",
            "Ben", "Chloe", "David", "Emma", "Frank", "Grace", "Henry", "Iris", "Jack", "Kate", "Leo", "Mia", "Noah",
            "Olivia", "Paul", "Quinn", "Rose", "Sam", "Tom", "Uma", "Victor", "Wendy", "Xavier", "Yara", "Zoe"};
    static final String[] LAST = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu",
            "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Smith", "Brown", "Taylor", "Wilson",
            "Davies", "Evans", "Thomas", "Johnson", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White"};
    static final String[] REGIONS = {"North", "South", "East"};
    static final String[] SEGMENTS = {"Consumer", "Retail", "Key account", "Wholesale"};

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("fidelis-web-bench-");
        String adminPassword = "bench-admin-" + Long.toHexString(System.nanoTime());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", "0");
        props.put("fidelis.data-dir", work.toString());
        props.put("fidelis.security.admin-password", adminPassword);
        props.put("logging.level.root", "warn");
        props.put("spring.datasource.hikari.maximum-pool-size", "4");
        EmbeddedPostgres postgres = null;
        if (db.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().start();
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "postgres");
        } else if (db.equals("h2")) {
            props.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("bench"));
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
        } else {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--db: h2 or postgres");
        }
        System.out.printf("Java %s, %d cores, %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), db);
        try (ConfigurableApplicationContext context = Contexts.start(true, props)) {
            StaffDirectory staff = context.getBean(StaffDirectory.class);
            List<Long> managers = new ArrayList<>();
            for (int m = 1; m <= 6; m++) {
                managers.add(staff.create("am" + m, "Account manager " + m, Role.ACCOUNT_MANAGER,
                        m == 1 ? adminPassword : null).id());
            }
            long started = System.nanoTime();
            long[] counts = load(context.getBean(DataSource.class), managers);
            System.out.printf("Loaded %,d customers, %,d purchases (%,d lines) in %.0f s%n", customers, counts[0],
                    counts[1], (System.nanoTime() - started) / 1e9);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Client admin = Client.signIn(port, "admin", adminPassword);
            Client am = Client.signIn(port, "am1", adminPassword);
            SplittableRandom random = new SplittableRandom(7);

            Map<String, IntFunction<String>> cases = new LinkedHashMap<>();
            cases.put("baseline: settings page", i -> "/settings");
            cases.put("list: first page, no filter", i -> "/customers");
            for (String f : List.of("region=North", "segment=Retail", "manager=am3", "activity=active",
                    "activity=lapsing", "activity=lost", "activity=never", "region=East&activity=active")) {
                cases.put("list: " + f, i -> "/customers?" + f);
            }
            cases.put("list: page deep in the list", i -> "/customers?after=" + new CustomerSlice.Cursor(
                    id(random.nextInt(customers)), 0).encode());
            cases.put("list: by name, deep", i -> "/customers?sort=name&after=" + new CustomerSlice.Cursor(
                    prefix(random), 0).encode());
            cases.put("list: account manager's own", i -> "/customers");
            cases.put("customer 360", i -> "/customers/" + id(random.nextInt(customers)));
            cases.put("search: name prefix", i -> "/customers?q=" + URLEncoder.encode(prefix(random),
                    StandardCharsets.UTF_8));
            Map<String, double[]> results = new LinkedHashMap<>();
            if (only != null) {
                cases.keySet().removeIf(k -> !k.startsWith("baseline") && !k.contains(only));
            }
            for (var c : cases.entrySet()) {
                Client client = c.getKey().contains("account manager") ? am : admin;
                for (int i = 0; i < warmup; i++) {
                    client.get(c.getValue().apply(i));
                }
                double[] ms = new double[requests];
                for (int i = 0; i < requests; i++) {
                    String path = c.getValue().apply(i);
                    long t0 = System.nanoTime();
                    client.get(path);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                java.util.Arrays.sort(ms);
                results.put(c.getKey(), ms);
                System.err.printf("  %s: p50 %.1f ms, p95 %.1f ms%n", c.getKey(), pct(ms, 50), pct(ms, 95));
            }
            double base = pct(results.values().iterator().next(), 50);
            System.out.printf("%n%-34s %8s %8s %8s %8s %10s%n", "case (" + requests + " requests each)", "p50 ms",
                    "p95 ms", "p99 ms", "max ms", "p50/base");
            for (var r : results.entrySet()) {
                double[] ms = r.getValue();
                System.out.printf("%-34s %8.1f %8.1f %8.1f %8.1f %10.2f%n", r.getKey(), pct(ms, 50), pct(ms, 95),
                        pct(ms, 99), ms[ms.length - 1], pct(ms, 50) / base);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        return 0;
    }

    static String id(int n) {
        return String.format("C%07d", n + 1);
    }

    static String prefix(SplittableRandom random) {
        String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
        return name.substring(0, Math.min(name.length(), 3 + random.nextInt(6))).toLowerCase(java.util.Locale.ROOT);
    }

    static String filter(SplittableRandom random) {
        List<String> parts = new ArrayList<>();
        switch (random.nextInt(5)) {
            case 0 -> parts.add("region=" + REGIONS[random.nextInt(3)]);
            case 1 -> parts.add("segment=" + URLEncoder.encode(SEGMENTS[random.nextInt(4)], StandardCharsets.UTF_8));
            case 2 -> parts.add("manager=am" + (1 + random.nextInt(6)));
            case 3 -> parts.add("activity=" + new String[] {"active", "lapsing", "lost", "never"}[random.nextInt(4)]);
            default -> {
                parts.add("region=" + REGIONS[random.nextInt(3)]);
                parts.add("activity=active");
            }
        }
        return String.join("&", parts);
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Writes the customers and their purchases with plain JDBC batches; returns purchases and lines. */
    private long[] load(DataSource ds, List<Long> managers) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long orders = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement cust = c.prepareStatement("insert into customer (id, external_id, name, name_key,"
                    + " email, region, segment, acquired_on, account_manager_id, marketing_consent, time_zone,"
                    + " created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Asia/Shanghai', ?, ?, 0)");
                 PreparedStatement order = c.prepareStatement("insert into purchase (order_id, customer_id,"
                         + " purchased_at, channel, kind) values (?, ?, ?, 'store', 'ORDER')");
                 PreparedStatement line = c.prepareStatement("insert into purchase_line (order_id, line_no, sku,"
                         + " category, quantity, unit_price, unit_cost) values (?, 1, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < customers; i++) {
                    long id = i + 1L;
                    String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
                    LocalDate acquired = now.toLocalDate().minusDays(random.nextInt(1000));
                    cust.setLong(1, id);
                    cust.setString(2, id(i));
                    cust.setString(3, name);
                    cust.setString(4, name.toLowerCase(java.util.Locale.ROOT));
                    cust.setString(5, "c" + id + "@example.com");
                    cust.setString(6, REGIONS[random.nextInt(3)]);
                    cust.setString(7, SEGMENTS[random.nextInt(4)]);
                    cust.setDate(8, Date.valueOf(acquired));
                    cust.setLong(9, managers.get(random.nextInt(managers.size())));
                    cust.setBoolean(10, random.nextBoolean());
                    cust.setObject(11, now);
                    cust.setObject(12, now);
                    cust.addBatch();
                    int n = (int) Math.round(-Math.log(1 - random.nextDouble()) * perCustomer);
                    for (int k = 0; k < n; k++) {
                        String orderId = String.format("O%09d", ++orders);
                        order.setString(1, orderId);
                        order.setLong(2, id);
                        order.setObject(3, now.minusMinutes(random.nextLong(2L * 365 * 24 * 60)));
                        order.addBatch();
                        int sku = random.nextInt(64);
                        line.setString(1, orderId);
                        line.setString(2, "SKU-" + sku);
                        line.setString(3, "Category " + (sku % 8));
                        line.setBigDecimal(4, java.math.BigDecimal.valueOf(1 + random.nextInt(3)));
                        line.setBigDecimal(5, java.math.BigDecimal.valueOf(500 + random.nextInt(9500), 2));
                        line.setBigDecimal(6, java.math.BigDecimal.valueOf(200 + random.nextInt(300), 2));
                        line.addBatch();
                    }
                    if (i % 5000 == 4999 || i == customers - 1) {
                        cust.executeBatch();
                        order.executeBatch();
                        line.executeBatch();
                        c.commit();
                        if ((i + 1) % Math.max(1, customers / 10) < 5000 || i == customers - 1) {
                            System.err.printf("  %,d customers written%n", i + 1);
                        }
                    }
                }
            }
            if (db.equals("postgres")) {
                try (Statement s = c.createStatement()) {
                    s.execute("analyze");
                }
                c.commit();
            }
        }
        return new long[] {orders, orders};
    }

    /** A signed-in browser session over plain HTTP. */
    record Client(HttpClient http, String base) {
        static Client signIn(int port, String user, String password) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            Client c = new Client(http, "http://localhost:" + port);
            String page = c.get("/login");
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the login page");
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(c.base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.headers().firstValue("Location").orElse("error").contains("error")) {
                throw new IllegalStateException("sign-in failed for " + user);
            }
            return c;
        }

        String get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
            return r.body();
        }
    }
}
