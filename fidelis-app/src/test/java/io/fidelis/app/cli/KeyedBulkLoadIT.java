package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fidelis.app.importing.ImportFile;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportSummary;
import io.fidelis.app.importing.ImportingCsv;
import io.fidelis.app.importing.KeyedBulkLoad;
import io.fidelis.app.support.EmbeddedPostgresSupport;
import io.fidelis.core.demo.DemoBusiness;
import io.fidelis.core.demo.DemoFiles;
import io.fidelis.core.demo.DemoOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The keyed bulk-load baselines of {@code fidelis bench import} (see docs/benchmarks.md) on a generated file of a
 * few hundred lines: on H2 and on embedded PostgreSQL each loads one customer per distinct customer id of the file,
 * one purchase per distinct order id and one purchase_line per line (counted from the file itself), and the rows are
 * the very ones the real import stores for the same file. The command prints the new baselines and ratios.
 */
class KeyedBulkLoadIT {
    private static final int LINES = 400;
    @TempDir
    static Path dir;
    static DemoFiles files;
    static long fileLines;
    static long fileOrders;
    static long fileCustomers;

    @BeforeAll
    static void generate() throws IOException {
        files = DemoBusiness.of(new DemoOptions(1000, 7, LocalDate.of(2026, 6, 30), LINES))
                .writeTo(dir.resolve("demo"));
        List<String[]> rows;
        try (var lines = Files.lines(files.purchases())) {
            rows = lines.skip(1).map(l -> l.split(",", -1)).toList();
        }
        fileLines = rows.size();
        fileOrders = rows.stream().map(f -> f[0]).distinct().count();
        fileCustomers = rows.stream().map(f -> f[1]).distinct().count();
    }

    @Test
    void theGeneratedFileHasSeveralLinesPerOrderAndSeveralOrdersPerCustomer() {
        // Otherwise the counts below would not tell a line from an order from a customer.
        assertThat(fileLines).isEqualTo(LINES).isEqualTo(files.lineCount());
        assertThat(fileOrders).isLessThan(fileLines).isEqualTo(files.orderCount());
        assertThat(fileCustomers).isLessThan(fileOrders).isGreaterThan(1);
    }

    @Test
    void h2KeyedLoadStoresWhatTheImportStores() throws Exception {
        KeyedBulkLoad.Timing t = BenchCommand.ImportBench.h2KeyedLoad(files.purchases(), dir.resolve("h2-keyed"));
        assertThat(t.seconds()).isPositive().isGreaterThanOrEqualTo(t.javaSeconds());
        String keyedUrl = "jdbc:h2:file:" + dir.resolve("h2-keyed").resolve("f");
        String importUrl = "jdbc:h2:file:" + dir.resolve("h2-import").resolve("f");
        runImport(importUrl, "sa", "");
        try (Connection keyed = DriverManager.getConnection(keyedUrl, "sa", "");
             Connection imported = DriverManager.getConnection(importUrl, "sa", "")) {
            assertSameRows(keyed, imported);
        }
    }

    @Test
    void postgresKeyedCopyStoresWhatTheImportStores() throws Exception {
        String db = "keyed_copy_it";
        try (Connection c = EmbeddedPostgresSupport.server().getPostgresDatabase().getConnection();
             Statement st = c.createStatement()) {
            st.execute("create database " + db);
        }
        KeyedBulkLoad.Timing t = BenchCommand.ImportBench.pgKeyedCopy(EmbeddedPostgresSupport.server(), db,
                files.purchases());
        assertThat(t.seconds()).isPositive().isGreaterThanOrEqualTo(t.javaSeconds());
        String importUrl = EmbeddedPostgresSupport.newDatabaseUrl();
        runImport(importUrl, "postgres", "postgres");
        try (Connection keyed = EmbeddedPostgresSupport.server().getDatabase("postgres", db).getConnection();
             Connection imported = DriverManager.getConnection(importUrl, "postgres", "postgres")) {
            assertSameRows(keyed, imported);
        }
    }

    @Test
    void benchImportPrintsTheKeyedBaselinesAndTheirRatios() {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            code = new CommandLine(new FidelisCommand()).execute("bench", "import", "--lines", "300", "--runs", "1",
                    "--dir", dir.resolve("bench").toString());
        } finally {
            System.setOut(out);
        }
        String text = o.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("H2 keyed bulk load", "keyed COPY",
                "| H2 batch insert into the real keyed tables (baseline) |",
                "| PostgreSQL COPY into the real keyed tables (baseline) |",
                "of the keyed COPY's speed", "Keyed COPY runs at", "of H2's keyed bulk load speed",
                "H2's keyed bulk load runs at");
    }

    private static void runImport(String url, String user, String password) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", url);
        props.put("spring.datasource.username", user);
        props.put("spring.datasource.password", password);
        props.put("fidelis.security.admin-password", "keyed-load-it");
        props.put("fidelis.data-dir", dir.resolve("data").toString());
        try (ConfigurableApplicationContext context = Contexts.start(false, props)) {
            ImportSummary s = context.getBean(ImportingCsv.class)
                    .importFile(ImportFile.of(ImportKind.PURCHASES, files.purchases()));
            assertThat(s.accepted()).as("%s", s.errors()).isTrue();
        }
    }

    private static void assertSameRows(Connection keyed, Connection imported) throws SQLException {
        String customers = "select external_id, marketing_consent, time_zone, name_key, version from customer";
        String purchases = "select p.order_id, c.external_id, p.purchased_at, p.channel, p.kind, p.original_order_id"
                + " from purchase p join customer c on c.id = p.customer_id";
        String lines = "select order_id, line_no, sku, category, quantity, unit_price, unit_cost from purchase_line";
        List<String> keyedCustomers = rows(keyed, customers);
        List<String> keyedPurchases = rows(keyed, purchases);
        List<String> keyedLines = rows(keyed, lines);
        assertThat(keyedCustomers).hasSize((int) fileCustomers).doesNotHaveDuplicates();
        assertThat(keyedPurchases).hasSize((int) fileOrders);
        assertThat(keyedLines).hasSize((int) fileLines);
        assertThat(keyedCustomers).containsExactlyInAnyOrderElementsOf(rows(imported, customers));
        assertThat(keyedPurchases).containsExactlyInAnyOrderElementsOf(rows(imported, purchases));
        assertThat(keyedLines).containsExactlyInAnyOrderElementsOf(rows(imported, lines));
        // Line numbers run 1..n within each order.
        Set<String> expectedKeys = new HashSet<>();
        Map<String, Long> perOrder = keyedLines.stream().map(l -> l.split("\\|")[0])
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        perOrder.forEach((order, n) -> {
            for (int i = 1; i <= n; i++) {
                expectedKeys.add(order + "|" + i);
            }
        });
        assertThat(keyedLines.stream().map(l -> l.split("\\|")[0] + "|" + l.split("\\|")[1]))
                .containsExactlyInAnyOrderElementsOf(expectedKeys);
    }

    /** Each row as its values joined by '|'; timestamps as instants, so that both databases compare alike. */
    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.time.OffsetDateTime t) {
                        v = t.toInstant();
                    } else if (v instanceof java.sql.Timestamp t) {
                        v = t.toInstant();
                    }
                    row.append(i > 1 ? "|" : "").append(v);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
