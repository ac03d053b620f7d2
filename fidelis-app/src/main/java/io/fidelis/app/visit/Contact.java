package io.fidelis.app.visit;

import java.time.Instant;

/**
 * A call, visit, e-mail or meeting with a customer (seed 000: visit and talk with customers, capture their needs and
 * opinions, follow up in time): when, who, notes, the needs captured, the opinions heard, and the complaint raised
 * from it, if one was.
 */
public record Contact(long id, long customerId, String staff, ContactKind kind, Instant at, String notes,
                      String needs, String opinions, String complaintReference) {
}
