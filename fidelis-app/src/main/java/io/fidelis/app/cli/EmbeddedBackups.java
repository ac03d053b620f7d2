package io.fidelis.app.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import io.fidelis.app.shared.DatabaseKind;

/**
 * Backup and restore of the embedded H2 database with its stored files. A backup is one zip: {@code database.sql}
 * (H2's {@code SCRIPT}: the schema, the migration history and every row, read at one moment) and {@code files/…}
 * (attachments and other stored files under the data directory). A restore first checks the whole zip, then keeps a
 * safety backup of what is there, replaces the database and the files, and puts the safety backup back if anything
 * fails, so a failed restore leaves the database as it was. PostgreSQL has its own tools ({@code pg_dump}).
 */
final class EmbeddedBackups {
    static final String SCRIPT = "database.sql";
    static final String FILES = "files/";
    private static final String HEADER = "-- Fidelis backup of an H2 database";
    private final DataSource dataSource;
    private final Path dataDir;

    EmbeddedBackups(DataSource dataSource, Path dataDir) {
        this.dataSource = dataSource;
        this.dataDir = dataDir;
    }

    /** What a backup or restore did. */
    record Summary(long statements, int files, long bytes) {
    }

    private void requireH2(Connection c) throws SQLException {
        if (DatabaseKind.of(c) != DatabaseKind.H2) {
            throw new IllegalStateException("backup and restore are for the embedded H2 database; for PostgreSQL use"
                    + " pg_dump and pg_restore (see the README)");
        }
    }

    /** The stored files: everything under the data directory but the database's own files and backups. */
    private List<Path> storedFiles() throws IOException {
        Path attachments = dataDir.resolve("attachments");
        if (!Files.isDirectory(attachments)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(attachments)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    Summary backup(Path target) throws IOException, SQLException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long statements = 0;
        int files = 0;
        try (Connection c = dataSource.getConnection()) {
            requireH2(c);
            try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(SCRIPT));
                Writer w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
                w.write(HEADER + "\n");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SCRIPT NOPASSWORDS NOSETTINGS")) {
                    while (rs.next()) {
                        w.write(rs.getString(1));
                        w.write("\n");
                        statements++;
                    }
                }
                w.flush();
                zip.closeEntry();
                for (Path f : storedFiles()) {
                    zip.putNextEntry(new ZipEntry(FILES + dataDir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, zip);
                    zip.closeEntry();
                    files++;
                }
            }
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        // Only a complete backup gets the name asked for.
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Summary(statements, files, Files.size(target));
    }

    /** Checks a backup before anything is changed: a zip with a Fidelis H2 script and files with safe names. */
    static void check(Path source) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException(source + ": no such file");
        }
        boolean script = false;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(source))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (name.equals(SCRIPT)) {
                    BufferedReader r = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
                    String first = r.readLine();
                    if (!HEADER.equals(first)) {
                        throw new IllegalArgumentException(source + ": " + SCRIPT + " is not a Fidelis backup");
                    }
                    script = true;
                } else if (!name.startsWith(FILES) || name.contains("..") || name.startsWith("/")
                        || name.contains("\\")) {
                    throw new IllegalArgumentException(source + ": unexpected entry " + name);
                }
                zip.closeEntry();
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(source + ": not a zip file (" + e.getMessage() + ")");
        }
        if (!script) {
            throw new IllegalArgumentException(source + ": not a Fidelis backup (no " + SCRIPT + ")");
        }
    }

    Summary restore(Path source) throws IOException, SQLException {
        check(source);
        try (Connection c = dataSource.getConnection()) {
            requireH2(c);
        }
        Path safety = dataDir.resolve("before-restore-" + System.currentTimeMillis() + ".zip");
        backup(safety);
        try {
            Summary s = replace(source);
            Files.deleteIfExists(safety);
            return s;
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                replace(safety);
            } catch (IOException | SQLException | RuntimeException again) {
                e.addSuppressed(again);
                throw new IllegalStateException("the restore failed and so did putting the database back; the"
                        + " database as it was is in " + safety, e);
            }
            Files.deleteIfExists(safety);
            throw e;
        }
    }

    private Summary replace(Path source) throws IOException, SQLException {
        Path script = Files.createTempFile(dataDir, "restore-", ".sql");
        int files = 0;
        try {
            Path staging = Files.createTempDirectory(dataDir, "restore-files-");
            try {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(source))) {
                    ZipEntry e;
                    while ((e = zip.getNextEntry()) != null) {
                        if (e.getName().equals(SCRIPT)) {
                            Files.copy(zip, script, StandardCopyOption.REPLACE_EXISTING);
                        } else if (!e.isDirectory()) {
                            Path to = staging.resolve(e.getName().substring(FILES.length())).normalize();
                            if (!to.startsWith(staging)) {
                                throw new IllegalArgumentException("unexpected entry " + e.getName());
                            }
                            Files.createDirectories(to.getParent());
                            Files.copy(zip, to);
                            files++;
                        }
                    }
                }
                long statements;
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP ALL OBJECTS");
                    s.execute("RUNSCRIPT FROM '" + script.toAbsolutePath().toString().replace("'", "''")
                            + "' CHARSET 'UTF-8'");
                    try (Stream<String> lines = Files.lines(script, StandardCharsets.UTF_8)) {
                        statements = lines.filter(l -> !l.startsWith("--")).count();
                    }
                }
                Path attachments = dataDir.resolve("attachments");
                deleteTree(attachments);
                Path restored = staging.resolve("attachments");
                if (Files.isDirectory(restored)) {
                    Files.move(restored, attachments);
                }
                return new Summary(statements, files, Files.size(source));
            } finally {
                deleteTree(staging);
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
