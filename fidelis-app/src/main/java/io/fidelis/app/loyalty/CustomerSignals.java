package io.fidelis.app.loyalty;

import java.util.Collection;
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
     * These signals for some customers only (the customers who bought in the last moments, rescored together). The
     * default reads everyone's and keeps theirs; capabilities answer it with queries of those customers alone.
     */
    default CustomerSignals forCustomers(Collection<Long> customerIds) {
        CustomerSignals all = this;
        Set<Long> ids = Set.copyOf(customerIds);
        return new CustomerSignals() {
            private Set<Long> only(Set<Long> s) {
                Set<Long> out = new java.util.HashSet<>(s);
                out.retainAll(ids);
                return out;
            }

            private <V> java.util.Map<Long, V> only(java.util.Map<Long, V> m) {
                java.util.Map<Long, V> out = new java.util.HashMap<>(m);
                out.keySet().retainAll(ids);
                return out;
            }

            @Override
            public Set<Long> satisfied() {
                return only(all.satisfied());
            }

            @Override
            public Set<Long> promoters() {
                return only(all.promoters());
            }

            @Override
            public Set<Long> intendToRepurchase() {
                return only(all.intendToRepurchase());
            }

            @Override
            public Set<Long> keptThroughComplaint() {
                return only(all.keptThroughComplaint());
            }

            @Override
            public Set<Long> unresolvedComplaints() {
                return only(all.unresolvedComplaints());
            }

            @Override
            public Set<Long> keptThroughCompetitorOffer() {
                return only(all.keptThroughCompetitorOffer());
            }

            @Override
            public java.util.Map<Long, String> npsGroups() {
                return only(all.npsGroups());
            }

            @Override
            public java.util.Map<Long, Double> latestNps() {
                return only(all.latestNps());
            }

            @Override
            public java.util.Map<Long, Double> latestCsat() {
                return only(all.latestCsat());
            }

            @Override
            public java.util.Map<Long, Integer> complaintsLastYear() {
                return only(all.complaintsLastYear());
            }

            @Override
            public java.util.Map<Long, Integer> recentLateDeliveries() {
                return only(all.recentLateDeliveries());
            }

            @Override
            public java.util.Map<Long, SubscriptionStay> subscriptionStay() {
                return only(all.subscriptionStay());
            }
        };
    }
}
