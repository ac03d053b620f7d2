package io.fidelis.app.shared;

import java.time.Instant;

/**
 * Free text and files a capability keeps about customers, which a retention policy removes once they are old (issue
 * #8: configurable deletion of old free text and attachments). The records themselves stay, so the figures do not
 * change; only what people wrote, and files, go.
 */
public interface RetainedText {

    /** What is removed, for the log and the audit trail, such as {@code complaint texts}. */
    String what();

    /** Removes the free text of records finished before {@code before}; the number of records changed. */
    int forgetTextBefore(Instant before);

    /** Removes files attached to records finished before {@code before}; the number of files removed. */
    default int forgetFilesBefore(Instant before) {
        return 0;
    }
}
