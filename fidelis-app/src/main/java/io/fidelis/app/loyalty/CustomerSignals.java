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

    /** Complaints received in the last twelve months, per customer (a feature of the subscription churn model). */
    default java.util.Map<Long, Integer> complaintsLastYear() {
        return java.util.Map.of();
    }

    /**
     * Late deliveries in the last {@value #LATE_DELIVERY_DAYS} days per customer: arrived after the promised day,
     * or not arrived and already past it.
     */
    default java.util.Map<Long, Integer> recentLateDeliveries() {
        return java.util.Map.of();
    }

    /** The window of {@link #recentLateDeliveries()}, in days. */
    int LATE_DELIVERY_DAYS = 90;

    /** What each subscriber's subscriptions say of their staying (the contractual signal; see {@link SubscriptionStay}). */
    default java.util.Map<Long, SubscriptionStay> subscriptionStay() {
        return java.util.Map.of();
    }

    /**
     * Called once at the start of every full scoring run, before any signal is read: a capability refreshes what it
     * derives from the whole population (the subscription churn model is fitted again here).
     */
    default void beforeScoring() {
    }

    /**
     * These signals for one customer only: what rescoring a customer after a purchase needs, without reading every
     * customer's answers and complaints. The default reads everyone's and keeps the one; capabilities answer it
     * with queries of that customer alone.
     */
    default CustomerSignals forCustomer(long customerId) {
        CustomerSignals all = this;
        return new CustomerSignals() {
            private Set<Long> one(Set<Long> s) {
                return s.contains(customerId) ? Set.of(customerId) : Set.of();
            }

            private <V> java.util.Map<Long, V> one(java.util.Map<Long, V> m) {
                V v = m.get(customerId);
                return v == null ? java.util.Map.of() : java.util.Map.of(customerId, v);
            }

            @Override
            public Set<Long> satisfied() {
                return one(all.satisfied());
            }

            @Override
            public Set<Long> promoters() {
                return one(all.promoters());
            }

            @Override
            public Set<Long> intendToRepurchase() {
                return one(all.intendToRepurchase());
            }

            @Override
            public Set<Long> keptThroughComplaint() {
                return one(all.keptThroughComplaint());
            }

            @Override
            public Set<Long> unresolvedComplaints() {
                return one(all.unresolvedComplaints());
            }

            @Override
            public Set<Long> keptThroughCompetitorOffer() {
                return one(all.keptThroughCompetitorOffer());
            }

            @Override
            public java.util.Map<Long, String> npsGroups() {
                return one(all.npsGroups());
            }

            @Override
            public java.util.Map<Long, Double> latestNps() {
                return one(all.latestNps());
            }

            @Override
            public java.util.Map<Long, Double> latestCsat() {
                return one(all.latestCsat());
            }

            @Override
            public java.util.Map<Long, Integer> complaintsLastYear() {
                return one(all.complaintsLastYear());
            }

            @Override
            public java.util.Map<Long, Integer> recentLateDeliveries() {
                return one(all.recentLateDeliveries());
            }

            @Override
            public java.util.Map<Long, SubscriptionStay> subscriptionStay() {
                return one(all.subscriptionStay());
            }
        };
    }
}
