package io.fidelis.core.summary;

import io.fidelis.core.csv.RowError;

/** A transaction file that cannot be read: the first problem, with its file, line, field and reason. */
public class InvalidTransactionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient RowError error;

    public InvalidTransactionException(RowError error) {
        super(error.message());
        this.error = error;
    }

    public RowError error() {
        return error;
    }
}
