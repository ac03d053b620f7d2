package io.fidelis.core.nba;

import java.util.Map;
import java.util.Objects;

/**
 * One suggested action for a customer.
 *
 * @param kind       what to do
 * @param score      the kind's weight plus up to 9.9 for the customer's CLV percentile: kinds never swap places,
 *                   and within a kind the more valuable customers come first
 * @param reason     the rule that fired, with its numbers, e.g. "call: valuable and at risk (…)"
 * @param parameters the numbers and names the reason quotes, for the UI
 */
public record Suggestion(Kind kind, double score, String reason, Map<String, Object> parameters) {
    public Suggestion {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        parameters = Map.copyOf(parameters);
    }

    /** The kinds of action, highest precedence first, with their weights. */
    public enum Kind {
        /** An open complaint: resolve it first; selling, referral asks and thanks wait. */
        RESOLVE_COMPLAINT(100, false),
        /** Valuable and at risk: the account manager calls. */
        CALL_AT_RISK(90, false),
        /**
         * Late deliveries recently (seeds 000 and 003: delivery is a basis of satisfaction): apologise before the
         * customer complains, and see that the next delivery comes on time.
         */
        APOLOGISE_LATE_DELIVERY(85, false),
        /** Lost, worth winning back, with marketing consent. */
        WIN_BACK(80, true),
        /** A promoter of long standing: ask for a referral. */
        ASK_REFERRAL(70, true),
        /** A category or product the association rules suggest. */
        OFFER(60, true),
        /** Loyal and not contacted for a while: thank them. */
        THANK(50, false),
        /** Nothing to do. */
        NONE(0, false);

        private final double weight;
        private final boolean marketing;

        Kind(double weight, boolean marketing) {
            this.weight = weight;
            this.marketing = marketing;
        }

        public double weight() {
            return weight;
        }

        /** Marketing actions need the customer's consent and wait while a complaint is open. */
        public boolean marketing() {
            return marketing;
        }
    }
}
