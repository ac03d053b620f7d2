package io.fidelis.core.csv;

/** A single value is present but not valid; the message is the plain-words reason. */
public class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String reason) {
        super(reason, null, false, false);
    }
}
