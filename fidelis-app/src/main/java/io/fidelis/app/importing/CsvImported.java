package io.fidelis.app.importing;

/** Published after an import committed; other capabilities react to it (rescoring, for instance). */
public record CsvImported(ImportKind kind, String file, long imported, long updated, String requestedBy) {
}
