package io.fidelis.app.importing.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.fidelis.app.importing.ImportFile;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportSummary;
import io.fidelis.app.importing.ImportingCsv;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

/**
 * Files uploaded on the import page and the imports run from them, one at a time in the background so the page can
 * show progress. An upload belongs to the user who sent it: nobody else sees it. Uploads are deleted when their
 * import has finished (the rejected rows are kept for download until the server stops).
 */
@Component
class ImportJobs {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An uploaded file, and its import once started. */
    static final class Job {
        final String id;
        final String owner;
        final ImportKind kind;
        final String fileName;
        final Path file;
        volatile long bytesRead;
        volatile long totalBytes = -1;
        volatile long rows;
        volatile boolean started;
        volatile ImportSummary summary;
        volatile String failure;
        volatile java.time.Instant finishedAt;

        Job(String id, String owner, ImportKind kind, String fileName, Path file) {
            this.id = id;
            this.owner = owner;
            this.kind = kind;
            this.fileName = fileName;
            this.file = file;
        }

        public String getId() {
            return id;
        }

        public ImportKind getKind() {
            return kind;
        }

        public String getFileName() {
            return fileName;
        }

        public long getRows() {
            return rows;
        }

        public boolean isStarted() {
            return started;
        }

        public boolean isDone() {
            return summary != null || failure != null;
        }

        public ImportSummary getSummary() {
            return summary;
        }

        public String getFailure() {
            return failure;
        }

        /** Per cent of the file read, 0 to 100, or -1 when the size is unknown. */
        public int getPercent() {
            return totalBytes <= 0 ? -1 : (int) Math.min(100, bytesRead * 100 / totalBytes);
        }

        Path rejects() {
            return file.resolveSibling(file.getFileName() + ".rejects.csv");
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fidelis-web-import");
        t.setDaemon(true);
        return t;
    });
    private final ImportingCsv importer;
    private final Path uploads;

    ImportJobs(ImportingCsv importer, @Value("${fidelis.data-dir}") String dataDir) {
        this.importer = importer;
        this.uploads = Path.of(dataDir, "uploads");
    }

    Job upload(String owner, ImportKind kind, String originalName, InputStream content) throws IOException {
        forgetOldJobs();
        Files.createDirectories(uploads);
        byte[] idBytes = new byte[12];
        RANDOM.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String name = originalName == null ? "upload.csv"
                : Path.of(originalName).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isBlank() || name.startsWith(".")) {
            name = "upload.csv";
        }
        Path dir = Files.createDirectory(uploads.resolve("web-" + id));
        Path target = dir.resolve(name);
        Files.copy(content, target);
        Job job = new Job(id, owner, kind, name, target);
        jobs.put(id, job);
        return job;
    }

    /** The job, if it exists and belongs to {@code owner}. */
    Optional<Job> find(String id, String owner) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.owner.equals(owner));
    }

    /** Starts the import in the background with the caller's security context (for the audit trail). */
    synchronized void start(Job job, Map<String, String> mapping, boolean skipInvalid, java.time.ZoneId zone,
                            String timestampFormat) {
        if (job.started) {
            return;
        }
        job.started = true;
        ImportFile command = new ImportFile(job.kind, job.file, mapping, skipInvalid, zone, timestampFormat,
                job.owner, (read, total, rows) -> {
                    job.bytesRead = read;
                    job.totalBytes = total;
                    job.rows = rows;
                });
        runner.submit(new DelegatingSecurityContextRunnable(() -> {
            try {
                job.summary = importer.importFile(command);
            } catch (RuntimeException e) {
                job.failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                job.finishedAt = java.time.Instant.now();
                try {
                    Files.deleteIfExists(job.file);
                } catch (IOException ignored) {
                    // the directory is removed at shutdown
                }
            }
        }));
    }

    Path rejectsOf(Job job) {
        return job.rejects();
    }

    /** Finished imports are kept a day for their result page and rejected rows, then forgotten with their files. */
    private void forgetOldJobs() throws IOException {
        java.time.Instant dayAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        for (Job job : List.copyOf(jobs.values())) {
            if (job.finishedAt != null && job.finishedAt.isBefore(dayAgo)) {
                jobs.remove(job.id);
                delete(job);
            }
        }
    }

    @PreDestroy
    void shutdown() throws IOException {
        runner.shutdownNow();
        for (Job job : jobs.values()) {
            delete(job);
        }
    }

    private static void delete(Job job) throws IOException {
        Path dir = job.file.getParent();
        if (Files.isDirectory(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
