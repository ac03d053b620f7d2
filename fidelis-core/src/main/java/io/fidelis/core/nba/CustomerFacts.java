package io.fidelis.core.nba;

import java.util.Objects;

import io.fidelis.core.loyalty.LoyaltyStage;

/**
 * What the next best action knows about one customer; primitives where it can, so that a million of them rank
 * without boxing.
 *
 * @param stage                   the loyalty stage
 * @param atRisk                  the at-risk overlay of the loyalty assessment
 * @param lost                    the lost overlay of the loyalty assessment
 * @param pAlive                  the model's probability that the customer is still active, 0–1
 * @param clv12                   12-month customer lifetime value
 * @param clvPercentile           the CLV's percentile among the customers, 0–100 (90: above 90 % of them)
 * @param openComplaints          complaints not resolved yet
 * @param latestNps               the latest NPS answer, 0–10, or null
 * @param latestCsat              the latest CSAT, 1–5, or NaN when unknown
 * @param marketingConsent        the customer agreed to marketing
 * @param daysSinceManagerContact days since the account manager's last contact, or −1 if never
 * @param tenureYears             years since the first purchase
 * @param referralsMade           customers they referred
 * @param suggestedItem           a category or product from the association rules, or null
 * @param suggestionReason        why that item, e.g. "customers who buy A and B often buy X"; null with no item
 * @param lateDeliveries          late deliveries in the recent window (90 days in the app)
 */
public record CustomerFacts(LoyaltyStage stage, boolean atRisk, boolean lost, double pAlive, double clv12,
                            double clvPercentile, int openComplaints, Integer latestNps, double latestCsat,
                            boolean marketingConsent, int daysSinceManagerContact, double tenureYears,
                            int referralsMade, String suggestedItem, String suggestionReason, int lateDeliveries) {

    /** The facts of a customer without late deliveries. */
    public CustomerFacts(LoyaltyStage stage, boolean atRisk, boolean lost, double pAlive, double clv12,
                         double clvPercentile, int openComplaints, Integer latestNps, double latestCsat,
                         boolean marketingConsent, int daysSinceManagerContact, double tenureYears,
                         int referralsMade, String suggestedItem, String suggestionReason) {
        this(stage, atRisk, lost, pAlive, clv12, clvPercentile, openComplaints, latestNps, latestCsat,
                marketingConsent, daysSinceManagerContact, tenureYears, referralsMade, suggestedItem,
                suggestionReason, 0);
    }

    public CustomerFacts {
        if (lateDeliveries < 0) {
            throw new IllegalArgumentException("late deliveries cannot be negative, got " + lateDeliveries);
        }
        Objects.requireNonNull(stage, "stage");
        if (!(pAlive >= 0 && pAlive <= 1)) {
            throw new IllegalArgumentException("P(alive) must be between 0 and 1, got " + pAlive);
        }
        if (!(clvPercentile >= 0 && clvPercentile <= 100)) {
            throw new IllegalArgumentException("the CLV percentile must be between 0 and 100, got " + clvPercentile);
        }
        if (openComplaints < 0) {
            throw new IllegalArgumentException("open complaints cannot be negative, got " + openComplaints);
        }
        if (latestNps != null && (latestNps < 0 || latestNps > 10)) {
            throw new IllegalArgumentException("an NPS answer is 0 to 10, got " + latestNps);
        }
        if (!Double.isNaN(latestCsat) && (latestCsat < 1 || latestCsat > 5)) {
            throw new IllegalArgumentException("a CSAT is 1 to 5 (NaN when unknown), got " + latestCsat);
        }
        if (daysSinceManagerContact < -1) {
            throw new IllegalArgumentException("days since the last contact must be 0 or more (−1: never), got "
                    + daysSinceManagerContact);
        }
        if (!(tenureYears >= 0)) {
            throw new IllegalArgumentException("tenure cannot be negative, got " + tenureYears);
        }
        if (referralsMade < 0) {
            throw new IllegalArgumentException("referrals made cannot be negative, got " + referralsMade);
        }
    }
}
