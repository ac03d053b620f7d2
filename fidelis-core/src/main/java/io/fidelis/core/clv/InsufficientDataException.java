package io.fidelis.core.clv;

/** The data cannot support the fit asked for (too few customers, no repeat buyers, nothing observed). */
public class InsufficientDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InsufficientDataException(String message) {
        super(message);
    }
}
