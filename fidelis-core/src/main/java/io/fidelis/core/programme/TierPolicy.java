package io.fidelis.core.programme;

import static io.fidelis.core.programme.Texts.money;
import static io.fidelis.core.programme.Texts.nonBlank;
import static io.fidelis.core.programme.Texts.require;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.fidelis.core.loyalty.LoyaltyStage;

/**
 * The programme's tiers, driven by the member's loyalty stage and their spend over a rolling window, with an explained
 * decision.
 *
 * <p><b>Qualifying.</b> Tiers are ordered lowest first; the first is the base tier every member holds. A member
 * qualifies for a tier when every condition it sets holds: loyalty stage at or above its minimum stage, and spend
 * over the last {@code windowMonths} (the days after {@code asOf − windowMonths} up to {@code asOf}) at or above its
 * minimum spend. The qualified tier is the highest one qualified for.
 *
 * <p><b>Upgrade</b> is immediate: a qualified tier above the earned one is earned the day it is decided.
 * <b>Downgrade</b> waits: a member keeps the earned tier while not qualifying for it, until the first review date
 * ({@code reviewDays}, every year) on or after {@code lastQualified + graceMonths}, where {@code lastQualified} is
 * the last decision that found them qualified for it. On that review date, or the first decision after it, the
 * earned tier drops to the qualified one, directly, however many tiers down. Qualifying again at any time before
 * resets the grace. Example with 3 months' grace and a review on 1 January: last qualified for Gold on 2026-08-15,
 * the grace ends 2026-11-15, Gold is kept until 2027-01-01 and then becomes what the member qualifies for then.
 *
 * <p><b>Manual override.</b> A tier set by a person until a date (included). It is not a floor that stays silently:
 * while it runs it applies only if it is above the earned tier, and the decision says so ("Silver (manual override
 * by X until 2027-01-31)"); a member who earns as much or more gets the earned tier, with a note that the override is
 * not above it; the day after it ends the earned tier applies (no grace: an override is not a qualification) and the
 * next status no longer carries it.
 */
public final class TierPolicy {

    /**
     * A tier and its conditions; a null condition is not required.
     *
     * @param minimumStage the least loyalty stage, or null
     * @param minimumSpend the least spend over the window, or null
     */
    public record Tier(String name, LoyaltyStage minimumStage, BigDecimal minimumSpend) {
        public Tier {
            nonBlank(name, "a tier's name");
            require(minimumSpend == null || minimumSpend.signum() >= 0, "tier " + name
                    + " cannot have a negative minimum spend, got " + minimumSpend);
        }

        /** A tier with only a minimum spend. */
        public static Tier spend(String name, BigDecimal minimumSpend) {
            return new Tier(name, null, minimumSpend);
        }

        /** The base tier, without conditions. */
        public static Tier base(String name) {
            return new Tier(name, null, null);
        }
    }

    /**
     * Settings (defaults in brackets).
     *
     * @param tiers        lowest first; the first without conditions [Member; Silver: spend 500; Gold: spend 2,000;
     *                     Platinum: emotional loyalty and spend 5,000]
     * @param windowMonths the rolling spend window [12]
     * @param graceMonths  months not qualifying before a review may downgrade [3]
     * @param reviewDays   the yearly review dates [1 January]
     */
    public record Settings(List<Tier> tiers, int windowMonths, int graceMonths, List<MonthDay> reviewDays) {
        public Settings {
            tiers = List.copyOf(tiers);
            reviewDays = List.copyOf(reviewDays);
            require(!tiers.isEmpty(), "at least one tier is needed");
            require(tiers.get(0).minimumStage() == null && tiers.get(0).minimumSpend() == null, "the first tier ("
                    + tiers.get(0).name() + ") is the base every member holds: it cannot have a minimum stage or spend");
            Set<String> names = new HashSet<>();
            for (Tier t : tiers) {
                require(names.add(t.name()), "tier " + t.name() + " appears twice");
            }
            require(windowMonths > 0, "the spend window must be at least 1 month, got " + windowMonths);
            require(graceMonths >= 0, "the grace period cannot be negative, got " + graceMonths);
            require(!reviewDays.isEmpty(), "at least one review date a year is needed");
        }

        public static Settings defaults() {
            return new Settings(List.of(Tier.base("Member"), Tier.spend("Silver", new BigDecimal("500")),
                    Tier.spend("Gold", new BigDecimal("2000")),
                    new Tier("Platinum", LoyaltyStage.EMOTIONAL, new BigDecimal("5000"))), 12, 3,
                    List.of(MonthDay.of(1, 1)));
        }

        public Settings withTiers(List<Tier> t) {
            return new Settings(t, windowMonths, graceMonths, reviewDays);
        }

        public Settings withWindowMonths(int months) {
            return new Settings(tiers, months, graceMonths, reviewDays);
        }

        public Settings withGraceMonths(int months) {
            return new Settings(tiers, windowMonths, months, reviewDays);
        }

        public Settings withReviewDays(List<MonthDay> days) {
            return new Settings(tiers, windowMonths, graceMonths, days);
        }
    }

    /** A tier set by a person until a date, included. */
    public record ManualOverride(String tier, String by, LocalDate until, String note) {
        public ManualOverride {
            nonBlank(tier, "the override's tier");
            nonBlank(by, "who set the override");
            Objects.requireNonNull(until, "an override needs an end date");
        }
    }

    /**
     * What is stored between decisions.
     *
     * @param earnedTier    the tier earned by the rules (grace included), without the override
     * @param since         when the earned tier was reached
     * @param lastQualified the last decision that found the member qualified for the earned tier
     * @param override      a manual override, or null
     */
    public record TierStatus(String earnedTier, LocalDate since, LocalDate lastQualified, ManualOverride override) {
        public TierStatus {
            nonBlank(earnedTier, "the earned tier");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(lastQualified, "lastQualified");
        }

        public TierStatus withOverride(ManualOverride o) {
            return new TierStatus(earnedTier, since, lastQualified, o);
        }
    }

    /** Why the tier applies. */
    public enum Basis {
        /** The member qualifies for it now. */
        QUALIFIED,
        /** Earned before and kept: the downgrade waits for the review after the grace. */
        GRACE,
        /** A manual override above the earned tier. */
        OVERRIDE
    }

    /**
     * The decision.
     *
     * @param tier          the tier that applies
     * @param basis         why
     * @param explanation   e.g. "Gold: spend 2,340 ≥ 2,000 over 12 months"
     * @param qualifiedTier the highest tier the member qualifies for now
     * @param status        the status to store for the next decision
     */
    public record TierDecision(String tier, Basis basis, String explanation, String qualifiedTier, TierStatus status) {
    }

    /** A purchase's amount on a day, for the spend window. */
    public record Spend(LocalDate date, BigDecimal amount) {
        public Spend {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(amount, "amount");
        }
    }

    private final Settings settings;

    public TierPolicy(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /** The spend over the window ending on the date: amounts dated after {@code asOf − windowMonths}, up to asOf. */
    public BigDecimal spendInWindow(List<Spend> spends, LocalDate asOf) {
        LocalDate start = asOf.minusMonths(settings.windowMonths());
        BigDecimal sum = BigDecimal.ZERO;
        for (Spend s : spends) {
            if (s.date().isAfter(start) && !s.date().isAfter(asOf)) {
                sum = sum.add(s.amount());
            }
        }
        return sum;
    }

    /**
     * Decides the member's tier on a date.
     *
     * @param previous the stored status, or null for a new member
     * @param stage    the member's loyalty stage
     * @param spend    the spend over the window ({@link #spendInWindow})
     * @throws IllegalArgumentException if the status or the override names an unknown tier
     */
    public TierDecision decide(TierStatus previous, LoyaltyStage stage, BigDecimal spend, LocalDate asOf) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(asOf, "asOf");
        List<Tier> tiers = settings.tiers();
        int qualified = 0;
        for (int i = tiers.size() - 1; i > 0; i--) {
            if (qualifies(tiers.get(i), stage, spend)) {
                qualified = i;
                break;
            }
        }
        int earned;
        LocalDate since;
        LocalDate lastQualified;
        Basis basis = Basis.QUALIFIED;
        String explanation;
        ManualOverride override = previous == null ? null : previous.override();
        if (previous == null) {
            earned = qualified;
            since = asOf;
            lastQualified = asOf;
            explanation = qualifiedText(tiers.get(qualified), stage, spend);
        } else {
            int was = index(previous.earnedTier());
            if (qualified >= was) {
                earned = qualified;
                since = qualified > was ? asOf : previous.since();
                lastQualified = asOf;
                explanation = qualifiedText(tiers.get(qualified), stage, spend)
                        + (qualified > was ? " (up from " + tiers.get(was).name() + ")" : "");
            } else {
                LocalDate review = reviewOnOrAfter(previous.lastQualified().plusMonths(settings.graceMonths()));
                if (asOf.isBefore(review)) {
                    earned = was;
                    since = previous.since();
                    lastQualified = previous.lastQualified();
                    basis = Basis.GRACE;
                    explanation = tiers.get(was).name() + ": kept until the review on " + review + " ("
                            + shortfall(tiers.get(was), stage, spend) + "; last qualified " + previous.lastQualified()
                            + ", " + settings.graceMonths() + " months' grace); qualifies for "
                            + tiers.get(qualified).name() + " now";
                } else {
                    earned = qualified;
                    since = asOf;
                    lastQualified = asOf;
                    explanation = qualifiedText(tiers.get(qualified), stage, spend) + " (down from "
                            + tiers.get(was).name() + " at the review on " + review + ": not qualified since "
                            + previous.lastQualified() + ")";
                }
            }
        }
        String tier = tiers.get(earned).name();
        if (override != null) {
            int o = index(override.tier());
            String who = "manual override by " + override.by() + " until " + override.until();
            if (asOf.isAfter(override.until())) {
                explanation += "; the manual override to " + override.tier() + " by " + override.by() + " until "
                        + override.until() + " has ended";
                override = null;
            } else if (o > earned) {
                tier = override.tier();
                basis = Basis.OVERRIDE;
                explanation = override.tier() + " (" + who + (override.note() == null || override.note().isBlank()
                        ? "" : ": " + override.note()) + "); by the rules: " + explanation;
            } else {
                explanation += "; the manual override to " + override.tier() + " by " + override.by() + " until "
                        + override.until() + " is not above it";
            }
        }
        return new TierDecision(tier, basis, explanation, tiers.get(qualified).name(),
                new TierStatus(tiers.get(earned).name(), since, lastQualified, override));
    }

    private static boolean qualifies(Tier t, LoyaltyStage stage, BigDecimal spend) {
        return (t.minimumStage() == null || stage.compareTo(t.minimumStage()) >= 0)
                && (t.minimumSpend() == null || spend.compareTo(t.minimumSpend()) >= 0);
    }

    private String qualifiedText(Tier t, LoyaltyStage stage, BigDecimal spend) {
        if (t.minimumStage() == null && t.minimumSpend() == null) {
            return t.name() + ": the base tier (spend " + money(spend) + " over " + settings.windowMonths()
                    + " months, stage " + stageName(stage) + ")";
        }
        List<String> parts = new ArrayList<>();
        if (t.minimumStage() != null) {
            parts.add("stage " + stageName(stage) + " ≥ " + stageName(t.minimumStage()));
        }
        if (t.minimumSpend() != null) {
            parts.add("spend " + money(spend) + " ≥ " + money(t.minimumSpend()) + " over " + settings.windowMonths()
                    + " months");
        }
        return t.name() + ": " + String.join(" and ", parts);
    }

    private String shortfall(Tier t, LoyaltyStage stage, BigDecimal spend) {
        List<String> parts = new ArrayList<>();
        if (t.minimumStage() != null && stage.compareTo(t.minimumStage()) < 0) {
            parts.add("stage " + stageName(stage) + " < " + stageName(t.minimumStage()));
        }
        if (t.minimumSpend() != null && spend.compareTo(t.minimumSpend()) < 0) {
            parts.add("spend " + money(spend) + " < " + money(t.minimumSpend()) + " over " + settings.windowMonths()
                    + " months");
        }
        return String.join(" and ", parts);
    }

    private static String stageName(LoyaltyStage s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private int index(String tier) {
        List<Tier> tiers = settings.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(tier)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown tier " + tier + "; the tiers are "
                + tiers.stream().map(Tier::name).toList());
    }

    /** The first review date on or after the day. */
    LocalDate reviewOnOrAfter(LocalDate day) {
        LocalDate best = null;
        for (MonthDay md : settings.reviewDays()) {
            LocalDate d = md.atYear(day.getYear());
            if (d.isBefore(day)) {
                d = md.atYear(day.getYear() + 1);
            }
            if (best == null || d.isBefore(best)) {
                best = d;
            }
        }
        return best;
    }
}
