package io.fidelis.core.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * An interval during which an SLA clock stops, typically while waiting for the customer: from {@code start} to
 * {@code end}, or open-ended while {@code end} is null (still waiting). Pauses may overlap each other; the clock
 * stops during their union.
 */
public record Pause(Instant start, Instant end) {
    public Pause {
        Objects.requireNonNull(start, "a pause needs a start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("a pause cannot end (" + end + ") before it starts (" + start + ")");
        }
    }

    /** A pause still running: waiting since {@code start}. */
    public static Pause open(Instant start) {
        return new Pause(start, null);
    }

    public boolean isOpen() {
        return end == null;
    }

    /** Whether the clock is stopped by this pause at {@code instant}: start ≤ instant &lt; end. */
    public boolean covers(Instant instant) {
        return !instant.isBefore(start) && (end == null || instant.isBefore(end));
    }
}
