package io.fidelis.core.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.fidelis.core.loyalty.EvidenceText.Phrase;
import org.junit.jupiter.api.Test;

/** The evidence's phrases in English: filled, joined, and checked against the table. */
class EvidenceTextTest {
    @Test
    void phrasesAreFilledInOrderAndJoined() {
        assertThat(EvidenceText.english(List.of(Phrase.of("repeat.atLeast", "6.0", "4.0", "P(alive)", "0.90"))))
                .isEqualTo("6.0 a year ≥ typical 4.0, P(alive) 0.90");
        assertThat(EvidenceText.english(List.of(Phrase.of("emotional.promoter"), Phrase.of("emotional.referrals", 2))))
                .isEqualTo("promoter; 2 referral(s)");
        // An argument is put in as it is, braces and all; the same argument may come twice.
        assertThat(EvidenceText.fill("{1} and {0}, {1}", List.of("{x}", "y"))).isEqualTo("y and {x}, y");
        assertThat(EvidenceText.english(List.of())).isEmpty();
    }

    @Test
    void anUnknownPhraseIsRefused() {
        assertThatThrownBy(() -> Phrase.of("no.such")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no evidence phrase no.such");
    }

    /** MessageFormat would read a quote or a stray brace differently from {@link EvidenceText#fill}. */
    @Test
    void thePatternsHoldNoQuoteAndOnlyArgumentBraces() {
        EvidenceText.ENGLISH.forEach((key, pattern) -> {
            assertThat(pattern).as(key).doesNotContain("'");
            assertThat(pattern.replaceAll("\\{\\d+}", "")).as(key).doesNotContain("{").doesNotContain("}");
        });
    }

    @Test
    void everyPhraseThePolicyWritesIsInTheTable() {
        LoyaltyStagePolicy policy = new LoyaltyStagePolicy(LoyaltyStagePolicy.Settings.defaults());
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (LoyaltySignals s : List.of(
                new LoyaltySignals(8, 0.9, 6, 4, 1.0, 20, 45, 3, true, true, 1, true, 13, true, true, true, 3, true,
                        "P(stay) 0.90 from the subscription churn model"),
                new LoyaltySignals(8, 0.9, 6, 4, 0.3, 20, 45, 3, false, false, 0, false, 13, false, true, false, 0,
                        false, null),
                new LoyaltySignals(1, 0.05, 0, 4, Double.NaN, 900, Double.NaN, 1, false, false, 0, false, 0, false,
                        false))) {
            policy.assess(s).evidence().forEach(e -> e.phrases().forEach(p -> keys.add(p.key())));
        }
        // Each kind of rule is represented (a phrase the policy wrote outside the table would have thrown).
        assertThat(keys).contains("text", "satisfied.answer", "satisfied.none", "repeat.atLeast", "repeat.below",
                "complaint.unresolved", "emotional.promoter", "emotional.none", "sustainable.keptComplaint",
                "sustainable.keptOffer", "lost.p", "lost.days", "lost.daysUsual", "late.count", "risk.p",
                "risk.rate", "risk.late");
    }
}
