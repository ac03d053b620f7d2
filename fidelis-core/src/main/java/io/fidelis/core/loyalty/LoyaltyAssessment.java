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

    /**
     * A rule and what it found, in phrases that a page can put in the reader's language (see {@link EvidenceText}),
     * such as {@code repeat-rate: 6.0 a year ≥ typical 4.0; P(alive) 0.90}.
     */
    public record Evidence(String rule, boolean held, List<EvidenceText.Phrase> phrases) {
        public Evidence {
            phrases = List.copyOf(phrases);
        }

        /** What it found, in English. */
        public String detail() {
            return EvidenceText.english(phrases);
        }
    }
}
