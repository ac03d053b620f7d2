package io.fidelis.app.importing;

/** The database refused an import; it was rolled back and nothing changed. */
public class ImportFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
