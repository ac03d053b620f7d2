package io.fidelis.app.loyalty;

import java.time.LocalDate;
import java.util.List;

/**
 * What a customer's subscriptions say of their staying: the contractual signal, which takes the role of P(alive) for
 * a subscriber (issue 9: buy-till-you-die models do not apply where customers leave by cancelling).
 *
 * @param pStay        1 − the churn model's probability for a current subscriber; 0 once every subscription ended;
 *                     NaN for a current subscriber when no churn model could be fitted
 * @param cancelled    every subscription of the customer has ended
 * @param endedOn      the day the last one ended (null while one runs)
 * @param startedOn    the day the first one started
 * @param monthlyCharge the monthly charge of the running subscriptions (of the last ones when cancelled)
 * @param services     distinct services of the running subscriptions (of the last ones when cancelled)
 * @param factors      the churn model's largest contributions, in plain words, largest first
 * @param modelAuc     the churn model's cross-validated ROC AUC (NaN without a model)
 */
public record SubscriptionStay(double pStay, boolean cancelled, LocalDate endedOn, LocalDate startedOn,
                               double monthlyCharge, int services, List<String> factors, double modelAuc) {
    public SubscriptionStay {
        factors = List.copyOf(factors);
    }

    /** Whole months from the first start to the end (or to {@code today} while one runs). */
    public long tenureMonths(LocalDate today) {
        return java.time.temporal.ChronoUnit.MONTHS.between(startedOn, cancelled ? endedOn : today);
    }
}
