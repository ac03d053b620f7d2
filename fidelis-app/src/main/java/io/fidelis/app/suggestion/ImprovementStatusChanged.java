package io.fidelis.app.suggestion;

import java.time.Instant;

/** An improvement item moved from one status to another. */
public record ImprovementStatusChanged(long itemId, ImprovementStatus from, ImprovementStatus to, Instant at,
                                       String by) {
}
