package io.fidelis.core.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides each customer's loyalty stage, overlay and index from their signals, with the evidence. A small pure
 * function: the same signals and settings always give the same assessment.
 */
public final class LoyaltyStagePolicy {

    /**
     * Thresholds (defaults in brackets, documented in the README).
     *
     * @param atRiskPAlive           P(alive) below this is at risk [0.5]
     * @param lostPAlive             P(alive) below this is lost [0.1]
     * @param lostIntervalMultiple   silent for more than this many usual intervals is lost [3]
     * @param rateDropRatio          a recent rate below this share of the long-run rate is at risk [0.5]
     * @param sustainableMonths      months of emotional loyalty for the sustainable stage [12]
     * @param crossCategoryMinimum   categories bought for the sustainable stage [2]
     * @param weightBehavioural      index weight of buying behaviour [0.5]
     * @param weightConscious        index weight of satisfaction and intention [0.25]
     * @param weightEmotional        index weight of promotion and referral [0.25]
     * @param lateDeliveriesAtRisk   this many late deliveries in the recent window put the customer at risk [2]
     */
    public record Settings(double atRiskPAlive, double lostPAlive, double lostIntervalMultiple, double rateDropRatio,
                           int sustainableMonths, int crossCategoryMinimum, double weightBehavioural,
                           double weightConscious, double weightEmotional, int lateDeliveriesAtRisk) {
        public Settings(double atRiskPAlive, double lostPAlive, double lostIntervalMultiple, double rateDropRatio,
                        int sustainableMonths, int crossCategoryMinimum, double weightBehavioural,
                        double weightConscious, double weightEmotional) {
            this(atRiskPAlive, lostPAlive, lostIntervalMultiple, rateDropRatio, sustainableMonths,
                    crossCategoryMinimum, weightBehavioural, weightConscious, weightEmotional, 2);
        }

        public static Settings defaults() {
            return new Settings(0.5, 0.1, 3, 0.5, 12, 2, 0.5, 0.25, 0.25, 2);
        }
    }

    private final Settings settings;

    public LoyaltyStagePolicy(Settings settings) {
        this.settings = settings;
    }

    public LoyaltyAssessment assess(LoyaltySignals s) {
        List<LoyaltyAssessment.Evidence> evidence = new ArrayList<>();
        // P(alive) from the repeat-buying model, or P(stay) from the subscription churn model (issue 9).
        String p = s.stayFromSubscription() ? "P(stay)" : "P(alive)";
        if (s.signalChoice() != null) {
            rule(evidence, "signal", s.stayFromSubscription(), s.signalChoice());
        }
        boolean boughtAgain = s.occasions() >= 2;
        boolean satisfied = rule(evidence, "satisfied", s.satisfied() || boughtAgain,
                s.satisfied() ? "a satisfied answer or a resolved complaint"
                        : boughtAgain ? "bought again (" + s.occasions() + " occasions)" : "no satisfaction signal yet");
        boolean alive = s.pAlive() >= settings.atRiskPAlive();
        boolean repeat = rule(evidence, "repeat-rate", boughtAgain && s.ratePerYear() >= s.typicalRatePerYear()
                        && alive, String.format(Locale.ROOT, "%.1f a year %s typical %.1f, %s %.2f",
                s.ratePerYear(), s.ratePerYear() >= s.typicalRatePerYear() ? "≥" : "<", s.typicalRatePerYear(),
                p, s.pAlive()));
        // An unresolved complaint blocks the higher stages (and raises the risk, below) until it is resolved.
        boolean open = s.unresolvedComplaint();
        if (open) {
            rule(evidence, "unresolved-complaint", true, "a complaint is not resolved yet: emotional and sustainable"
                    + " loyalty wait for it, and the customer is at risk");
        }
        boolean emotional = rule(evidence, "emotional", !open && repeat && (s.promoter() || s.referralsMade() > 0
                || s.intendsToRepurchase()), (s.promoter() ? "promoter; " : "") + (s.referralsMade() > 0
                ? s.referralsMade() + " referral(s); " : "") + (s.intendsToRepurchase() ? "intends to buy again; " : "")
                + (s.promoter() || s.referralsMade() > 0 || s.intendsToRepurchase() ? "" : "no promoter answer,"
                + " referral or stated intention"));
        boolean sustainable = rule(evidence, "sustainable", emotional && s.monthsEmotional()
                        >= settings.sustainableMonths() && s.categories() >= settings.crossCategoryMinimum()
                        && (s.keptThroughComplaint() || s.keptThroughCompetitorOffer()),
                String.format(Locale.ROOT, "emotional for %d months (need %d), %d categories (need %d), %s",
                        s.monthsEmotional(), settings.sustainableMonths(), s.categories(),
                        settings.crossCategoryMinimum(), s.keptThroughComplaint() ? "kept through a complaint"
                                : s.keptThroughCompetitorOffer() ? "kept through a competitor's offer"
                                : "not yet tested by a complaint or a competitor's offer"));
        LoyaltyStage stage = sustainable ? LoyaltyStage.SUSTAINABLE : emotional ? LoyaltyStage.EMOTIONAL
                : repeat ? LoyaltyStage.BEHAVIOURAL : satisfied ? LoyaltyStage.SATISFIED : LoyaltyStage.NEW;

        boolean silentTooLong = !Double.isNaN(s.usualIntervalDays()) && s.usualIntervalDays() > 0
                && s.daysSinceLast() > settings.lostIntervalMultiple() * s.usualIntervalDays();
        boolean lost = rule(evidence, "lost", s.pAlive() < settings.lostPAlive() || silentTooLong,
                String.format(Locale.ROOT, "%s %.2f (lost below %.2f); %.0f days since the last purchase%s",
                        p, s.pAlive(), settings.lostPAlive(), s.daysSinceLast(), Double.isNaN(s.usualIntervalDays()) ? ""
                                : String.format(Locale.ROOT, " (usually every %.0f; lost after %.0f)",
                                s.usualIntervalDays(), settings.lostIntervalMultiple() * s.usualIntervalDays())));
        boolean rateDrop = !Double.isNaN(s.recentRateRatio()) && s.recentRateRatio() < settings.rateDropRatio();
        // Late deliveries (seeds 000 and 003: fast delivery is the basis of satisfaction) are evidence always, and
        // put the customer at risk from the set number on.
        boolean lateRisk = s.lateDeliveries() > 0 && s.lateDeliveries() >= settings.lateDeliveriesAtRisk();
        if (s.lateDeliveries() > 0) {
            rule(evidence, "late-delivery", lateRisk, String.format(Locale.ROOT,
                    "%d late deliveries recently (at risk from %d)", s.lateDeliveries(),
                    settings.lateDeliveriesAtRisk()));
        }
        boolean atRisk = !lost && rule(evidence, "at-risk", s.pAlive() < settings.atRiskPAlive() || rateDrop || open
                        || lateRisk,
                String.format(Locale.ROOT, "%s %.2f (at risk below %.2f)%s%s", p, s.pAlive(),
                        settings.atRiskPAlive(), Double.isNaN(s.recentRateRatio()) ? ""
                                : String.format(Locale.ROOT, "; recent rate %.0f%% of usual (at risk below %.0f%%)",
                                100 * s.recentRateRatio(), 100 * settings.rateDropRatio()),
                        lateRisk ? String.format(Locale.ROOT, "; %d late deliveries", s.lateDeliveries()) : ""));
        LoyaltyAssessment.Overlay overlay = lost ? LoyaltyAssessment.Overlay.LOST
                : atRisk ? LoyaltyAssessment.Overlay.AT_RISK : LoyaltyAssessment.Overlay.NONE;
        return new LoyaltyAssessment(stage, overlay, index(s), evidence);
    }

    /**
     * The loyalty index, 0–100: behavioural (the rate against the segment's typical rate, capped at 1, times
     * P(alive)), conscious (satisfied, intends to buy again: half each) and emotional (promoter, referred someone:
     * half each), weighted by the settings.
     */
    double index(LoyaltySignals s) {
        double rate = s.typicalRatePerYear() > 0 ? Math.min(1, s.ratePerYear() / s.typicalRatePerYear())
                : s.ratePerYear() > 0 ? 1 : 0;
        double behavioural = Math.max(0, Math.min(1, rate * s.pAlive()));
        double conscious = 0.5 * ((s.satisfied() || s.occasions() >= 2) ? 1 : 0) + 0.5 * (s.intendsToRepurchase() ? 1 : 0);
        double emotional = 0.5 * (s.promoter() ? 1 : 0) + 0.5 * (s.referralsMade() > 0 ? 1 : 0);
        double total = settings.weightBehavioural() + settings.weightConscious() + settings.weightEmotional();
        return 100 * (settings.weightBehavioural() * behavioural + settings.weightConscious() * conscious
                + settings.weightEmotional() * emotional) / total;
    }

    private static boolean rule(List<LoyaltyAssessment.Evidence> evidence, String name, boolean held, String detail) {
        evidence.add(new LoyaltyAssessment.Evidence(name, held, detail));
        return held;
    }
}
