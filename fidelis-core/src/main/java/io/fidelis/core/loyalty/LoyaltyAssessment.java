package io.fidelis.core.loyalty;

import java.util.List;

/**
 * One customer's loyalty: the stage, an overlay (at risk or lost, shown on top of any stage), the loyalty index
 * (0–100) and the evidence: every rule that was checked, whether it held, with its numbers.
 */
public record LoyaltyAssessment(LoyaltyStage stage, Overlay overlay, double index, List<Evidence> evidence) {
    public LoyaltyAssessment {
        evidence = List.copyOf(evidence);
    }

    public enum Overlay { NONE, AT_RISK, LOST }

    /** A rule and what it found, such as {@code repeat-rate: 6.2 a year ≥ typical 4.0}. */
    public record Evidence(String rule, boolean held, String detail) {
    }
}
