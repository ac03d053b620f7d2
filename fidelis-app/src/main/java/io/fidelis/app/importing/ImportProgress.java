package io.fidelis.app.importing;

/** Told how far an import has read, every few thousand rows and at the end of reading. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (bytesRead, totalBytes, rows) -> { };

    /**
     * @param bytesRead  bytes of the file read so far (compressed bytes for gzip)
     * @param totalBytes the file size, or -1 when unknown
     * @param rows       data rows read so far
     */
    void update(long bytesRead, long totalBytes, long rows);
}
