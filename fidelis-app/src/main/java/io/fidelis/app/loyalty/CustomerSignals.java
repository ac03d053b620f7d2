package io.fidelis.app.loyalty;

import java.util.Set;

/**
 * Signals of satisfaction and attachment that other capabilities provide (surveys, complaints, account managers'
 * visits), as sets of customer ids. Each method defaults to none; a capability implements what it knows.
 */
public interface CustomerSignals {
    /** A survey at or above the satisfied threshold, or a complaint resolved to the customer's satisfaction. */
    default Set<Long> satisfied() {
        return Set.of();
    }

    /** A promoter answer (NPS 9–10). */
    default Set<Long> promoters() {
        return Set.of();
    }

    /** A stated intention to buy again. */
    default Set<Long> intendToRepurchase() {
        return Set.of();
    }

    /** Bought again after a complaint. */
    default Set<Long> keptThroughComplaint() {
        return Set.of();
    }

    /** A complaint not resolved yet: it blocks the higher stages and raises the risk. */
    default Set<Long> unresolvedComplaints() {
        return Set.of();
    }

    /** Stayed despite a competitor's offer. */
    default Set<Long> keptThroughCompetitorOffer() {
        return Set.of();
    }

    /** Each customer's NPS group from their latest NPS answer: promoter, passive or detractor. */
    default java.util.Map<Long, String> npsGroups() {
        return java.util.Map.of();
    }

    /** Each customer's latest NPS answer (0–10). */
    default java.util.Map<Long, Double> latestNps() {
        return java.util.Map.of();
    }

    /** Each customer's latest CSAT answer (1–5). */
    default java.util.Map<Long, Double> latestCsat() {
        return java.util.Map.of();
    }
}
