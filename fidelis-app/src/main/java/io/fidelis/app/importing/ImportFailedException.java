package io.fidelis.app.importing;

/** The database refused an import, or another import was running; nothing changed. */
public class ImportFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
