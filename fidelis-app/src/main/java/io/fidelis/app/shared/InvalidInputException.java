package io.fidelis.app.shared;

/** Malformed input, such as an unknown sort field or an invalid time zone (answered as 400). */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
