package io.fidelis.app.visit;

import java.time.Instant;
import java.time.LocalDate;

/** A follow-up an account manager set: for a customer, due on a day, done or not. */
public record FollowUpTask(long id, long customerId, long assigneeId, String title, LocalDate dueOn, Long contactId,
                           Instant createdAt, Instant doneAt, String doneBy, String outcome, long version) {
}
