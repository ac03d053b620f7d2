package io.fidelis.core.nba;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.nba.Suggestion.Kind;

/**
 * The next best action for a customer: plain rules, each with its threshold in {@link Rules}, each suggestion with
 * the rule and numbers that made it. Ranked by {@link Kind} precedence, highest first:
 *
 * <ol>
 * <li>{@code RESOLVE_COMPLAINT} — any open complaint. Always first, and while it is open nothing that sells or asks a
 * favour is suggested: no win-back, referral ask, offer or thanks.</li>
 * <li>{@code CALL_AT_RISK} — at risk (not lost) and CLV percentile ≥ {@code callMinClvPercentile}. A service call,
 * so it needs no marketing consent, and it stands beside an open complaint.</li>
 * <li>{@code WIN_BACK} — lost, CLV percentile ≥ {@code winBackMinClvPercentile}, with consent. A lost customer gets
 * no other marketing.</li>
 * <li>{@code ASK_REFERRAL} — a promoter (latest NPS ≥ {@code promoterNps}) of at least {@code referralMinTenureYears},
 * not at risk, satisfied (CSAT unknown or ≥ {@code satisfiedCsat}), with consent.</li>
 * <li>{@code OFFER} — the association rules suggest an item, with consent, not lost.</li>
 * <li>{@code THANK} — stage ≥ {@code thankMinStage}, not at risk or lost, satisfied, and no account-manager contact
 * for {@code thankAfterDays} (or never).</li>
 * <li>{@code NONE} — when nothing else fires, alone, saying why.</li>
 * </ol>
 *
 * <p>Marketing actions (win-back, referral ask, offer) are never suggested without marketing consent. The score is
 * the kind's weight (100, 90, … 50, 0) plus a tenth of the CLV percentile (at most 9.9), so a list of many customers'
 * suggestions sorts by kind, then by value. At most {@code maxSuggestions} are returned.
 *
 * <p>A pure function, without shared state; it allocates only the suggestions it returns (a million customers rank
 * in well under a second, see {@code docs/benchmarks.md}).
 */
public final class NextBestAction {
    private NextBestAction() {
    }

    /**
     * Thresholds (defaults in brackets).
     *
     * @param callMinClvPercentile    CLV percentile from which an at-risk customer is worth a call [80]
     * @param winBackMinClvPercentile CLV percentile from which a lost customer is worth a win-back [50]
     * @param promoterNps             the least NPS answer of a promoter [9]
     * @param referralMinTenureYears  years of custom before a referral ask [3]
     * @param satisfiedCsat           a known CSAT below this holds back referral asks and thanks [4]
     * @param thankMinStage           the least stage thanked [EMOTIONAL]
     * @param thankAfterDays          days without an account-manager contact before a thank-you [90]
     * @param maxSuggestions          at most this many suggestions [3]
     */
    public record Rules(double callMinClvPercentile, double winBackMinClvPercentile, int promoterNps,
                        double referralMinTenureYears, double satisfiedCsat, LoyaltyStage thankMinStage,
                        int thankAfterDays, int maxSuggestions) {
        public Rules {
            if (!(callMinClvPercentile >= 0 && callMinClvPercentile <= 100)) {
                throw new IllegalArgumentException("the call's CLV percentile must be between 0 and 100, got "
                        + callMinClvPercentile);
            }
            if (!(winBackMinClvPercentile >= 0 && winBackMinClvPercentile <= 100)) {
                throw new IllegalArgumentException("the win-back's CLV percentile must be between 0 and 100, got "
                        + winBackMinClvPercentile);
            }
            if (promoterNps < 0 || promoterNps > 10) {
                throw new IllegalArgumentException("the promoter NPS must be between 0 and 10, got " + promoterNps);
            }
            if (!(referralMinTenureYears >= 0)) {
                throw new IllegalArgumentException("the referral tenure cannot be negative, got "
                        + referralMinTenureYears);
            }
            if (!(satisfiedCsat >= 1 && satisfiedCsat <= 5)) {
                throw new IllegalArgumentException("the satisfied CSAT must be between 1 and 5, got " + satisfiedCsat);
            }
            Objects.requireNonNull(thankMinStage, "thankMinStage");
            if (thankAfterDays < 0) {
                throw new IllegalArgumentException("days before a thank-you cannot be negative, got " + thankAfterDays);
            }
            if (maxSuggestions < 1) {
                throw new IllegalArgumentException("at least one suggestion must be allowed, got " + maxSuggestions);
            }
        }

        public static Rules defaults() {
            return new Rules(80, 50, 9, 3, 4, LoyaltyStage.EMOTIONAL, 90, 3);
        }

        public Rules withCallMinClvPercentile(double p) {
            return new Rules(p, winBackMinClvPercentile, promoterNps, referralMinTenureYears, satisfiedCsat,
                    thankMinStage, thankAfterDays, maxSuggestions);
        }

        public Rules withWinBackMinClvPercentile(double p) {
            return new Rules(callMinClvPercentile, p, promoterNps, referralMinTenureYears, satisfiedCsat,
                    thankMinStage, thankAfterDays, maxSuggestions);
        }

        public Rules withPromoterNps(int nps) {
            return new Rules(callMinClvPercentile, winBackMinClvPercentile, nps, referralMinTenureYears, satisfiedCsat,
                    thankMinStage, thankAfterDays, maxSuggestions);
        }

        public Rules withReferralMinTenureYears(double years) {
            return new Rules(callMinClvPercentile, winBackMinClvPercentile, promoterNps, years, satisfiedCsat,
                    thankMinStage, thankAfterDays, maxSuggestions);
        }

        public Rules withSatisfiedCsat(double csat) {
            return new Rules(callMinClvPercentile, winBackMinClvPercentile, promoterNps, referralMinTenureYears, csat,
                    thankMinStage, thankAfterDays, maxSuggestions);
        }

        public Rules withThankMinStage(LoyaltyStage stage) {
            return new Rules(callMinClvPercentile, winBackMinClvPercentile, promoterNps, referralMinTenureYears,
                    satisfiedCsat, stage, thankAfterDays, maxSuggestions);
        }

        public Rules withThankAfterDays(int days) {
            return new Rules(callMinClvPercentile, winBackMinClvPercentile, promoterNps, referralMinTenureYears,
                    satisfiedCsat, thankMinStage, days, maxSuggestions);
        }

        public Rules withMaxSuggestions(int max) {
            return new Rules(callMinClvPercentile, winBackMinClvPercentile, promoterNps, referralMinTenureYears,
                    satisfiedCsat, thankMinStage, thankAfterDays, max);
        }
    }

    private static final List<Suggestion> NOTHING = List.of(new Suggestion(Kind.NONE, 0,
            "nothing to suggest: no open complaint, not at risk, no offer, referral ask or thank-you due", Map.of()));
    private static final List<Suggestion> LOST_NO_CONSENT = List.of(new Suggestion(Kind.NONE, 0,
            "nothing to suggest: lost, and no marketing consent for a win-back", Map.of()));
    private static final List<Suggestion> LOST_LOW_VALUE = List.of(new Suggestion(Kind.NONE, 0,
            "nothing to suggest: lost, and the CLV is below the win-back threshold", Map.of()));

    /** The customer's suggestions, highest score first; a single NONE when no rule fires. */
    public static List<Suggestion> rank(CustomerFacts f, Rules rules) {
        Suggestion[] out = new Suggestion[7];
        int n = 0;
        double pct = f.clvPercentile();
        double bonus = Math.min(pct, 99) / 10;
        boolean complaint = f.openComplaints() > 0;
        boolean satisfied = Double.isNaN(f.latestCsat()) || f.latestCsat() >= rules.satisfiedCsat();
        if (complaint) {
            out[n++] = new Suggestion(Kind.RESOLVE_COMPLAINT, Kind.RESOLVE_COMPLAINT.weight() + bonus,
                    "resolve the complaint first: " + f.openComplaints() + " open complaint"
                            + (f.openComplaints() == 1 ? "" : "s") + "; offers, referral asks and thanks wait",
                    Map.of("openComplaints", f.openComplaints()));
        }
        if (!complaint && !f.lost() && f.lateDeliveries() > 0) {
            out[n++] = new Suggestion(Kind.APOLOGISE_LATE_DELIVERY, Kind.APOLOGISE_LATE_DELIVERY.weight() + bonus,
                    "apologise for the late deliver" + (f.lateDeliveries() == 1 ? "y" : "ies") + " before a complaint: "
                            + f.lateDeliveries() + " late in the last 90 days; see that the next one comes on time",
                    Map.of("lateDeliveries", f.lateDeliveries()));
        }
        if (f.atRisk() && !f.lost() && pct >= rules.callMinClvPercentile()) {
            out[n++] = new Suggestion(Kind.CALL_AT_RISK, Kind.CALL_AT_RISK.weight() + bonus,
                    "call: valuable and at risk (12-month CLV " + grouped(f.clv12()) + ", top " + top(pct)
                            + " %; P(alive) " + twoDecimals(f.pAlive()) + ")",
                    Map.of("clv12", f.clv12(), "clvPercentile", pct, "pAlive", f.pAlive()));
        }
        if (!complaint) {
            if (f.lost()) {
                if (f.marketingConsent() && pct >= rules.winBackMinClvPercentile()) {
                    out[n++] = new Suggestion(Kind.WIN_BACK, Kind.WIN_BACK.weight() + bonus,
                            "win back: lost (P(alive) " + twoDecimals(f.pAlive()) + "), 12-month CLV "
                                    + grouped(f.clv12()) + " if active again, top " + top(pct) + " %",
                            Map.of("clv12", f.clv12(), "clvPercentile", pct, "pAlive", f.pAlive()));
                } else if (n == 0) {
                    return f.marketingConsent() ? LOST_LOW_VALUE : LOST_NO_CONSENT;
                }
            } else {
                Integer nps = f.latestNps();
                if (f.marketingConsent() && nps != null && nps >= rules.promoterNps() && !f.atRisk() && satisfied
                        && f.tenureYears() >= rules.referralMinTenureYears()) {
                    int years = (int) f.tenureYears();
                    out[n++] = new Suggestion(Kind.ASK_REFERRAL, Kind.ASK_REFERRAL.weight() + bonus,
                            "ask for a referral: promoter (NPS " + nps + ") with " + years + " year"
                                    + (years == 1 ? "" : "s") + " of loyalty" + (f.referralsMade() > 0
                                    ? "; has referred " + f.referralsMade() + " already" : ""),
                            Map.of("nps", nps, "tenureYears", f.tenureYears(), "referralsMade", f.referralsMade()));
                }
                if (f.marketingConsent() && f.suggestedItem() != null) {
                    String why = f.suggestionReason();
                    out[n++] = new Suggestion(Kind.OFFER, Kind.OFFER.weight() + bonus,
                            "offer " + f.suggestedItem() + (why == null ? "" : ": " + why),
                            why == null ? Map.of("item", f.suggestedItem())
                                    : Map.of("item", f.suggestedItem(), "because", why));
                }
                int days = f.daysSinceManagerContact();
                if (f.stage().compareTo(rules.thankMinStage()) >= 0 && !f.atRisk() && satisfied
                        && (days < 0 || days >= rules.thankAfterDays())) {
                    out[n++] = new Suggestion(Kind.THANK, Kind.THANK.weight() + bonus,
                            "thank: loyal (" + stageName(f.stage()) + ") and " + (days < 0
                                    ? "never contacted by the account manager"
                                    : "no contact by the account manager for " + days + " days"),
                            Map.of("stage", f.stage(), "daysSinceContact", days));
                }
            }
        }
        if (n == 0) {
            return NOTHING;
        }
        n = Math.min(n, rules.maxSuggestions());
        return switch (n) {
            case 1 -> List.of(out[0]);
            case 2 -> List.of(out[0], out[1]);
            case 3 -> List.of(out[0], out[1], out[2]);
            default -> List.of(java.util.Arrays.copyOf(out, n));
        };
    }

    private static String stageName(LoyaltyStage s) {
        return switch (s) {
            case NEW -> "new";
            case SATISFIED -> "satisfied";
            case BEHAVIOURAL -> "behavioural loyalty";
            case EMOTIONAL -> "emotional loyalty";
            case SUSTAINABLE -> "sustainable loyalty";
        };
    }

    /** The share of customers at or above the percentile, in whole percent (at least 1). */
    private static long top(double percentile) {
        return Math.max(1, Math.round(100 - percentile));
    }

    /** 2340.4 → "2,340", without String.format. */
    static String grouped(double value) {
        long v = Math.round(value);
        if (v < 0) {
            return "-" + grouped(-v);
        }
        if (v < 1000) {
            return Long.toString(v);
        }
        StringBuilder sb = new StringBuilder(16);
        String digits = Long.toString(v);
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /** 0.4249 → "0.42". */
    static String twoDecimals(double value) {
        long v = Math.round(value * 100);
        long cents = v % 100;
        return (v / 100) + (cents < 10 ? ".0" : ".") + cents;
    }
}
