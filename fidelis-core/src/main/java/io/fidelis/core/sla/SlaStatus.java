package io.fidelis.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an SLA clock stands at one instant; see {@link SlaClock#status}.
 *
 * @param state     the state, by precedence BREACHED, PAUSED, WARNING, ON_TRACK
 * @param elapsed   the business time used so far, pauses excluded
 * @param remaining the target less {@code elapsed}: negative once breached (the business time overdue)
 * @param dueAt     the instant the target is reached; empty while an open pause stops the clock before then
 */
public record SlaStatus(State state, Duration elapsed, Duration remaining, Optional<Instant> dueAt) {

    public enum State {
        /** More than the warning margin of business time remains, and the clock is running or outside hours. */
        ON_TRACK,
        /** At most the warning margin remains (including none left, exactly at the due instant). */
        WARNING,
        /** The due instant has passed: the target was used up before now. Takes precedence over a pause. */
        BREACHED,
        /** Not breached and a pause (waiting for the customer) covers now. */
        PAUSED
    }
}
