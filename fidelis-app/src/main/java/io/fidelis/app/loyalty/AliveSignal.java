package io.fidelis.app.loyalty;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Which signal says whether a customer is still a customer (issue 9): P(alive) from the repeat-buying model
 * (BG/NBD), or P(stay) from the subscription churn model, with the reason in words for the evidence.
 *
 * <ul>
 *   <li>No subscription: the purchases decide, as always.</li>
 *   <li>Every subscription ended: P(stay) is 0, unless the customer bought after the last one ended (then the
 *       purchases decide: they are still a buyer).</li>
 *   <li>A running subscription without a churn model (too few subscribers or churned ones to fit one): the
 *       purchases decide; without a P(alive) from purchases either, the customer counts as staying (the contract
 *       runs).</li>
 *   <li>A running subscription with a churn model and no repeat purchase: P(stay) decides. A one-time buyer's
 *       P(alive) is 1 by the model's construction and says nothing.</li>
 *   <li>Both signals: the more informative decides, the one with the lower binary entropy (the further from
 *       0.5); a tie goes to the subscription, whose cancellation is observed rather than inferred.</li>
 * </ul>
 *
 * @param p                the probability used
 * @param fromSubscription whether it is P(stay)
 * @param detail           the choice in words, or null when there was none (no subscription)
 */
record AliveSignal(double p, boolean fromSubscription, String detail) {

    /**
     * @param pAlive       the repeat-buying model's P(alive), NaN without a model or without purchases
     * @param repeats      repeat purchase occasions (x)
     * @param lastPurchase the day of the last purchase, null without purchases
     * @param sub          the subscription signal, null for a customer without subscriptions
     */
    static AliveSignal choose(double pAlive, int repeats, LocalDate lastPurchase, SubscriptionStay sub) {
        if (sub == null) {
            return new AliveSignal(Double.isNaN(pAlive) ? 1 : pAlive, false, null);
        }
        boolean purchases = !Double.isNaN(pAlive);
        if (sub.cancelled()) {
            if (purchases && lastPurchase != null && lastPurchase.isAfter(sub.endedOn())) {
                return new AliveSignal(pAlive, false, String.format(Locale.ROOT, "every subscription ended on %s,"
                        + " but the customer bought since: P(alive) %.2f from purchases decides", sub.endedOn(),
                        pAlive));
            }
            return new AliveSignal(0, true, "every subscription ended on " + sub.endedOn() + ": P(stay) 0");
        }
        if (Double.isNaN(sub.pStay())) {
            return purchases
                    ? new AliveSignal(pAlive, false, String.format(Locale.ROOT, "no subscription churn model yet (too"
                    + " few subscribers or cancellations to fit one): P(alive) %.2f from purchases decides", pAlive))
                    : new AliveSignal(1, true, "no subscription churn model yet (too few subscribers or"
                    + " cancellations to fit one), and no P(alive) from purchases: the running subscription counts"
                    + " as staying");
        }
        String stay = String.format(Locale.ROOT, "P(stay) %.2f from the subscription churn model (cross-validated"
                + " AUC %.2f)%s", sub.pStay(), sub.modelAuc(), sub.factors().isEmpty() ? ""
                : "; most of all: " + String.join("; ", sub.factors().subList(0, Math.min(3, sub.factors().size()))));
        if (!purchases || repeats < 1) {
            return new AliveSignal(sub.pStay(), true, stay + (purchases
                    ? "; purchases give no P(alive) yet (no repeat purchase)" : ""));
        }
        boolean subscriptionWins = entropy(sub.pStay()) <= entropy(pAlive);
        String both = String.format(Locale.ROOT, "%s; P(alive) %.2f from purchases (%d repeat occasions); the %s"
                + " is further from 0.5 and decides", stay, pAlive, repeats, subscriptionWins ? "subscription's"
                : "purchases'");
        return subscriptionWins ? new AliveSignal(sub.pStay(), true, both) : new AliveSignal(pAlive, false, both);
    }

    /** Binary entropy in bits: 0 at 0 and 1, 1 at 0.5. */
    static double entropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }
}
