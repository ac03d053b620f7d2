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
        final java.time.Instant uploadedAt = java.time.Instant.now();

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
        String name = safeName(originalName);
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
            } catch (Throwable e) { // anything: the page must learn that the import ended
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

    /** The last part of the client's file name, with only safe characters; {@code upload.csv} when none is left. */
    static String safeName(String originalName) {
        if (originalName == null) {
            return "upload.csv";
        }
        String last = originalName.substring(Math.max(originalName.lastIndexOf('/'), originalName.lastIndexOf('\\')) + 1);
        String name = last.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 100) {
            name = name.substring(name.length() - 100);
        }
        return name.isBlank() || name.startsWith(".") ? "upload.csv" : name;
    }

    /**
     * Finished imports are kept a day for their result page and rejected rows, uploads never run an hour; then they
     * are forgotten with their files.
     */
    private void forgetOldJobs() throws IOException {
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant dayAgo = now.minus(java.time.Duration.ofDays(1));
        java.time.Instant hourAgo = now.minus(java.time.Duration.ofHours(1));
        for (Job job : List.copyOf(jobs.values())) {
            boolean expired = job.finishedAt != null ? job.finishedAt.isBefore(dayAgo)
                    : !job.started && job.uploadedAt.isBefore(hourAgo);
            if (expired) {
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
