package io.fidelis.app.shared;

/** The request clashes with what is stored, such as a duplicate key (answered as 409). */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
