package io.fidelis.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.fidelis.app.importing.ImportFile;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportSummary;
import io.fidelis.app.importing.ImportingCsv;
import io.fidelis.app.importing.KeyedBulkLoad;
import io.fidelis.core.demo.DemoBusiness;
import io.fidelis.core.demo.DemoFiles;
import io.fidelis.core.demo.DemoOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.ImportBench.class, WebBench.class, ClvBench.class, PlsBench.class, SurveyBench.class,
                ComplaintBench.class, ReferralBench.class, NbaBench.class, RulesBench.class, WhatIfBench.class,
                GroupingBench.class, ChurnBench.class})
class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Purchase-line import speed into H2 and into PostgreSQL (embedded), against PostgreSQL's",
                    "own COPY of the same file in the same run, and against each database's own bulk load of the",
                    "same lines into Fidelis's real keyed tables. Each run starts from an empty database.",
                    "Reports medians; --heap-lines also imports a larger file in a child JVM capped at -Xmx512m."})
    static class ImportBench implements Callable<Integer> {
        @Option(names = "--lines", defaultValue = "1000000", description = "Purchase lines (default ${DEFAULT-VALUE}).")
        long lines;

        @Option(names = "--runs", defaultValue = "3", description = "Runs per target (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--heap-lines", defaultValue = "0",
                description = "Also import a file of this many lines in a child JVM with -Xmx512m (0: skip).")
        long heapLines;

        @Option(names = "--dir", description = "Working directory (default: a new temporary directory).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("fidelis-bench-");
            System.out.printf("Generating %,d purchase lines in %s ...%n", lines, work);
            DemoFiles files = DemoBusiness.of(new DemoOptions((int) Math.max(1000, lines / 5), 1,
                    LocalDate.of(2026, 6, 30), lines)).writeTo(work.resolve("data"));
            Path file = files.purchases();
            System.out.printf("File: %,d lines, %,d orders, %.1f MB%n", files.lineCount(), files.orderCount(),
                    Files.size(file) / 1e6);
            System.out.printf("Java %s, %d cores%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());

            List<Double> h2 = new ArrayList<>();
            List<Double> h2raw = new ArrayList<>();
            List<Double> h2keyed = new ArrayList<>();
            List<Double> pg = new ArrayList<>();
            List<Double> copy = new ArrayList<>();
            List<Double> pgkeyed = new ArrayList<>();
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                for (int r = 1; r <= runs; r++) {
                    Path h2dir = work.resolve("h2-" + r);
                    h2.add(importSeconds(file, Map.of("spring.datasource.url", "jdbc:h2:file:" + h2dir.resolve("f"),
                            "spring.datasource.username", "sa", "spring.datasource.password", "")));
                    deleteTree(h2dir);
                    h2raw.add(h2BatchInsertSeconds(file, work.resolve("h2raw-" + r)));
                    deleteTree(work.resolve("h2raw-" + r));
                    KeyedBulkLoad.Timing h2k = h2KeyedLoad(file, work.resolve("h2keyed-" + r));
                    h2keyed.add(h2k.seconds());
                    deleteTree(work.resolve("h2keyed-" + r));
                    String db = "bench_" + r;
                    String copyDb = "bench_copy_" + r;
                    String keyedDb = "bench_keyed_" + r;
                    try (Connection c = postgres.getPostgresDatabase().getConnection();
                         Statement st = c.createStatement()) {
                        st.execute("create database " + db);
                        st.execute("create database " + copyDb);
                        st.execute("create database " + keyedDb);
                    }
                    String url = postgres.getJdbcUrl("postgres", db);
                    // Rotate the order so that none always runs on a warmer server.
                    KeyedBulkLoad.Timing pgk = null;
                    for (int k = 0; k < 3; k++) {
                        switch ((r - 1 + k) % 3) {
                            case 0 -> copy.add(copySeconds(postgres, copyDb, file));
                            case 1 -> pg.add(importSeconds(file, pgProps(url)));
                            default -> {
                                pgk = pgKeyedCopy(postgres, keyedDb, file);
                                pgkeyed.add(pgk.seconds());
                            }
                        }
                    }
                    System.out.printf("run %d: H2 import %.2f s, H2 batch insert %.2f s, H2 keyed bulk load %.2f s"
                            + " (reading and grouping in Java %.2f s), PostgreSQL import %.2f s, COPY %.2f s,"
                            + " keyed COPY %.2f s (reading and grouping in Java %.2f s)%n", r, h2.get(r - 1),
                            h2raw.get(r - 1), h2k.seconds(), h2k.javaSeconds(), pg.get(r - 1), copy.get(r - 1),
                            pgk.seconds(), pgk.javaSeconds());
                }
            }
            double n = files.lineCount();
            System.out.println();
            System.out.printf("| target | median s | lines/s |%n|---|---:|---:|%n");
            System.out.printf("| import into H2 | %.2f | %,.0f |%n", median(h2), n / median(h2));
            System.out.printf("| H2 batch insert of the lines into one table (baseline) | %.2f | %,.0f |%n",
                    median(h2raw), n / median(h2raw));
            System.out.printf("| H2 batch insert into the real keyed tables (baseline) | %.2f | %,.0f |%n",
                    median(h2keyed), n / median(h2keyed));
            System.out.printf("| import into PostgreSQL | %.2f | %,.0f |%n", median(pg), n / median(pg));
            System.out.printf("| PostgreSQL COPY (baseline) | %.2f | %,.0f |%n", median(copy), n / median(copy));
            System.out.printf("| PostgreSQL COPY into the real keyed tables (baseline) | %.2f | %,.0f |%n",
                    median(pgkeyed), n / median(pgkeyed));
            System.out.printf("Import into PostgreSQL runs at %.0f%% of COPY's speed (median of per-run ratios).%n",
                    100 * medianRatio(copy, pg));
            System.out.printf("Import into PostgreSQL runs at %.0f%% of the keyed COPY's speed.%n",
                    100 * medianRatio(pgkeyed, pg));
            System.out.printf("Keyed COPY runs at %.0f%% of COPY's speed into the unindexed table.%n",
                    100 * medianRatio(copy, pgkeyed));
            System.out.printf("Import into H2 runs at %.0f%% of H2's plain batch insert speed.%n",
                    100 * medianRatio(h2raw, h2));
            System.out.printf("Import into H2 runs at %.0f%% of H2's keyed bulk load speed.%n",
                    100 * medianRatio(h2keyed, h2));
            System.out.printf("H2's keyed bulk load runs at %.0f%% of its plain batch insert speed.%n",
                    100 * medianRatio(h2raw, h2keyed));

            if (heapLines > 0) {
                heapCheck(work);
            }
            return 0;
        }

        private static Map<String, Object> pgProps(String url) {
            return Map.of("spring.datasource.url", url, "spring.datasource.username", "postgres",
                    "spring.datasource.password", "postgres");
        }

        private static double importSeconds(Path file, Map<String, Object> props) {
            Map<String, Object> all = new LinkedHashMap<>(props);
            all.put("fidelis.security.admin-password", "bench");
            try (ConfigurableApplicationContext context = Contexts.start(false, all)) {
                ImportSummary s = context.getBean(ImportingCsv.class).importFile(
                        ImportFile.of(ImportKind.PURCHASES, file));
                if (!s.accepted()) {
                    throw new IllegalStateException("benchmark import rejected: " + s.errors());
                }
                return s.seconds();
            }
        }

        /**
         * H2's own speed on the same lines: a parsed, batched insert (2,000 rows a batch) into one table with the
         * purchase-line columns and primary key, in one transaction. No validation, no headers, no customers.
         */
        private static double h2BatchInsertSeconds(Path file, Path dbDir) throws SQLException, IOException {
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dbDir.resolve("raw"), "sa",
                    "")) {
                try (Statement st = c.createStatement()) {
                    st.execute("create table raw_line (order_id varchar(100), line_no integer, customer_id"
                            + " varchar(100), purchased_at timestamp with time zone, sku varchar(100),"
                            + " quantity numeric(19, 4), unit_price numeric(19, 4), unit_cost numeric(19, 4),"
                            + " category varchar(100), channel varchar(50), primary key (order_id, line_no))");
                }
                c.setAutoCommit(false);
                long t = System.nanoTime();
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                     var ps = c.prepareStatement("insert into raw_line values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    in.readLine();
                    String line;
                    String previous = null;
                    int lineNo = 0;
                    int pending = 0;
                    while ((line = in.readLine()) != null) {
                        String[] f = line.split(",", -1);
                        lineNo = f[0].equals(previous) ? lineNo + 1 : 1;
                        previous = f[0];
                        ps.setString(1, f[0]);
                        ps.setInt(2, lineNo);
                        ps.setString(3, f[1]);
                        ps.setObject(4, java.time.OffsetDateTime.parse(f[2]));
                        ps.setString(5, f[3]);
                        ps.setBigDecimal(6, new java.math.BigDecimal(f[4]));
                        ps.setBigDecimal(7, new java.math.BigDecimal(f[5]));
                        ps.setBigDecimal(8, new java.math.BigDecimal(f[6]));
                        ps.setString(9, f[7]);
                        ps.setString(10, f[8]);
                        ps.addBatch();
                        if (++pending == 2_000) {
                            ps.executeBatch();
                            pending = 0;
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
                return (System.nanoTime() - t) / 1e9;
            }
        }

        /**
         * H2's own bulk load of the same lines into the real tables (see {@link KeyedBulkLoad}) of a fresh H2 file
         * database; Flyway creates the schema first, outside the time.
         */
        static KeyedBulkLoad.Timing h2KeyedLoad(Path file, Path dbDir) throws SQLException, IOException {
            String url = "jdbc:h2:file:" + dbDir.resolve("f");
            KeyedBulkLoad.createSchema(url, "sa", "", "h2");
            try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
                return KeyedBulkLoad.load(c, file);
            }
        }

        /**
         * PostgreSQL's own COPY of the same lines into the real tables (see {@link KeyedBulkLoad}) of an empty
         * database; Flyway creates the schema first, outside the time.
         */
        static KeyedBulkLoad.Timing pgKeyedCopy(EmbeddedPostgres postgres, String db, Path file)
                throws SQLException, IOException {
            KeyedBulkLoad.createSchema(postgres.getJdbcUrl("postgres", db), "postgres", "postgres", "postgresql");
            try (Connection c = postgres.getDatabase("postgres", db).getConnection()) {
                return KeyedBulkLoad.load(c, file);
            }
        }

        /** PostgreSQL's own COPY of the same CSV into a table with the file's columns, typed. */
        private static double copySeconds(EmbeddedPostgres postgres, String db, Path file)
                throws SQLException, IOException {
            try (Connection c = postgres.getDatabase("postgres", db).getConnection()) {
                try (Statement st = c.createStatement()) {
                    st.execute("create table copy_target (order_id varchar(100), customer_id varchar(100),"
                            + " purchased_at timestamp with time zone, sku varchar(100), quantity numeric(19, 4),"
                            + " unit_price numeric(19, 4), unit_cost numeric(19, 4), category varchar(100),"
                            + " channel varchar(50), original_order_id varchar(100))");
                }
                long t = System.nanoTime();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    c.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("copy copy_target from stdin with (format csv, header true)", in);
                }
                return (System.nanoTime() - t) / 1e9;
            }
        }

        private void heapCheck(Path work) throws IOException, InterruptedException {
            System.out.printf("%nHeap check: generating %,d lines ...%n", heapLines);
            DemoFiles big = DemoBusiness.of(new DemoOptions((int) Math.min(Integer.MAX_VALUE, heapLines / 5), 2,
                    LocalDate.of(2026, 6, 30), heapLines)).writeTo(work.resolve("heap"));
            String jar = System.getProperty("java.class.path");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Xlog:gc:file=" + work.resolve("heap-gc.log"), "-jar", jar, "import", "purchases",
                    big.purchases().toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().put("FIDELIS_DATA_DIR", work.resolve("heap-db").toString());
            pb.environment().put("FIDELIS_ADMIN_PASSWORD", "bench");
            long t = System.nanoTime();
            Process p = pb.start();
            p.waitFor(2, TimeUnit.HOURS);
            System.out.printf("Child JVM (-Xmx512m) importing %,d lines into H2: exit %d after %.0f s; GC log: %s%n",
                    big.lineCount(), p.exitValue(), (System.nanoTime() - t) / 1e9, work.resolve("heap-gc.log"));
        }

        private static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        /** Median of base/measured per run: the measured speed as a fraction of the base speed. */
        private static double medianRatio(List<Double> base, List<Double> measured) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < base.size(); i++) {
                ratios.add(base.get(i) / measured.get(i));
            }
            return median(ratios);
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
