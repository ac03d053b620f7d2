package io.fidelis.app.loyalty;

import java.time.Instant;

/** A customer moved to another loyalty stage or overlay (published by a scoring run). */
public record LoyaltyStageChanged(long customerId, String fromStage, String toStage, String fromOverlay,
                                  String toOverlay, Instant at) {
}
