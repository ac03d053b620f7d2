package io.fidelis.core.csv;

import java.util.List;

/** The file as a whole cannot be imported: unreadable, bad header, unknown or missing columns. */
public class CsvFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<RowError> errors;

    public CsvFormatException(List<RowError> errors) {
        super(errors.isEmpty() ? "invalid file" : errors.get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    public List<RowError> errors() {
        return errors;
    }
}
