package io.fidelis.app.importing;

import java.util.List;

import io.fidelis.core.csv.RowError;

/**
 * What an import did. When {@link #outcome()} is {@code REJECTED}, nothing was changed.
 *
 * @param read        data rows read
 * @param imported    rows that created new records
 * @param updated     rows that changed existing records
 * @param unchanged   rows identical to what was already stored (a re-import)
 * @param rejected    invalid rows: written to the rejects file with {@code --skip-invalid}, else the file's reason
 * @param errors      the first errors (at most {@value ImportingCsv#MAX_REPORTED_ERRORS})
 * @param rejectsFile the rejects file written, or {@code null}
 * @param ignoredColumns columns of the file that the mapping did not use
 */
public record ImportSummary(ImportKind kind, String file, Outcome outcome, long read, long imported, long updated,
                            long unchanged, long rejected, double seconds, List<RowError> errors, String rejectsFile,
                            List<String> ignoredColumns) {

    public enum Outcome { IMPORTED, REJECTED }

    public ImportSummary {
        errors = List.copyOf(errors);
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    public double rowsPerSecond() {
        return seconds <= 0 ? 0 : read / seconds;
    }

    public boolean accepted() {
        return outcome == Outcome.IMPORTED;
    }
}
