package io.fidelis.core.nba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;

import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.nba.NextBestAction.Rules;
import io.fidelis.core.nba.Suggestion.Kind;
import org.junit.jupiter.api.Test;

class NextBestActionTest {
    static final Rules RULES = Rules.defaults();

    /** A mutable builder over the facts, starting from a customer no rule fires for. */
    static final class F {
        LoyaltyStage stage = LoyaltyStage.BEHAVIOURAL;
        boolean atRisk;
        boolean lost;
        double pAlive = 0.8;
        double clv = 1000;
        double pct = 50;
        int complaints;
        Integer nps;
        double csat = Double.NaN;
        boolean consent = true;
        int days = 10;
        double tenure = 1;
        int referrals;
        String item;
        String why;
        int late;

        CustomerFacts build() {
            return new CustomerFacts(stage, atRisk, lost, pAlive, clv, pct, complaints, nps, csat, consent, days,
                    tenure, referrals, item, why, late);
        }

        List<Suggestion> rank() {
            return NextBestAction.rank(build(), RULES);
        }

        List<Kind> kinds() {
            return rank().stream().map(Suggestion::kind).toList();
        }
    }

    /** A customer for whom referral, offer and thanks all fire. */
    static F everything() {
        F f = new F();
        f.stage = LoyaltyStage.EMOTIONAL;
        f.nps = 10;
        f.tenure = 3.5;
        f.days = 120;
        f.item = "Tea";
        f.why = "customers who buy A and B often buy Tea";
        return f;
    }

    @Test
    void nothingFiresForAnOrdinaryCustomer() {
        List<Suggestion> s = new F().rank();
        assertThat(s).hasSize(1);
        assertThat(s.get(0).kind()).isEqualTo(Kind.NONE);
        assertThat(s.get(0).score()).isZero();
        assertThat(s.get(0).reason()).startsWith("nothing to suggest");
    }

    @Test
    void anOpenComplaintComesFirstAndHoldsBackSellingAndThanks() {
        F f = everything();
        assertThat(f.kinds()).containsExactly(Kind.ASK_REFERRAL, Kind.OFFER, Kind.THANK);
        f.complaints = 2;
        List<Suggestion> s = f.rank();
        assertThat(s).extracting(Suggestion::kind).containsExactly(Kind.RESOLVE_COMPLAINT);
        assertThat(s.get(0).reason()).isEqualTo("resolve the complaint first: 2 open complaints; offers, referral"
                + " asks and thanks wait");
        assertThat(s.get(0).parameters()).containsEntry("openComplaints", 2);
        // A lost customer with a complaint gets no win-back either.
        F lost = new F();
        lost.lost = true;
        lost.pct = 90;
        lost.complaints = 1;
        assertThat(lost.kinds()).containsExactly(Kind.RESOLVE_COMPLAINT);
    }

    @Test
    void lateDeliveriesBringAnApologyBeforeSellingButAfterAnOpenComplaint() {
        F f = everything();
        f.late = 2;
        List<Suggestion> s = f.rank();
        assertThat(s).extracting(Suggestion::kind).containsExactly(Kind.APOLOGISE_LATE_DELIVERY, Kind.ASK_REFERRAL,
                Kind.OFFER);
        assertThat(s.get(0).reason()).isEqualTo("apologise for the late deliveries before a complaint: 2 late in the"
                + " last 90 days; see that the next one comes on time");
        assertThat(s.get(0).parameters()).containsEntry("lateDeliveries", 2);
        assertThat(s.get(0).score()).isCloseTo(85 + 5.0, offset(1e-12));
        // With an open complaint, resolving it covers the delivery too; a lost customer gets no apology.
        f.complaints = 1;
        assertThat(f.kinds()).containsExactly(Kind.RESOLVE_COMPLAINT);
        F lost = new F();
        lost.lost = true;
        lost.late = 1;
        assertThat(lost.kinds()).doesNotContain(Kind.APOLOGISE_LATE_DELIVERY);
        assertThatThrownBy(() -> {
            F bad = new F();
            bad.late = -1;
            bad.build();
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("late deliveries");
    }

    @Test
    void aValuableCustomerAtRiskGetsACallEvenWithAComplaintButAfterIt() {
        F f = new F();
        f.atRisk = true;
        f.pct = 88;
        f.clv = 2340.4;
        f.pAlive = 0.42;
        List<Suggestion> s = f.rank();
        assertThat(s).extracting(Suggestion::kind).containsExactly(Kind.CALL_AT_RISK);
        // top 100 − 88 = 12 %
        assertThat(s.get(0).reason()).isEqualTo("call: valuable and at risk (12-month CLV 2,340, top 12 %;"
                + " P(alive) 0.42)");
        assertThat(s.get(0).parameters()).containsEntry("clv12", 2340.4).containsEntry("pAlive", 0.42);
        // A call is service, not marketing: no consent needed.
        f.consent = false;
        assertThat(f.kinds()).containsExactly(Kind.CALL_AT_RISK);
        f.complaints = 1;
        assertThat(f.kinds()).containsExactly(Kind.RESOLVE_COMPLAINT, Kind.CALL_AT_RISK);
        // Below the 80th percentile: no call.
        f.complaints = 0;
        f.pct = 79.9;
        assertThat(f.kinds()).containsExactly(Kind.NONE);
    }

    @Test
    void aLostCustomerWorthItGetsAWinBackOnlyWithConsent() {
        F f = everything();
        f.lost = true;
        f.pct = 60;
        f.pAlive = 0.05;
        f.clv = 800;
        List<Suggestion> s = f.rank();
        // Only the win-back: no referral ask, offer or thanks for a lost customer.
        assertThat(s).extracting(Suggestion::kind).containsExactly(Kind.WIN_BACK);
        assertThat(s.get(0).reason()).isEqualTo("win back: lost (P(alive) 0.05), 12-month CLV 800 if active again,"
                + " top 40 %");
        f.consent = false;
        assertThat(f.rank()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Kind.NONE);
            assertThat(n.reason()).isEqualTo("nothing to suggest: lost, and no marketing consent for a win-back");
        });
        f.consent = true;
        f.pct = 30;
        assertThat(f.rank().get(0).reason()).contains("below the win-back threshold");
    }

    @Test
    void aPromoterOfLongStandingIsAskedForAReferral() {
        F f = new F();
        f.nps = 10;
        f.tenure = 3.5;
        f.referrals = 2;
        List<Suggestion> s = f.rank();
        assertThat(s).extracting(Suggestion::kind).containsExactly(Kind.ASK_REFERRAL);
        assertThat(s.get(0).reason()).isEqualTo("ask for a referral: promoter (NPS 10) with 3 years of loyalty;"
                + " has referred 2 already");
        f.nps = 8; // passive
        assertThat(f.kinds()).containsExactly(Kind.NONE);
        f.nps = 9;
        f.tenure = 2.9; // too new
        assertThat(f.kinds()).containsExactly(Kind.NONE);
        f.tenure = 3;
        f.csat = 3; // unhappy with the latest contact
        assertThat(f.kinds()).containsExactly(Kind.NONE);
        f.csat = 4;
        assertThat(f.kinds()).containsExactly(Kind.ASK_REFERRAL);
        f.atRisk = true; // at risk (not valuable enough for a call)
        assertThat(f.kinds()).containsExactly(Kind.NONE);
        f.atRisk = false;
        f.consent = false;
        assertThat(f.kinds()).containsExactly(Kind.NONE);
    }

    @Test
    void anOfferFromTheAssociationRulesExplainsItselfAndNeedsConsent() {
        F f = new F();
        f.item = "Tea";
        f.why = "customers who buy A and B often buy Tea";
        List<Suggestion> s = f.rank();
        assertThat(s).extracting(Suggestion::kind).containsExactly(Kind.OFFER);
        assertThat(s.get(0).reason()).isEqualTo("offer Tea: customers who buy A and B often buy Tea");
        assertThat(s.get(0).parameters()).containsEntry("item", "Tea");
        f.consent = false;
        assertThat(f.kinds()).containsExactly(Kind.NONE);
        // An at-risk customer with consent still gets the offer (a retention offer).
        f.consent = true;
        f.atRisk = true;
        assertThat(f.kinds()).containsExactly(Kind.OFFER);
    }

    @Test
    void aLoyalCustomerNotContactedForAWhileIsThanked() {
        F f = new F();
        f.stage = LoyaltyStage.EMOTIONAL;
        f.days = 120;
        f.consent = false; // a thank-you is not marketing
        List<Suggestion> s = f.rank();
        assertThat(s).extracting(Suggestion::kind).containsExactly(Kind.THANK);
        assertThat(s.get(0).reason()).isEqualTo("thank: loyal (emotional loyalty) and no contact by the account"
                + " manager for 120 days");
        f.days = -1;
        assertThat(f.rank().get(0).reason()).isEqualTo("thank: loyal (emotional loyalty) and never contacted by the"
                + " account manager");
        f.days = 89; // contacted recently (threshold 90)
        assertThat(f.kinds()).containsExactly(Kind.NONE);
        f.days = 90;
        f.stage = LoyaltyStage.BEHAVIOURAL; // below the thank stage
        assertThat(f.kinds()).containsExactly(Kind.NONE);
        f.stage = LoyaltyStage.SUSTAINABLE;
        assertThat(f.kinds()).containsExactly(Kind.THANK);
        assertThat(NextBestAction.rank(f.build(), RULES.withThankAfterDays(91)).get(0).kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void suggestionsComeInPrecedenceOrderWithScoresThatNeverSwapKinds() {
        F f = everything();
        f.pct = 100; // the bonus is capped at 9.9
        List<Suggestion> s = f.rank();
        assertThat(s).extracting(Suggestion::kind).containsExactly(Kind.ASK_REFERRAL, Kind.OFFER, Kind.THANK);
        // 70 + 9.9, 60 + 9.9, 50 + 9.9
        assertThat(s.get(0).score()).isCloseTo(79.9, offset(1e-9));
        assertThat(s.get(1).score()).isCloseTo(69.9, offset(1e-9));
        assertThat(s.get(2).score()).isCloseTo(59.9, offset(1e-9));
        F low = everything();
        low.pct = 0;
        assertThat(low.rank().get(0).score()).isEqualTo(70.0);
        assertThat(NextBestAction.rank(f.build(), RULES.withMaxSuggestions(2))).extracting(Suggestion::kind)
                .containsExactly(Kind.ASK_REFERRAL, Kind.OFFER);
    }

    @Test
    void neverMarketingWithoutConsentNorSellingWithAnOpenComplaint() {
        SplittableRandom r = new SplittableRandom(7);
        LoyaltyStage[] stages = LoyaltyStage.values();
        for (int i = 0; i < 20_000; i++) {
            F f = new F();
            f.stage = stages[r.nextInt(stages.length)];
            f.atRisk = r.nextBoolean();
            f.lost = !f.atRisk && r.nextInt(4) == 0;
            f.pct = r.nextDouble() * 100;
            f.complaints = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
            f.nps = r.nextBoolean() ? r.nextInt(11) : null;
            f.consent = r.nextBoolean();
            f.days = r.nextInt(400) - 1;
            f.tenure = r.nextDouble() * 8;
            f.item = r.nextBoolean() ? "X" : null;
            List<Suggestion> s = f.rank();
            assertThat(s).isNotEmpty().hasSizeLessThanOrEqualTo(RULES.maxSuggestions());
            for (int k = 1; k < s.size(); k++) {
                assertThat(s.get(k).score()).isLessThan(s.get(k - 1).score());
            }
            if (!f.consent) {
                assertThat(s).noneMatch(x -> x.kind().marketing());
            }
            if (f.complaints > 0) {
                assertThat(s.get(0).kind()).isEqualTo(Kind.RESOLVE_COMPLAINT);
                assertThat(s).noneMatch(x -> x.kind().marketing() || x.kind() == Kind.THANK);
            }
            if (s.get(0).kind() == Kind.NONE) {
                assertThat(s).hasSize(1);
            }
        }
    }

    @Test
    void invalidFactsAndRulesAreRefused() {
        F f = new F();
        f.pAlive = 1.2;
        assertThatThrownBy(f::build).hasMessage("P(alive) must be between 0 and 1, got 1.2");
        F g = new F();
        g.nps = 11;
        assertThatThrownBy(g::build).hasMessage("an NPS answer is 0 to 10, got 11");
        F h = new F();
        h.days = -2;
        assertThatThrownBy(h::build).hasMessageContaining("got -2");
        assertThatThrownBy(() -> RULES.withMaxSuggestions(0))
                .hasMessage("at least one suggestion must be allowed, got 0");
        assertThatThrownBy(() -> RULES.withCallMinClvPercentile(101))
                .hasMessage("the call's CLV percentile must be between 0 and 100, got 101.0");
    }

    @Test
    void numbersAreFormattedWithoutStringFormat() {
        assertThat(NextBestAction.grouped(999.4)).isEqualTo("999");
        assertThat(NextBestAction.grouped(1_234_567.5)).isEqualTo("1,234,568");
        assertThat(NextBestAction.grouped(100_000)).isEqualTo("100,000");
        assertThat(NextBestAction.twoDecimals(0.05)).isEqualTo("0.05");
        assertThat(NextBestAction.twoDecimals(0.426)).isEqualTo("0.43");
        assertThat(NextBestAction.twoDecimals(1)).isEqualTo("1.00");
    }
}
