package io.fidelis.app.importing;

/** Another import holds the import lock; this one changed nothing and can be run again later. */
public class ImportBusyException extends ImportFailedException {
    private static final long serialVersionUID = 1L;

    public ImportBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
