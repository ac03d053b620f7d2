package io.fidelis.core.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fidelis.core.loyalty.EvidenceText.Phrase;

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
        String pAlive = two(s.pAlive());
        if (s.signalChoice() != null) {
            rule(evidence, "signal", s.stayFromSubscription(), Phrase.of("text", s.signalChoice()));
        }
        boolean boughtAgain = s.occasions() >= 2;
        boolean satisfied = rule(evidence, "satisfied", s.satisfied() || boughtAgain,
                s.satisfied() ? Phrase.of("satisfied.answer")
                        : boughtAgain ? Phrase.of("satisfied.boughtAgain", s.occasions())
                        : Phrase.of("satisfied.none"));
        boolean alive = s.pAlive() >= settings.atRiskPAlive();
        boolean atTypical = s.ratePerYear() >= s.typicalRatePerYear();
        boolean repeat = rule(evidence, "repeat-rate", boughtAgain && atTypical && alive,
                Phrase.of(atTypical ? "repeat.atLeast" : "repeat.below", one(s.ratePerYear()),
                        one(s.typicalRatePerYear()), p, pAlive));
        // An unresolved complaint blocks the higher stages (and raises the risk, below) until it is resolved.
        boolean open = s.unresolvedComplaint();
        if (open) {
            rule(evidence, "unresolved-complaint", true, Phrase.of("complaint.unresolved"));
        }
        List<Phrase> why = new ArrayList<>();
        if (s.promoter()) {
            why.add(Phrase.of("emotional.promoter"));
        }
        if (s.referralsMade() > 0) {
            why.add(Phrase.of("emotional.referrals", s.referralsMade()));
        }
        if (s.intendsToRepurchase()) {
            why.add(Phrase.of("emotional.intends"));
        }
        if (why.isEmpty()) {
            why.add(Phrase.of("emotional.none"));
        }
        boolean emotional = rule(evidence, "emotional", !open && repeat && (s.promoter() || s.referralsMade() > 0
                || s.intendsToRepurchase()), why.toArray(Phrase[]::new));
        boolean sustainable = rule(evidence, "sustainable", emotional && s.monthsEmotional()
                        >= settings.sustainableMonths() && s.categories() >= settings.crossCategoryMinimum()
                        && (s.keptThroughComplaint() || s.keptThroughCompetitorOffer()),
                Phrase.of("sustainable.months", s.monthsEmotional(), settings.sustainableMonths()),
                Phrase.of("sustainable.categories", s.categories(), settings.crossCategoryMinimum()),
                Phrase.of(s.keptThroughComplaint() ? "sustainable.keptComplaint" : s.keptThroughCompetitorOffer()
                        ? "sustainable.keptOffer" : "sustainable.untested"));
        LoyaltyStage stage = sustainable ? LoyaltyStage.SUSTAINABLE : emotional ? LoyaltyStage.EMOTIONAL
                : repeat ? LoyaltyStage.BEHAVIOURAL : satisfied ? LoyaltyStage.SATISFIED : LoyaltyStage.NEW;

        boolean silentTooLong = !Double.isNaN(s.usualIntervalDays()) && s.usualIntervalDays() > 0
                && s.daysSinceLast() > settings.lostIntervalMultiple() * s.usualIntervalDays();
        boolean lost = rule(evidence, "lost", s.pAlive() < settings.lostPAlive() || silentTooLong,
                Phrase.of("lost.p", p, pAlive, two(settings.lostPAlive())),
                Double.isNaN(s.usualIntervalDays()) ? Phrase.of("lost.days", zero(s.daysSinceLast()))
                        : Phrase.of("lost.daysUsual", zero(s.daysSinceLast()), zero(s.usualIntervalDays()),
                        zero(settings.lostIntervalMultiple() * s.usualIntervalDays())));
        boolean rateDrop = !Double.isNaN(s.recentRateRatio()) && s.recentRateRatio() < settings.rateDropRatio();
        // Late deliveries (seeds 000 and 003: fast delivery is the basis of satisfaction) are evidence always, and
        // put the customer at risk from the set number on.
        boolean lateRisk = s.lateDeliveries() > 0 && s.lateDeliveries() >= settings.lateDeliveriesAtRisk();
        if (s.lateDeliveries() > 0) {
            rule(evidence, "late-delivery", lateRisk, Phrase.of("late.count", s.lateDeliveries(),
                    settings.lateDeliveriesAtRisk()));
        }
        List<Phrase> risk = new ArrayList<>();
        risk.add(Phrase.of("risk.p", p, pAlive, two(settings.atRiskPAlive())));
        if (!Double.isNaN(s.recentRateRatio())) {
            risk.add(Phrase.of("risk.rate", zero(100 * s.recentRateRatio()), zero(100 * settings.rateDropRatio())));
        }
        if (lateRisk) {
            risk.add(Phrase.of("risk.late", s.lateDeliveries()));
        }
        boolean atRisk = !lost && rule(evidence, "at-risk", s.pAlive() < settings.atRiskPAlive() || rateDrop || open
                || lateRisk, risk.toArray(Phrase[]::new));
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

    private static boolean rule(List<LoyaltyAssessment.Evidence> evidence, String name, boolean held,
                                Phrase... phrases) {
        evidence.add(new LoyaltyAssessment.Evidence(name, held, List.of(phrases)));
        return held;
    }

    private static String zero(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String one(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
