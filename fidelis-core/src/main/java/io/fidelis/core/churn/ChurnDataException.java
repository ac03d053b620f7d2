package io.fidelis.core.churn;

/**
 * Data that cannot be read, fitted or scored, with the place where there is one: {@code file:line: field 'x': reason}
 * for a cell, {@code file: reason} for the whole file.
 */
public class ChurnDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ChurnDataException(String message) {
        super(message);
    }
}
