package io.fidelis.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import io.fidelis.core.stats.Cusum;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Complaint board and spike detector times: N generated complaints (default 100k, about a tenth still open) on H2,
 * the board page warm (p50/p95 against the plainest page in the same run), and the CUSUM spike detector over two years
 * of daily counts for 200 categories (median of runs, the first in the JVM reported apart).
 */
@Command(name = "complaints", mixinStandardHelpOptions = true,
        description = {"Complaint board time with N complaints (default 100k) and the spike detector over 200",
                "categories × 730 days."})
class ComplaintBench implements Callable<Integer> {
    @Option(names = "--complaints", defaultValue = "100000", description = "Complaints (default ${DEFAULT-VALUE}).")
    int complaints;

    @Option(names = "--requests", defaultValue = "300", description = "Timed board requests (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--dir", description = "Working directory (default: a new temporary directory).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        System.out.printf("Java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        // The spike detector first (no server running).
        SplittableRandom random = new SplittableRandom(42);
        Map<String, int[]> series = new LinkedHashMap<>();
        for (int s = 0; s < 200; s++) {
            double mean = Math.exp(Math.log(0.05) + random.nextDouble() * (Math.log(50) - Math.log(0.05)));
            int[] counts = new int[730];
            for (int d = 0; d < counts.length; d++) {
                counts[d] = poisson(random, mean);
            }
            series.put("category-" + s, counts);
        }
        LocalDate first = LocalDate.of(2024, 1, 1);
        double[] detector = new double[7];
        for (int i = 0; i < detector.length; i++) {
            long t0 = System.nanoTime();
            Cusum.detect(series, first, Cusum.Options.defaults());
            detector[i] = (System.nanoTime() - t0) / 1e6;
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("fidelis-complaint-bench-");
        String password = "bench-admin-" + Long.toHexString(System.nanoTime());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", "0");
        props.put("fidelis.data-dir", work.toString());
        props.put("fidelis.security.admin-password", password);
        props.put("logging.level.root", "warn");
        props.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("bench"));
        props.put("spring.datasource.username", "sa");
        props.put("spring.datasource.password", "");
        props.put("fidelis.complaints.watch-every", "PT24H");
        try (ConfigurableApplicationContext context = Contexts.start(true, props)) {
            long t0 = System.nanoTime();
            load(context.getBean(DataSource.class), random);
            System.out.printf("Loaded %,d complaints in %.1f s%n", complaints, (System.nanoTime() - t0) / 1e9);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            WebBench.Client admin = WebBench.Client.signIn(port, "admin", password);
            double[] base = time(admin, "/settings", requests);
            double[] board = time(admin, "/complaints", requests);
            double[] filtered = time(admin, "/complaints?category=DELIVERY&severity=HIGH", requests);
            System.out.printf("%n%-42s %8s %8s %8s %10s%n", "case (" + requests + " requests each, warm)", "p50 ms",
                    "p95 ms", "p99 ms", "p50/base");
            row("baseline: settings page", base, base);
            row("complaint board", board, base);
            row("complaint board, category and severity", filtered, base);
            double[] sorted = detector.clone();
            Arrays.sort(sorted);
            System.out.printf("%nSpike detector, 200 categories × 730 days: first run %.0f ms, median of %d %.0f ms%n",
                    detector[0], detector.length, sorted[sorted.length / 2]);
        }
        return 0;
    }

    private static void row(String name, double[] ms, double[] base) {
        System.out.printf("%-42s %8.1f %8.1f %8.1f %10.2f%n", name, pct(ms, 50), pct(ms, 95), pct(ms, 99),
                pct(ms, 50) / pct(base, 50));
    }

    private static double[] time(WebBench.Client client, String path, int n) throws Exception {
        for (int i = 0; i < 50; i++) {
            client.get(path);
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            client.get(path);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static int poisson(SplittableRandom random, double mean) {
        double l = Math.exp(-Math.min(mean, 500));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Customers and complaints straight into the database, in batches. */
    private void load(DataSource ds, SplittableRandom random) throws Exception {
        String[] categories = {"PRODUCT_QUALITY", "DELIVERY", "PRICE_BILLING", "SERVICE_ATTITUDE", "OTHER"};
        String[] severities = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
        String[] closed = {"CLOSED", "CLOSED", "CLOSED", "WITHDRAWN"};
        String[] open = {"RECEIVED", "ACKNOWLEDGED", "INVESTIGATING", "RESOLUTION_PROPOSED", "RESOLVED", "REOPENED"};
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int customers = Math.max(1, complaints / 5);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement cust = c.prepareStatement("insert into customer (id, external_id, name, name_key,"
                    + " marketing_consent, time_zone, created_at, updated_at, version) values (?, ?, ?, ?, false, 'UTC',"
                    + " ?, ?, 0)")) {
                for (int i = 1; i <= customers; i++) {
                    cust.setLong(1, i);
                    cust.setString(2, String.format("B%07d", i));
                    cust.setString(3, "Customer " + i);
                    cust.setString(4, "customer " + i);
                    cust.setObject(5, now);
                    cust.setObject(6, now);
                    cust.addBatch();
                    if (i % 5000 == 0 || i == customers) {
                        cust.executeBatch();
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("insert into complaint (reference, customer_id, category,"
                    + " severity, status, channel, subject, description, department, tracking_hash, language,"
                    + " received_at, acknowledged_at, resolved_at, closed_at, created_by, version) values (?, ?, ?, ?,"
                    + " ?, 'STAFF', ?, ?, 'Customer service', ?, 'en', ?, ?, ?, ?, 'bench', 0)")) {
                for (int i = 0; i < complaints; i++) {
                    boolean isOpen = random.nextDouble() < 0.1;
                    OffsetDateTime at = now.minusMinutes(isOpen ? random.nextInt(60 * 24 * 30)
                            : random.nextInt(60 * 24 * 730));
                    String status = isOpen ? open[random.nextInt(open.length)] : closed[random.nextInt(closed.length)];
                    p.setString(1, String.format("CP-B%08d", i));
                    p.setLong(2, 1 + random.nextInt(customers));
                    p.setString(3, categories[random.nextInt(categories.length)]);
                    p.setString(4, severities[random.nextInt(severities.length)]);
                    p.setString(5, status);
                    p.setString(6, "Complaint " + i);
                    p.setString(7, "Something went wrong with order " + i);
                    p.setString(8, String.format("%064x", i));
                    p.setObject(9, at);
                    p.setObject(10, status.equals("RECEIVED") ? null : at.plusHours(2));
                    p.setObject(11, isOpen && !status.equals("RESOLVED") ? null : at.plusDays(2));
                    p.setObject(12, isOpen ? null : at.plusDays(3));
                    p.addBatch();
                    if (i % 5000 == 4999 || i == complaints - 1) {
                        p.executeBatch();
                        c.commit();
                    }
                }
            }
            c.commit();
        }
    }
}
