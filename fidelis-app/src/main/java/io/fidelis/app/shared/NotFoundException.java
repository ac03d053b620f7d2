package io.fidelis.app.shared;

/** The thing asked for does not exist, or the caller may not see it (answered as 404 either way). */
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
