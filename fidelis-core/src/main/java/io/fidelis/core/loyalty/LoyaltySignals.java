package io.fidelis.core.loyalty;

/**
 * What is known about one customer, from every capability: purchases and the repeat-buying model (always), and
 * satisfaction, complaints and referrals once those capabilities provide them (absent signals are false or 0).
 *
 * @param occasions              purchase occasions (days with a purchase)
 * @param pAlive                 the model's probability that the customer is still active
 * @param ratePerYear            the customer's purchase occasions per year while a customer
 * @param typicalRatePerYear     the typical (median) rate of the customer's segment
 * @param recentRateRatio        the rate over the recent window divided by the customer's long-run rate (1 = steady;
 *                               NaN when unknown)
 * @param daysSinceLast          days since the last purchase occasion
 * @param usualIntervalDays      the customer's mean interval between occasions (NaN with one occasion)
 * @param categories             distinct product categories bought
 * @param satisfied              a survey at or above the satisfied threshold, or a complaint resolved to their
 *                               satisfaction
 * @param promoter               a promoter answer (NPS 9–10)
 * @param referralsMade          customers they referred
 * @param intendsToRepurchase    a stated intention to buy again
 * @param monthsEmotional        months the customer has held the emotional stage (0 if never)
 * @param keptThroughComplaint   bought again after a complaint
 * @param keptThroughCompetitorOffer stayed despite a competitor's offer (recorded by an account manager)
 * @param unresolvedComplaint    a complaint not resolved yet
 * @param lateDeliveries         late deliveries in the recent window (90 days in the app)
 * @param stayFromSubscription   {@code pAlive} is P(stay) from the subscription churn model (or 0 for a cancelled
 *                               subscriber), not P(alive) from the repeat-buying model
 * @param signalChoice           which of the two signals was used and why, in words; null when there was no choice
 */
public record LoyaltySignals(int occasions, double pAlive, double ratePerYear, double typicalRatePerYear,
                             double recentRateRatio, double daysSinceLast, double usualIntervalDays, int categories,
                             boolean satisfied, boolean promoter, int referralsMade, boolean intendsToRepurchase,
                             int monthsEmotional, boolean keptThroughComplaint, boolean keptThroughCompetitorOffer,
                             boolean unresolvedComplaint, int lateDeliveries, boolean stayFromSubscription,
                             String signalChoice) {

    /** The signals of a customer without late deliveries, judged by the repeat-buying model. */
    public LoyaltySignals(int occasions, double pAlive, double ratePerYear, double typicalRatePerYear,
                          double recentRateRatio, double daysSinceLast, double usualIntervalDays, int categories,
                          boolean satisfied, boolean promoter, int referralsMade, boolean intendsToRepurchase,
                          int monthsEmotional, boolean keptThroughComplaint, boolean keptThroughCompetitorOffer,
                          boolean unresolvedComplaint) {
        this(occasions, pAlive, ratePerYear, typicalRatePerYear, recentRateRatio, daysSinceLast, usualIntervalDays,
                categories, satisfied, promoter, referralsMade, intendsToRepurchase, monthsEmotional,
                keptThroughComplaint, keptThroughCompetitorOffer, unresolvedComplaint, 0, false, null);
    }

    /** The signals of a customer without an unresolved complaint. */
    public LoyaltySignals(int occasions, double pAlive, double ratePerYear, double typicalRatePerYear,
                          double recentRateRatio, double daysSinceLast, double usualIntervalDays, int categories,
                          boolean satisfied, boolean promoter, int referralsMade, boolean intendsToRepurchase,
                          int monthsEmotional, boolean keptThroughComplaint, boolean keptThroughCompetitorOffer) {
        this(occasions, pAlive, ratePerYear, typicalRatePerYear, recentRateRatio, daysSinceLast, usualIntervalDays,
                categories, satisfied, promoter, referralsMade, intendsToRepurchase, monthsEmotional,
                keptThroughComplaint, keptThroughCompetitorOffer, false, 0, false, null);
    }
}
