package io.fidelis.app.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import io.fidelis.app.audit.AuditableChange;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the embedded database and its stored files into one zip (for PostgreSQL use pg_dump).")
class BackupCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the backup file to write, such as fidelis-2026-12-02.zip")
    Path file;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            EmbeddedBackups backups = new EmbeddedBackups(context.getBean(DataSource.class),
                    Path.of(context.getEnvironment().getProperty("fidelis.data-dir", "./data")));
            EmbeddedBackups.Summary s = backups.backup(file);
            System.out.printf("Backed up %,d statements and %d stored files to %s (%,d bytes) in %.1f s%n",
                    s.statements(), s.files(), file, s.bytes(), (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (Exception e) {
            System.err.println("Not backed up: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Replace the embedded database and its stored files with a backup (stop the server first).")
    static class Restore implements Callable<Integer> {
        @Parameters(index = "0", description = "a backup written by fidelis backup")
        Path file;

        @picocli.CommandLine.Option(names = "--yes", description = "confirm: everything now in the database is"
                + " replaced")
        boolean yes;

        @Override
        public Integer call() {
            if (!yes) {
                System.err.println("Not restored: this replaces everything in the database; add --yes to confirm");
                return 2;
            }
            long started = System.nanoTime();
            try {
                EmbeddedBackups.check(file);
            } catch (Exception e) {
                System.err.println("Not restored: " + e.getMessage());
                return 1;
            }
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                EmbeddedBackups backups = new EmbeddedBackups(context.getBean(DataSource.class),
                        Path.of(context.getEnvironment().getProperty("fidelis.data-dir", "./data")));
                EmbeddedBackups.Summary s = backups.restore(file);
                context.publishEvent(new AuditableChange("cli", "database", "embedded", "restore", null,
                        AuditableChange.json("file", file.getFileName().toString(), "statements", s.statements(),
                                "files", s.files())));
                System.out.printf("Restored %,d statements and %d stored files from %s in %.1f s%n", s.statements(),
                        s.files(), file, (System.nanoTime() - started) / 1e9);
                return 0;
            } catch (Exception e) {
                System.err.println("Not restored (the database is as it was): " + e.getMessage());
                return 1;
            }
        }
    }
}
