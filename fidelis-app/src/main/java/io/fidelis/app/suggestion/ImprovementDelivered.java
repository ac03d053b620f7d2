package io.fidelis.app.suggestion;

import java.time.Instant;

/** An improvement item was delivered: every customer who asked for it is to be told. */
public record ImprovementDelivered(long itemId, String title, String note, Instant at, String by) {
}
