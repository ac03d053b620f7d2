package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.fidelis.app.support.EmbeddedPostgresSupport;
import io.fidelis.core.demo.DemoBusiness;
import io.fidelis.core.demo.DemoFiles;
import io.fidelis.core.demo.DemoOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills {@code fidelis import} with SIGKILL while it is importing, then runs it again: every purchase line must end
 * up stored exactly once, and the killed run must have left nothing half-imported. Kills {@code fidelis score} at
 * random points: the profiles are always those of one whole run (never a mix of two, never a part), and a run to
 * the end gives every buyer a profile. Runs the real application jar in a child process, against an H2 file
 * database and against PostgreSQL.
 */
class InterruptedImportIT {
    /** Kills per database: 3 in the normal build; {@code -Dfidelis.crash.kills=20} for the long run. */
    private static final int KILLS = Integer.getInteger("fidelis.crash.kills", 3);
    @TempDir
    static Path dir;
    static DemoFiles files;
    static long distinctOrders;

    @BeforeAll
    static void generate() throws IOException {
        files = DemoBusiness.of(new DemoOptions(100_000, 11, LocalDate.of(2026, 6, 30), 150_000))
                .writeTo(dir.resolve("demo"));
        try (var lines = Files.lines(files.purchases())) {
            distinctOrders = lines.skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count();
        }
    }

    @ParameterizedTest(name = "{0}")
    @Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ValueSource(strings = {"h2", "postgresql"})
    void aKilledImportRunAgainStoresEveryLineExactlyOnce(String database) throws Exception {
        Map<String, String> env;
        String url;
        String user;
        String password;
        if (database.equals("h2")) {
            Path data = Files.createTempDirectory(dir, "h2-");
            env = Map.of("FIDELIS_DATA_DIR", data.toString());
            url = "jdbc:h2:file:" + data.resolve("fidelis") + ";AUTO_SERVER=TRUE";
            user = "sa";
            password = "";
        } else {
            url = EmbeddedPostgresSupport.newDatabaseUrl();
            user = "postgres";
            password = "postgres";
            env = Map.of("FIDELIS_DB_URL", url, "FIDELIS_DB_USER", user, "FIDELIS_DB_PASSWORD", password);
        }
        Random random = new Random(20261123L);
        int killedMidway = 0;
        for (int k = 0; k < KILLS; k++) {
            Process p = null;
            String line = null;
            // PostgreSQL notices a killed client only when the statement it was running ends, and holds the import
            // lock until then: a new import says another one is running and exits; start it again.
            for (int attempt = 0; attempt < 30 && line == null; attempt++) {
                p = start(env, "import", "purchases", files.purchases().toString());
                BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                        StandardCharsets.UTF_8));
                // Wait until the import reports rows read, then kill it: the first time at once (surely in the
                // middle of reading), later after a random while (staging, merging or committing, or done).
                StringBuilder seen = new StringBuilder();
                line = awaitProgress(err, seen);
                if (line == null) {
                    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
                    assertThat(seen.toString()).as("the child reported progress before it was killed")
                            .contains("another import is running");
                    Thread.sleep(2_000);
                    if (attempt == 10 && database.equals("postgresql")) {
                        releaseOrphanedSessions(url, user, password);
                    }
                }
            }
            assertThat(line).as("the child reported progress before it was killed").isNotNull();
            Thread.sleep(k == 0 ? 0 : random.nextInt(4000));
            boolean alive = p.isAlive();
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long stored = count(url, user, password, "purchase_line");
            assertThat(stored).as("a killed import leaves nothing or everything, never a part")
                    .isIn(0L, files.lineCount());
            if (stored == 0) {
                assertThat(count(url, user, password, "customer")).as("no customers created by a killed import")
                        .isZero();
                assertThat(count(url, user, password, "purchase")).isZero();
            }
            if (alive && stored == 0) {
                killedMidway++;
            }
        }
        assertThat(killedMidway).as("at least one kill hit an import in progress").isPositive();

        // PostgreSQL notices a killed client only when the statement it was running ends, and holds the import lock
        // until then: the import says another one is running, and is simply run again.
        String out = "";
        int exit = -1;
        for (int attempt = 0; attempt < 30 && exit != 0; attempt++) {
            Path output = Files.createTempFile(dir, "again-", ".log");
            Process again = start(env, output, "import", "purchases", files.purchases().toString(), "--json");
            assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
            out = Files.readString(output);
            exit = again.exitValue();
            if (exit != 0 && out.contains("another import is running")) {
                Thread.sleep(2_000);
                if (attempt == 10 && database.equals("postgresql")) {
                    releaseOrphanedSessions(url, user, password);
                }
            } else {
                break;
            }
        }
        assertThat(exit).as(out).isZero();
        assertThat(count(url, user, password, "purchase_line")).isEqualTo(files.lineCount());
        assertThat(count(url, user, password, "purchase")).isEqualTo(distinctOrders);
        assertThat(count(url, user, password, "(select order_id, line_no from purchase_line"
                + " group by order_id, line_no having count(*) > 1) d")).isZero();
        // One run per committed import: the last, plus any killed only after its commit.
        assertThat(count(url, user, password, "import_run")).isBetween(1L, 1L + KILLS - killedMidway);
    }

    @ParameterizedTest(name = "{0}")
    @Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ValueSource(strings = {"h2", "postgresql"})
    void aKilledScoringRunLeavesTheProfilesOfOneWholeRun(String database) throws Exception {
        Map<String, String> env;
        String url;
        String user = database.equals("h2") ? "sa" : "postgres";
        String password = database.equals("h2") ? "" : "postgres";
        if (database.equals("h2")) {
            Path data = Files.createTempDirectory(dir, "h2-score-");
            env = Map.of("FIDELIS_DATA_DIR", data.toString());
            url = "jdbc:h2:file:" + data.resolve("fidelis") + ";AUTO_SERVER=TRUE";
        } else {
            url = EmbeddedPostgresSupport.newDatabaseUrl();
            env = Map.of("FIDELIS_DB_URL", url, "FIDELIS_DB_USER", user, "FIDELIS_DB_PASSWORD", password);
        }
        Path log = Files.createTempFile(dir, "import-", ".log");
        Process imported = start(env, log, "import", "purchases", files.purchases().toString());
        assertThat(imported.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(imported.exitValue()).as(Files.readString(log)).isZero();
        // The server scores after an import; the CLI does not, so there are no profiles yet.
        long buyers = count(url, user, password, "(select distinct customer_id from purchase) b");
        Random random = new Random(20261202L);
        long runsBefore = 0;
        int killedMidway = 0;
        for (int k = 0; k < KILLS; k++) {
            Process p = start(env, "score");
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8));
            String started = err.readLine();
            while (started != null && !started.equals("Scoring every customer…")) {
                started = err.readLine(); // warnings printed while the application starts
            }
            assertThat(started).as("the child started scoring").isNotNull();
            Thread.sleep(random.nextInt(5000));
            boolean alive = p.isAlive();
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long profiles = count(url, user, password, "loyalty_profile");
            // A run records its fitted models (BG/NBD, Gamma-Gamma) under the one time it scored at.
            long runs = count(url, user, password, "(select distinct fitted_at from loyalty_model) r");
            assertThat(profiles).as("a killed run leaves the last whole run's profiles, or none").isIn(0L, buyers);
            assertThat(count(url, user, password, "(select distinct scored_at from loyalty_profile) s"))
                    .as("all profiles from one run").isLessThanOrEqualTo(1L);
            assertThat(runs).as("a run is recorded only when it completed").isBetween(runsBefore, runsBefore + 1);
            assertThat(count(url, user, password, "loyalty_profile p where p.scored_at <> (select max(fitted_at)"
                    + " from loyalty_model)")).as("the profiles are those of the last recorded run").isZero();
            if (alive && runs == runsBefore) {
                killedMidway++;
            }
            runsBefore = runs;
        }
        assertThat(killedMidway).as("at least one kill hit a run in progress").isPositive();
        Path out = Files.createTempFile(dir, "score-", ".log");
        Process again = start(env, out, "score");
        assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).as(Files.readString(out)).isZero();
        assertThat(count(url, user, password, "loyalty_profile")).isEqualTo(buyers);
        assertThat(count(url, user, password, "(select distinct scored_at from loyalty_profile) s")).isOne();
        assertThat(count(url, user, password, "purchase_line")).as("scoring changed no purchase")
                .isEqualTo(files.lineCount());
    }

    /** @return the first progress line with rows read, or {@code null} at the end of the output (kept in seen) */
    private static String awaitProgress(BufferedReader err, StringBuilder seen) throws IOException {
        StringBuilder current = new StringBuilder();
        int c;
        while ((c = err.read()) >= 0) {
            seen.append((char) c);
            if (c == '\r' || c == '\n') {
                String line = current.toString();
                current.setLength(0);
                if (line.matches(".*\\] +\\d+%\\s+[1-9][\\d,]* rows.*")) {
                    return line;
                }
            } else {
                current.append((char) c);
            }
        }
        return null;
    }

    private static Process start(Map<String, String> env, String... args) throws IOException {
        return start(env, null, args);
    }

    /** @param output where standard output and error go, or {@code null} to read them through the process */
    private static Process start(Map<String, String> env, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", System.getProperty("fidelis.app.jar", Path.of("target", "fidelis-app.jar").toAbsolutePath().toString())));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.environment().put("FIDELIS_PROGRESS", "always");
        pb.environment().put("FIDELIS_ADMIN_PASSWORD", "not-used-here");
        if (output != null) {
            pb.redirectErrorStream(true).redirectOutput(output.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /**
     * Seen once in CI: after a kill, PostgreSQL kept a session holding the import lock for minutes (not reproduced
     * by hand, where killed sessions ended within a second). Print what the server shows, then end the other
     * sessions of this database, as PostgreSQL does when it notices a dead client.
     */
    private static void releaseOrphanedSessions(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select pid, state, wait_event_type, wait_event, left(query, 120)"
                    + " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    System.out.printf("session holding on after a kill: pid %d, %s, %s/%s, %s%n", rs.getInt(1),
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                }
            }
            st.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid()").close();
        }
    }

    private static long count(String url, String user, String password, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
