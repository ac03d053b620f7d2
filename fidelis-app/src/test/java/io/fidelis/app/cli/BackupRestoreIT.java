package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fidelis backup} and {@code fidelis restore} through the real command line on an H2 file database: a
 * round trip gives back identical data (every row of every table, compared sorted) and the stored files, byte for
 * byte; a damaged backup, or one without {@code --yes}, changes nothing.
 */
class BackupRestoreIT {
    @TempDir
    Path dir;
    private String url;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private String printed;

    @BeforeEach
    void database() {
        url = "jdbc:h2:file:" + dir.resolve("fidelis");
        System.setProperty("spring.datasource.url", url);
        System.setProperty("fidelis.data-dir", dir.toString());
        System.setProperty("fidelis.security.admin-password", "admin-password-for-backup-test");
    }

    @AfterEach
    void restore() {
        System.clearProperty("spring.datasource.url");
        System.clearProperty("fidelis.data-dir");
        System.clearProperty("fidelis.security.admin-password");
    }

    private int run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new FidelisCommand()).execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            printed = out.toString(StandardCharsets.UTF_8);
        }
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Every row of every application table (and the migration history), each table's rows sorted. */
    private String everything() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema ="
                    + " 'PUBLIC' order by table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).hasSizeGreaterThan(30);
            for (String t : tables) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select * from \"" + t + "\"")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                all.append(t).append(": ").append(rows).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void aRoundTripGivesBackIdenticalDataAndFiles() throws Exception {
        assertThat(run("user", "list")).as("the first start creates the database").isZero();
        sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone, created_at,"
                        + " updated_at, version) values ('ANN', 'Ann O''Neill 安', 'ann o''neill 安', 'ann@example.com',"
                        + " true, 'Asia/Shanghai', current_timestamp, current_timestamp, 0)",
                "insert into purchase (order_id, customer_id, purchased_at, kind) values ('SO-1', (select id from"
                        + " customer where external_id = 'ANN'), timestamp with time zone '2026-11-30 10:15:00+08', 'ORDER')",
                "insert into purchase_line (order_id, line_no, sku, quantity, unit_price, unit_cost) values ('SO-1', 1,"
                        + " 'TEA', 2, 12.3456, 7.5)");
        Path attachment = dir.resolve("attachments/7/0a1b2c.png");
        Files.createDirectories(attachment.getParent());
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2, (byte) 255};
        Files.write(attachment, bytes);
        String before = everything();
        assertThat(before).contains("Ann O'Neill 安", "12.3456");

        Path backup = dir.resolve("backup.zip");
        assertThat(run("backup", backup.toString())).as(printed).isZero();
        assertThat(printed).contains("Backed up").contains("1 stored files");

        // Changes after the backup: a new customer, a deleted line, a changed name, a new file, the old file gone.
        sql("insert into customer (external_id, name, name_key, marketing_consent, time_zone, created_at, updated_at,"
                        + " version) values ('BOB', 'Bob', 'bob', false, 'UTC', current_timestamp, current_timestamp, 0)",
                "delete from purchase_line", "update customer set name = 'Changed' where external_id = 'ANN'");
        Files.delete(attachment);
        Files.writeString(dir.resolve("attachments/7/later.pdf"), "%PDF-1.4");
        assertThat(everything()).isNotEqualTo(before);

        // Without --yes nothing happens; a damaged backup is refused and changes nothing.
        String changed = everything();
        assertThat(run("restore", backup.toString())).isEqualTo(2);
        assertThat(printed).contains("add --yes");
        Path damaged = dir.resolve("damaged.zip");
        Files.write(damaged, java.util.Arrays.copyOf(Files.readAllBytes(backup), 200));
        assertThat(run("restore", damaged.toString(), "--yes")).isEqualTo(1);
        assertThat(printed).contains("Not restored");
        assertThat(everything()).isEqualTo(changed);

        assertThat(run("restore", backup.toString(), "--yes")).as(printed).isZero();
        assertThat(printed).contains("Restored");
        String after = everything();
        // The restore itself is audited, after the data came back: everything else is as it was.
        assertThat(withoutRestoreAudit(after)).isEqualTo(before);
        assertThat(after).contains("|cli|database|embedded|restore|");
        assertThat(Files.readAllBytes(attachment)).isEqualTo(bytes);
        assertThat(dir.resolve("attachments/7/later.pdf")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("before-restore-")
                    || n.startsWith("restore-"));
        }
    }

    /** The audit table's row for the restore removed (it is written after the data came back). */
    private static String withoutRestoreAudit(String all) {
        StringBuilder out = new StringBuilder();
        for (String line : all.split("\n")) {
            if (line.startsWith("AUDIT_EVENT: ")) {
                List<String> rows = new ArrayList<>();
                String body = line.substring("AUDIT_EVENT: [".length(), line.length() - 1);
                for (String row : body.split(", (?=\\d+\\|)")) {
                    if (!row.contains("|cli|database|embedded|restore|")) {
                        rows.add(row);
                    }
                }
                out.append("AUDIT_EVENT: ").append(rows).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
