package io.fidelis.app.loyalty;

import java.time.Instant;
import java.time.LocalDate;

/** A customer's stored loyalty profile, as pages and the API show it. Evidence is a JSON list of rules. */
public record LoyaltyProfile(long customerId, Instant scoredAt, String stage, String overlay, double index,
                             Double pAlive, Double expectedPurchases, Double expectedSpend, Double clv, String rfm,
                             String rfmSegment, int occasions, double txWeeks, double tWeeks, double monetary,
                             LocalDate emotionalSince, String evidence, int categories, Double crossCategoryShare,
                             Double topBrandShare) {
}
