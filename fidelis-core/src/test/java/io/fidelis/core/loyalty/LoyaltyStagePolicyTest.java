package io.fidelis.core.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** The seeds' loyalty ladder, rule by rule, with the default settings. */
class LoyaltyStagePolicyTest {
    final LoyaltyStagePolicy policy = new LoyaltyStagePolicy(LoyaltyStagePolicy.Settings.defaults());

    /** A steady repeat buyer above the typical rate, alive, with no other signal. */
    static LoyaltySignals steady() {
        return new LoyaltySignals(8, 0.9, 6, 4, 1.0, 20, 45, 1, false, false, 0, false, 0, false, false);
    }

    static LoyaltySignals with(LoyaltySignals s, boolean promoter, int referrals, int monthsEmotional, int categories,
                               boolean keptThroughComplaint) {
        return new LoyaltySignals(s.occasions(), s.pAlive(), s.ratePerYear(), s.typicalRatePerYear(),
                s.recentRateRatio(), s.daysSinceLast(), s.usualIntervalDays(), categories, s.satisfied(), promoter,
                referrals, s.intendsToRepurchase(), monthsEmotional, keptThroughComplaint, false);
    }

    @Test
    void aFirstTimeBuyerIsNew() {
        LoyaltyAssessment a = policy.assess(new LoyaltySignals(1, 1.0, 0, 4, Double.NaN, 10, Double.NaN, 1, false,
                false, 0, false, 0, false, false));
        assertThat(a.stage()).isEqualTo(LoyaltyStage.NEW);
        assertThat(a.overlay()).isEqualTo(LoyaltyAssessment.Overlay.NONE);
        assertThat(a.evidence()).anySatisfy(e -> assertThat(e.rule()).isEqualTo("satisfied"));
    }

    @Test
    void aSatisfiedAnswerGivesBasicTrust() {
        LoyaltyAssessment a = policy.assess(new LoyaltySignals(1, 1.0, 0, 4, Double.NaN, 10, Double.NaN, 1, true,
                false, 0, false, 0, false, false));
        assertThat(a.stage()).isEqualTo(LoyaltyStage.SATISFIED);
    }

    @Test
    void buyingAgainBelowTheTypicalRateIsBasicTrustAboveItBehaviouralLoyalty() {
        LoyaltySignals slow = new LoyaltySignals(3, 0.8, 2, 4, 1.0, 60, 120, 1, false, false, 0, false, 0, false,
                false);
        assertThat(policy.assess(slow).stage()).isEqualTo(LoyaltyStage.SATISFIED);
        LoyaltyAssessment a = policy.assess(steady());
        assertThat(a.stage()).isEqualTo(LoyaltyStage.BEHAVIOURAL);
        assertThat(a.evidence()).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("repeat-rate");
            assertThat(e.held()).isTrue();
            assertThat(e.detail()).contains("6.0 a year ≥ typical 4.0").contains("P(alive) 0.90");
        });
    }

    @Test
    void aPromoterOrAReferralMakesItEmotional() {
        assertThat(policy.assess(with(steady(), true, 0, 0, 1, false)).stage()).isEqualTo(LoyaltyStage.EMOTIONAL);
        assertThat(policy.assess(with(steady(), false, 2, 0, 1, false)).stage()).isEqualTo(LoyaltyStage.EMOTIONAL);
    }

    @Test
    void sustainableNeedsAYearAcrossCategoriesAndATest() {
        assertThat(policy.assess(with(steady(), true, 1, 12, 3, true)).stage()).isEqualTo(LoyaltyStage.SUSTAINABLE);
        assertThat(policy.assess(with(steady(), true, 1, 11, 3, true)).stage()).isEqualTo(LoyaltyStage.EMOTIONAL);
        assertThat(policy.assess(with(steady(), true, 1, 12, 1, true)).stage()).isEqualTo(LoyaltyStage.EMOTIONAL);
        assertThat(policy.assess(with(steady(), true, 1, 12, 3, false)).stage()).isEqualTo(LoyaltyStage.EMOTIONAL);
    }

    @Test
    void overlaysSitOnTopOfTheStage() {
        LoyaltySignals fading = new LoyaltySignals(8, 0.4, 6, 4, 1.0, 90, 45, 1, false, true, 0, false, 0, false,
                false);
        LoyaltyAssessment a = policy.assess(fading);
        assertThat(a.overlay()).isEqualTo(LoyaltyAssessment.Overlay.AT_RISK);
        // Not alive enough for behavioural loyalty any more.
        assertThat(a.stage()).isEqualTo(LoyaltyStage.SATISFIED);

        LoyaltySignals dropping = new LoyaltySignals(8, 0.9, 6, 4, 0.3, 20, 45, 1, false, false, 0, false, 0, false,
                false);
        assertThat(policy.assess(dropping).overlay()).isEqualTo(LoyaltyAssessment.Overlay.AT_RISK);
        assertThat(policy.assess(dropping).stage()).isEqualTo(LoyaltyStage.BEHAVIOURAL);

        LoyaltySignals silent = new LoyaltySignals(8, 0.6, 6, 4, 1.0, 200, 45, 1, false, false, 0, false, 0, false,
                false);
        LoyaltyAssessment gone = policy.assess(silent);
        assertThat(gone.overlay()).isEqualTo(LoyaltyAssessment.Overlay.LOST);
        assertThat(gone.evidence()).anySatisfy(e -> assertThat(e.detail()).contains("200 days").contains("lost after 135"));
        assertThat(policy.assess(new LoyaltySignals(8, 0.05, 6, 4, 1.0, 20, 45, 1, false, false, 0, false, 0, false,
                false)).overlay()).isEqualTo(LoyaltyAssessment.Overlay.LOST);
    }

    @Test
    void theIndexWeighsBehaviourConsciousnessAndEmotion() {
        // Behaviour: min(1, 6/4) × 0.9 = 0.9 → 0.5 × 0.9; conscious: bought again → 0.25 × 0.5; emotional: none.
        assertThat(policy.index(steady())).isCloseTo(100 * (0.45 + 0.125), offset(1e-9));
        assertThat(policy.index(with(steady(), true, 1, 0, 1, false))).isCloseTo(100 * (0.45 + 0.125 + 0.25),
                offset(1e-9));
    }

    @Test
    void anUnresolvedComplaintBlocksTheHigherStagesAndRaisesTheRisk() {
        // A frequent, alive promoter would be emotionally loyal; with a complaint open, behavioural and at risk.
        LoyaltySignals promoter = new LoyaltySignals(8, 0.9, 6, 4, 1.0, 20, 45, 1, true, true, 0, false, 0, false,
                false, false);
        assertThat(policy.assess(promoter).stage()).isEqualTo(LoyaltyStage.EMOTIONAL);
        LoyaltySignals complaining = new LoyaltySignals(8, 0.9, 6, 4, 1.0, 20, 45, 1, true, true, 0, false, 0, false,
                false, true);
        LoyaltyAssessment a = policy.assess(complaining);
        assertThat(a.stage()).isEqualTo(LoyaltyStage.BEHAVIOURAL);
        assertThat(a.overlay()).isEqualTo(LoyaltyAssessment.Overlay.AT_RISK);
        assertThat(a.evidence()).anyMatch(e -> e.rule().equals("unresolved-complaint") && e.held());
    }

    static LoyaltySignals lateAndSubscribed(LoyaltySignals s, int late, boolean fromSubscription, String choice) {
        return new LoyaltySignals(s.occasions(), s.pAlive(), s.ratePerYear(), s.typicalRatePerYear(),
                s.recentRateRatio(), s.daysSinceLast(), s.usualIntervalDays(), s.categories(), s.satisfied(),
                s.promoter(), s.referralsMade(), s.intendsToRepurchase(), s.monthsEmotional(),
                s.keptThroughComplaint(), s.keptThroughCompetitorOffer(), s.unresolvedComplaint(), late,
                fromSubscription, choice);
    }

    @Test
    void oneLateDeliveryIsEvidenceTwoPutTheCustomerAtRisk() {
        LoyaltyAssessment one = policy.assess(lateAndSubscribed(steady(), 1, false, null));
        assertThat(one.overlay()).isEqualTo(LoyaltyAssessment.Overlay.NONE);
        assertThat(one.evidence()).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("late-delivery");
            assertThat(e.held()).isFalse();
            assertThat(e.detail()).isEqualTo("1 late deliveries recently (at risk from 2)");
        });
        LoyaltyAssessment two = policy.assess(lateAndSubscribed(steady(), 2, false, null));
        assertThat(two.overlay()).isEqualTo(LoyaltyAssessment.Overlay.AT_RISK);
        assertThat(two.stage()).isEqualTo(LoyaltyStage.BEHAVIOURAL);
        assertThat(two.evidence()).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("at-risk");
            assertThat(e.detail()).endsWith("; 2 late deliveries");
        });
        // No late delivery, no such evidence.
        assertThat(policy.assess(steady()).evidence()).noneSatisfy(e -> assertThat(e.rule())
                .isEqualTo("late-delivery"));
    }

    @Test
    void withTheSubscriptionSignalTheEvidenceSpeaksOfPStayAndTheChoice() {
        LoyaltySignals s = lateAndSubscribed(steady(), 0, true, "P(stay) 0.90 from the subscription churn model");
        LoyaltyAssessment a = policy.assess(s);
        assertThat(a.stage()).isEqualTo(LoyaltyStage.BEHAVIOURAL);
        assertThat(a.evidence().get(0).rule()).isEqualTo("signal");
        assertThat(a.evidence().get(0).detail()).isEqualTo("P(stay) 0.90 from the subscription churn model");
        assertThat(a.evidence()).anySatisfy(e -> assertThat(e.detail()).contains("P(stay) 0.90 (at risk below"));
        assertThat(a.evidence()).noneSatisfy(e -> assertThat(e.detail()).contains("P(alive)"));
    }
}
