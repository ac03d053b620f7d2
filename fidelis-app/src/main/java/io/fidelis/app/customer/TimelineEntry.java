package io.fidelis.app.customer;

import java.time.Instant;
import java.util.List;

/**
 * One event in a customer's 360° timeline.
 *
 * @param type the kind of entry (purchase, return, customer, and later survey, complaint, visit, referral); pages
 *             style and filter by it
 * @param messageKey the message describing it, translated on the page with {@code args}
 * @param link a page with the details, or {@code null}
 */
public record TimelineEntry(Instant at, String type, String messageKey, List<Object> args, String link) {
    public TimelineEntry {
        args = List.copyOf(args);
    }
}
