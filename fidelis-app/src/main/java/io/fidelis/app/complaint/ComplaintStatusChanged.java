package io.fidelis.app.complaint;

import java.time.Instant;

/**
 * A complaint moved from one state to another (its first state, RECEIVED, has {@code from} null); {@code language}
 * is the language the customer complained in.
 */
public record ComplaintStatusChanged(long complaintId, String reference, long customerId, ComplaintStatus from,
                                     ComplaintStatus to, Instant at, String language) {
}
