package io.fidelis.app.importing;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * The command to import one CSV file.
 *
 * @param kind            what the file holds
 * @param file            the file (plain or gzip)
 * @param mapping         field name to the file's header name, for exports with other headers
 * @param skipInvalid     import the valid rows and write the others to {@code FILE.rejects.csv}; otherwise any
 *                        invalid row rejects the whole file and nothing changes
 * @param zone            the zone of timestamps written without an offset
 * @param timestampFormat an explicit {@link java.time.format.DateTimeFormatter} pattern, or {@code null}
 * @param requestedBy     who asked, for the audit trail
 * @param progress        told how far reading has come
 */
public record ImportFile(ImportKind kind, Path file, Map<String, String> mapping, boolean skipInvalid,
                         ZoneId zone, String timestampFormat, String requestedBy, ImportProgress progress) {
    public ImportFile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        mapping = Map.copyOf(mapping == null ? Map.of() : mapping);
        zone = zone == null ? ZoneOffset.UTC : zone;
        requestedBy = requestedBy == null ? "system" : requestedBy;
        progress = progress == null ? ImportProgress.NONE : progress;
    }

    public static ImportFile of(ImportKind kind, Path file) {
        return new ImportFile(kind, file, Map.of(), false, null, null, null, null);
    }

    public ImportFile skippingInvalid() {
        return new ImportFile(kind, file, mapping, true, zone, timestampFormat, requestedBy, progress);
    }

    /** Where rejected rows go with {@link #skipInvalid()}: {@code FILE.rejects.csv} beside the file. */
    public Path rejectsFile() {
        String name = file.getFileName().toString();
        return file.resolveSibling(name + ".rejects.csv");
    }
}
