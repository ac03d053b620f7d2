package io.fidelis.core.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.programme.TierPolicy.Basis;
import io.fidelis.core.programme.TierPolicy.ManualOverride;
import io.fidelis.core.programme.TierPolicy.TierDecision;
import io.fidelis.core.programme.TierPolicy.TierStatus;
import org.junit.jupiter.api.Test;

/** Default tiers: Member; Silver 500; Gold 2,000; Platinum emotional and 5,000; 3 months' grace; review 1 January. */
class TierPolicyTest {
    final TierPolicy policy = new TierPolicy(TierPolicy.Settings.defaults());
    static final LoyaltyStage B = LoyaltyStage.BEHAVIOURAL;

    static BigDecimal money(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aNewMemberGetsTheHighestTierQualifiedForWithTheReason() {
        TierDecision d = policy.decide(null, B, money("2340"), LocalDate.of(2026, 6, 10));
        assertThat(d.tier()).isEqualTo("Gold");
        assertThat(d.basis()).isEqualTo(Basis.QUALIFIED);
        assertThat(d.explanation()).isEqualTo("Gold: spend 2,340 ≥ 2,000 over 12 months");
        assertThat(d.status()).isEqualTo(new TierStatus("Gold", LocalDate.of(2026, 6, 10), LocalDate.of(2026, 6, 10),
                null));
        assertThat(policy.decide(null, B, money("120"), LocalDate.of(2026, 6, 10)).explanation())
                .isEqualTo("Member: the base tier (spend 120 over 12 months, stage Behavioural)");
    }

    @Test
    void aTierCanRequireAStageAsWellAsSpend() {
        // 6,000 ≥ 5,000 but behavioural < emotional: Gold, not Platinum.
        assertThat(policy.decide(null, B, money("6000"), LocalDate.of(2026, 6, 10)).tier()).isEqualTo("Gold");
        TierDecision d = policy.decide(null, LoyaltyStage.EMOTIONAL, money("6000"), LocalDate.of(2026, 6, 10));
        assertThat(d.tier()).isEqualTo("Platinum");
        assertThat(d.explanation()).isEqualTo("Platinum: stage Emotional ≥ Emotional and spend 6,000 ≥ 5,000 over"
                + " 12 months");
    }

    @Test
    void anUpgradeIsImmediate() {
        TierStatus silver = new TierStatus("Silver", LocalDate.of(2026, 1, 5), LocalDate.of(2026, 5, 1), null);
        TierDecision d = policy.decide(silver, B, money("2100.50"), LocalDate.of(2026, 6, 10));
        assertThat(d.tier()).isEqualTo("Gold");
        assertThat(d.explanation()).isEqualTo("Gold: spend 2,100.50 ≥ 2,000 over 12 months (up from Silver)");
        assertThat(d.status().since()).isEqualTo(LocalDate.of(2026, 6, 10));
    }

    @Test
    void aDowngradeWaitsForTheReviewAfterTheGrace() {
        // Last qualified for Gold on 2026-08-15; + 3 months = 2026-11-15; the next review is 2027-01-01.
        TierStatus gold = new TierStatus("Gold", LocalDate.of(2025, 3, 1), LocalDate.of(2026, 8, 15), null);
        TierDecision kept = policy.decide(gold, B, money("1500"), LocalDate.of(2026, 12, 31));
        assertThat(kept.tier()).isEqualTo("Gold");
        assertThat(kept.basis()).isEqualTo(Basis.GRACE);
        assertThat(kept.qualifiedTier()).isEqualTo("Silver");
        assertThat(kept.explanation()).isEqualTo("Gold: kept until the review on 2027-01-01 (spend 1,500 < 2,000 over"
                + " 12 months; last qualified 2026-08-15, 3 months' grace); qualifies for Silver now");
        assertThat(kept.status()).isEqualTo(gold); // nothing changes while kept

        TierDecision down = policy.decide(kept.status(), B, money("1500"), LocalDate.of(2027, 1, 1));
        assertThat(down.tier()).isEqualTo("Silver");
        assertThat(down.basis()).isEqualTo(Basis.QUALIFIED);
        assertThat(down.explanation()).isEqualTo("Silver: spend 1,500 ≥ 500 over 12 months (down from Gold at the"
                + " review on 2027-01-01: not qualified since 2026-08-15)");
        assertThat(down.status().since()).isEqualTo(LocalDate.of(2027, 1, 1));
        // Down to the qualified tier directly, however far: with 100 spent, Member.
        assertThat(policy.decide(gold, B, money("100"), LocalDate.of(2027, 1, 2)).tier()).isEqualTo("Member");
    }

    @Test
    void theGraceCanSpanAReview() {
        // Last qualified 2026-11-15: the grace ends 2027-02-15, after the 2027 review, so Gold is kept until 2028-01-01.
        TierStatus gold = new TierStatus("Gold", LocalDate.of(2025, 3, 1), LocalDate.of(2026, 11, 15), null);
        TierDecision d = policy.decide(gold, B, money("900"), LocalDate.of(2027, 1, 1));
        assertThat(d.tier()).isEqualTo("Gold");
        assertThat(d.explanation()).contains("kept until the review on 2028-01-01");
        assertThat(policy.decide(gold, B, money("900"), LocalDate.of(2028, 1, 1)).tier()).isEqualTo("Silver");
        // With no grace, the 2027 review downgrades.
        TierPolicy strict = new TierPolicy(TierPolicy.Settings.defaults().withGraceMonths(0));
        assertThat(strict.decide(gold, B, money("900"), LocalDate.of(2027, 1, 1)).tier()).isEqualTo("Silver");
    }

    @Test
    void qualifyingAgainDuringTheGraceResetsIt() {
        TierStatus gold = new TierStatus("Gold", LocalDate.of(2025, 3, 1), LocalDate.of(2026, 8, 15), null);
        TierDecision d = policy.decide(gold, B, money("2000"), LocalDate.of(2026, 12, 1));
        assertThat(d.basis()).isEqualTo(Basis.QUALIFIED);
        assertThat(d.status().lastQualified()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(d.status().since()).isEqualTo(LocalDate.of(2025, 3, 1)); // still the date Gold was reached
        // Now 2026-12-01 + 3 months = 2027-03-01: the 2027-01-01 review keeps Gold.
        assertThat(policy.decide(d.status(), B, money("1000"), LocalDate.of(2027, 1, 1)).tier()).isEqualTo("Gold");
    }

    @Test
    void anOverrideAboveTheEarnedTierAppliesAndSaysSo() {
        TierStatus member = new TierStatus("Member", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), null)
                .withOverride(new ManualOverride("Silver", "X", LocalDate.of(2027, 1, 31), null));
        TierDecision d = policy.decide(member, B, money("120"), LocalDate.of(2026, 12, 1));
        assertThat(d.tier()).isEqualTo("Silver");
        assertThat(d.basis()).isEqualTo(Basis.OVERRIDE);
        assertThat(d.explanation()).startsWith("Silver (manual override by X until 2027-01-31)")
                .contains("by the rules: Member");
        assertThat(d.status().earnedTier()).isEqualTo("Member");
        assertThat(d.status().override()).isNotNull();
        // The last day of the override is included.
        assertThat(policy.decide(member, B, money("120"), LocalDate.of(2027, 1, 31)).tier()).isEqualTo("Silver");
    }

    @Test
    void whenTheOverrideEndsTheEarnedTierAppliesAtOnce() {
        TierStatus member = new TierStatus("Member", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), null)
                .withOverride(new ManualOverride("Gold", "X", LocalDate.of(2027, 1, 31), "goodwill"));
        TierDecision d = policy.decide(member, B, money("600"), LocalDate.of(2027, 2, 1));
        // No grace after an override: Silver by the rules (600 ≥ 500), not Gold.
        assertThat(d.tier()).isEqualTo("Silver");
        assertThat(d.basis()).isEqualTo(Basis.QUALIFIED);
        assertThat(d.explanation()).isEqualTo("Silver: spend 600 ≥ 500 over 12 months (up from Member); the manual"
                + " override to Gold by X until 2027-01-31 has ended");
        assertThat(d.status().override()).isNull();
    }

    @Test
    void anOverrideBelowTheComputedTierIsNotACapAndNotAFloor() {
        TierStatus silverOverride = new TierStatus("Member", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), null)
                .withOverride(new ManualOverride("Silver", "X", LocalDate.of(2027, 1, 31), null));
        TierDecision d = policy.decide(silverOverride, B, money("2340"), LocalDate.of(2026, 6, 10));
        assertThat(d.tier()).isEqualTo("Gold");
        assertThat(d.basis()).isEqualTo(Basis.QUALIFIED);
        assertThat(d.explanation()).isEqualTo("Gold: spend 2,340 ≥ 2,000 over 12 months (up from Member); the manual"
                + " override to Silver by X until 2027-01-31 is not above it");
        // The customer qualifying higher than a Gold override gets the higher tier.
        TierStatus goldOverride = silverOverride.withOverride(new ManualOverride("Gold", "X",
                LocalDate.of(2027, 1, 31), null));
        assertThat(policy.decide(goldOverride, LoyaltyStage.EMOTIONAL, money("6000"), LocalDate.of(2026, 6, 10))
                .tier()).isEqualTo("Platinum");
    }

    @Test
    void spendInTheRollingWindow() {
        // Window for 2026-06-10: after 2025-06-10, up to 2026-06-10 → 200 + 300 = 500.
        List<TierPolicy.Spend> spends = List.of(new TierPolicy.Spend(LocalDate.of(2025, 6, 10), money("1000")),
                new TierPolicy.Spend(LocalDate.of(2025, 6, 11), money("200")),
                new TierPolicy.Spend(LocalDate.of(2026, 6, 10), money("300")),
                new TierPolicy.Spend(LocalDate.of(2026, 6, 11), money("4000")));
        assertThat(policy.spendInWindow(spends, LocalDate.of(2026, 6, 10))).isEqualByComparingTo("500");
    }

    @Test
    void invalidSettingsAndUnknownTiersAreRefused() {
        TierStatus platinum = new TierStatus("Diamond", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), null);
        assertThatThrownBy(() -> policy.decide(platinum, B, money("1"), LocalDate.of(2026, 2, 1)))
                .hasMessage("unknown tier Diamond; the tiers are [Member, Silver, Gold, Platinum]");
        assertThatThrownBy(() -> TierPolicy.Settings.defaults().withTiers(List.of(TierPolicy.Tier.spend("Silver",
                money("500"))))).hasMessage("the first tier (Silver) is the base every member holds: it cannot have"
                + " a minimum stage or spend");
        assertThatThrownBy(() -> TierPolicy.Settings.defaults().withTiers(List.of(TierPolicy.Tier.base("A"),
                TierPolicy.Tier.spend("A", money("5"))))).hasMessage("tier A appears twice");
        assertThatThrownBy(() -> TierPolicy.Settings.defaults().withGraceMonths(-1))
                .hasMessage("the grace period cannot be negative, got -1");
    }
}
