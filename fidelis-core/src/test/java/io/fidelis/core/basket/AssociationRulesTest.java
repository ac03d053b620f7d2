package io.fidelis.core.basket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.fidelis.core.basket.AssociationRules.Itemset;
import io.fidelis.core.basket.AssociationRules.Options;
import io.fidelis.core.basket.AssociationRules.Recommendation;
import io.fidelis.core.basket.AssociationRules.Rule;
import org.junit.jupiter.api.Test;

/** Frequent itemsets, rules and suggestions on a textbook example and on edge cases. */
class AssociationRulesTest {
    private static final int I1 = 0;
    private static final int I2 = 1;
    private static final int I3 = 2;
    private static final int I4 = 3;
    private static final int I5 = 4;

    /**
     * The AllElectronics transactions of Han, Kamber &amp; Pei, "Data Mining: Concepts and Techniques", 3rd ed.
     * (2012), Table 6.1, with I1 … I5 as items 0 … 4.
     */
    static Baskets allElectronics() {
        return Baskets.of(
                new int[] {I1, I2, I5}, // T100
                new int[] {I2, I4},     // T200
                new int[] {I2, I3},     // T300
                new int[] {I1, I2, I4}, // T400
                new int[] {I1, I3},     // T500
                new int[] {I2, I3},     // T600
                new int[] {I1, I3},     // T700
                new int[] {I1, I2, I3, I5}, // T800
                new int[] {I1, I2, I3}); // T900
    }

    /** Minimum support count 2 of 9 transactions, every rule kept. */
    private static final Options ALL_RULES = Options.defaults().withMinSupport(2.0 / 9).withMinConfidence(0)
            .withMinLift(0);

    @Test
    void frequentItemsetsOfHanKamberPeiFigure6_2() {
        // Han, Kamber & Pei (2012), Figure 6.2 (Apriori with min_sup = 2): L1 = I1:6, I2:7, I3:6, I4:2, I5:2;
        // L2 = {I1,I2}:4, {I1,I3}:4, {I1,I5}:2, {I2,I3}:4, {I2,I4}:2, {I2,I5}:2; L3 = {I1,I2,I3}:2, {I1,I2,I5}:2.
        AssociationRules model = AssociationRules.fit(allElectronics(), ALL_RULES);
        assertThat(model.minCount()).isEqualTo(2);
        assertThat(model.frequentItemsets()).containsExactly(
                set(6, I1), set(7, I2), set(6, I3), set(2, I4), set(2, I5),
                set(4, I1, I2), set(4, I1, I3), set(2, I1, I5), set(4, I2, I3), set(2, I2, I4), set(2, I2, I5),
                set(2, I1, I2, I3), set(2, I1, I2, I5));
        // 6 frequent pairs give 12 one-item rules, 2 frequent triples give 6 two-item rules.
        assertThat(model.rules()).hasSize(18);
    }

    @Test
    void confidencesOfHanKamberPeiExample6_4AndHandComputedLifts() {
        AssociationRules model = AssociationRules.fit(allElectronics(), ALL_RULES);
        // Example 6.4, the rules from X = {I1, I2, I5}: {I1,I2} ⇒ I5 confidence 2/4 = 50 %;
        // {I1,I5} ⇒ I2 2/2 = 100 %; {I2,I5} ⇒ I1 2/2 = 100 %.
        // Lifts by hand: confidence / (count of the consequent / 9):
        // {I1,I2} ⇒ I5: 0.5 / (2/9) = 2.25; {I1,I5} ⇒ I2: 1 / (7/9) = 9/7 ≈ 1.2857; {I2,I5} ⇒ I1: 1 / (6/9) = 1.5.
        assertRule(rule(model, I5, I1, I2), 2, 4, 0.5, 2.25);
        assertRule(rule(model, I2, I1, I5), 2, 2, 1.0, 9.0 / 7);
        assertRule(rule(model, I1, I2, I5), 2, 2, 1.0, 1.5);
        // One-item rules by hand: I1 ⇒ I2: 4/6 = 2/3, lift (2/3) / (7/9) = 6/7 ≈ 0.857 (below 1: I1's buyers buy
        // I2 less often than everyone); I4 ⇒ I2: 2/2 = 1, lift 9/7; I3 ⇒ I1: 4/6, lift (2/3) / (6/9) = 1.
        assertRule(rule(model, I2, I1), 4, 6, 2.0 / 3, 6.0 / 7);
        assertRule(rule(model, I2, I4), 2, 2, 1.0, 9.0 / 7);
        assertRule(rule(model, I1, I3), 4, 6, 2.0 / 3, 1.0);
        assertThat(rule(model, I5, I1, I2).support()).isCloseTo(2.0 / 9, offset(1e-15));
    }

    @Test
    void minimumConfidenceAndLiftFilterRules() {
        // Example 6.4 with a minimum confidence of 70 %: of the three two-item rules of {I1,I2,I5}, only the two at
        // 100 % remain; the default minimum lift of 1 drops I1 ⇒ I2 (lift 6/7, computed above) but keeps
        // I3 ⇒ I1 (lift exactly 1).
        AssociationRules model = AssociationRules.fit(allElectronics(),
                Options.defaults().withMinSupport(2.0 / 9).withMinConfidence(0.7).withMinLift(0));
        assertThat(find(model, I5, I1, I2)).isNull();
        assertThat(find(model, I2, I1, I5)).isNotNull();
        assertThat(find(model, I1, I2, I5)).isNotNull();
        AssociationRules lifted = AssociationRules.fit(allElectronics(), Options.defaults().withMinSupport(2.0 / 9));
        assertThat(find(lifted, I2, I1)).isNull();
        assertThat(find(lifted, I1, I3)).isNotNull();
        assertThat(lifted.rules()).allSatisfy(r -> assertThat(r.lift()).isGreaterThanOrEqualTo(1 - 1e-12));
    }

    @Test
    void pairsOnlyWithOneItemAntecedents() {
        AssociationRules model = AssociationRules.fit(allElectronics(), ALL_RULES.withMaxAntecedent(1));
        assertThat(model.rules()).hasSize(12).allSatisfy(r -> assertThat(r.antecedent()).hasSize(1));
        assertThat(model.frequentItemsets()).hasSize(11);
    }

    @Test
    void rulesAreRankedByConfidenceThenLift() {
        List<Rule> rules = AssociationRules.fit(allElectronics(), ALL_RULES).rules();
        for (int i = 1; i < rules.size(); i++) {
            Rule a = rules.get(i - 1);
            Rule b = rules.get(i);
            assertThat(a.confidence() > b.confidence()
                    || a.confidence() == b.confidence() && a.lift() >= b.lift()).as(a + " before " + b).isTrue();
        }
        // The best: confidence 1 with the highest lift, I5 ⇒ I1 and {I2,I5} ⇒ I1 (lift 1.5, count 2); the one-item
        // antecedent first.
        assertThat(rules.get(0).antecedent()).containsExactly(I5);
        assertThat(rules.get(0).consequent()).isEqualTo(I1);
    }

    @Test
    void recommendsTheBestRuleForEachItemNotBought() {
        AssociationRules model = AssociationRules.fit(allElectronics(), Options.defaults().withMinSupport(2.0 / 9));
        // A customer with I1 and I5. Applicable rules for items they lack (lift ≥ 1): I5 ⇒ I2 and {I1,I5} ⇒ I2
        // (both confidence 2/2, lift 9/7; the simpler one explains), I1 ⇒ I3 (4/6, lift 1). I4 only follows I2.
        List<Recommendation> suggestions = model.recommend(new int[] {I5, I1, I1}, 5);
        assertThat(suggestions).extracting(Recommendation::item).containsExactly(I2, I3);
        Rule because = suggestions.get(0).because();
        assertThat(because.antecedent()).containsExactly(I5);
        assertThat(because.confidence()).isEqualTo(1.0);
        assertThat(because.lift()).isCloseTo(9.0 / 7, offset(1e-12));
        assertThat(suggestions.get(0).label()).isEqualTo("1");
        assertThat(suggestions.get(1).because().antecedent()).containsExactly(I1);
        // k smaller than what applies; k = 0; nothing bought; an item never seen is ignored.
        assertThat(model.recommend(new int[] {I1, I5}, 1)).extracting(Recommendation::item).containsExactly(I2);
        assertThat(model.recommend(new int[] {I1, I5}, 0)).isEmpty();
        assertThat(model.recommend(new int[0], 3)).isEmpty();
        assertThat(model.recommend(new int[] {I1, I5, 99}, 5)).isEqualTo(suggestions);
        assertThatThrownBy(() -> model.recommend(new int[] {I1}, -1))
                .hasMessage("the number of suggestions must be at least 0, got -1");
        assertThatThrownBy(() -> model.recommend(new int[] {-2}, 1)).hasMessage("item numbers start at 0, got -2");
    }

    @Test
    void kLargerThanTheSuggestionsAvailable() {
        // Two baskets {0, 1}: the rules 0 ⇒ 1 and 1 ⇒ 0 (confidence 1, lift 1). A customer with 0 gets 1 only.
        AssociationRules model = AssociationRules.fit(Baskets.of(new int[] {0, 1}, new int[] {0, 1}),
                Options.defaults());
        assertThat(model.recommend(new int[] {0}, 10)).extracting(Recommendation::item).containsExactly(1);
        // A customer who has everything gets nothing.
        assertThat(model.recommend(new int[] {0, 1}, 10)).isEmpty();
    }

    @Test
    void emptyBasketsCountInTheSupport() {
        // 4 baskets, 2 of them empty: {0,1} is in 2 of 4, support 0.5; confidence 0 ⇒ 1 = 2/2; lift 1 / (2/4) = 2.
        AssociationRules model = AssociationRules.fit(Baskets.of(new int[0], new int[] {0, 1}, new int[] {1, 0},
                new int[0]), Options.defaults().withMinSupport(0.5));
        assertThat(model.baskets()).isEqualTo(4);
        assertThat(model.frequentItemsets()).contains(new Itemset(new int[] {0, 1}, 2, 0.5));
        Rule r = rule(model, 1, 0);
        assertThat(r.support()).isEqualTo(0.5);
        assertThat(r.confidence()).isEqualTo(1.0);
        assertThat(r.lift()).isEqualTo(2.0);
    }

    @Test
    void noBasketsAndOnlyEmptyBaskets() {
        for (Baskets none : List.of(Baskets.of(), Baskets.of(new int[0], new int[0]))) {
            AssociationRules model = AssociationRules.fit(none, Options.defaults());
            assertThat(model.frequentItemsets()).isEmpty();
            assertThat(model.rules()).isEmpty();
            assertThat(model.recommend(new int[] {0}, 3)).isEmpty();
        }
    }

    @Test
    void singleItemBasketsHaveNoRules() {
        AssociationRules model = AssociationRules.fit(Baskets.of(new int[] {0}, new int[] {1}, new int[] {0},
                new int[] {2}), Options.defaults());
        assertThat(model.frequentItemsets()).containsExactly(new Itemset(new int[] {0}, 2, 0.5),
                new Itemset(new int[] {1}, 1, 0.25), new Itemset(new int[] {2}, 1, 0.25));
        assertThat(model.rules()).isEmpty();
    }

    @Test
    void duplicateItemsInABasketCountOnce() {
        // {0,0,1} is {0,1}: item 0 is in 2 baskets, not 3; the pair in 1.
        Baskets baskets = Baskets.of(new int[] {0, 0, 1}, new int[] {0, 2});
        assertThat(baskets.items(0)).containsExactly(0, 1);
        AssociationRules model = AssociationRules.fit(baskets, ALL_RULES);
        assertThat(model.itemCount(0)).isEqualTo(2);
        assertThat(rule(model, 1, 0).confidence()).isEqualTo(0.5);
        assertThat(rule(model, 0, 1).confidence()).isEqualTo(1.0);
    }

    @Test
    void minimumSupportAboveEveryItemLeavesNothing() {
        // Every item is in at most 7 of 9 baskets; a minimum of 8/9 excludes all.
        AssociationRules model = AssociationRules.fit(allElectronics(), Options.defaults().withMinSupport(8.0 / 9));
        assertThat(model.minCount()).isEqualTo(8);
        assertThat(model.frequentItemsets()).isEmpty();
        assertThat(model.rules()).isEmpty();
        assertThat(model.recommend(new int[] {I1, I2}, 5)).isEmpty();
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> Options.defaults().withMinSupport(0))
                .hasMessage("the minimum support is a share of baskets in (0, 1], got 0.0");
        assertThatThrownBy(() -> Options.defaults().withMinSupport(1.5)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Options.defaults().withMinConfidence(-0.1))
                .hasMessage("the minimum confidence is a share in [0, 1], got -0.1");
        assertThatThrownBy(() -> Options.defaults().withMinLift(Double.NaN)).hasMessageContaining("minimum lift");
        assertThatThrownBy(() -> Options.defaults().withMaxAntecedent(3))
                .hasMessage("an antecedent has 1 or 2 items, got a maximum of 3");
        assertThatThrownBy(() -> Baskets.of(new int[] {0, -1})).hasMessage("basket 0 holds item -1: items are"
                + " numbered from 0");
    }

    @Test
    void rulesAreImmutableValues() {
        Rule r = rule(AssociationRules.fit(allElectronics(), ALL_RULES), I5, I1, I2);
        int[] antecedent = r.antecedent();
        antecedent[0] = 99;
        assertThat(r.antecedent()).containsExactly(I1, I2);
        assertThat(r).isEqualTo(new Rule(new int[] {I1, I2}, I5, 2, 4, 2.0 / 9, 0.5, r.lift()));
        assertThat(r.toString()).isEqualTo("[0, 1] → 4 (support 0.2222, confidence 0.5000, lift 2.250)");
    }

    /** An itemset of the 9 AllElectronics transactions. */
    static Itemset set(int count, int... items) {
        return new Itemset(items, count, count / 9.0);
    }

    private static void assertRule(Rule r, int count, int antecedentCount, double confidence, double lift) {
        assertThat(r.count()).isEqualTo(count);
        assertThat(r.antecedentCount()).isEqualTo(antecedentCount);
        assertThat(r.confidence()).isCloseTo(confidence, offset(1e-12));
        assertThat(r.lift()).isCloseTo(lift, offset(1e-12));
    }

    static Rule rule(AssociationRules model, int consequent, int... antecedent) {
        Rule r = find(model, consequent, antecedent);
        assertThat(r).as("rule " + Arrays.toString(antecedent) + " → " + consequent).isNotNull();
        return r;
    }

    static Rule find(AssociationRules model, int consequent, int... antecedent) {
        List<Rule> found = new ArrayList<>();
        for (Rule r : model.rules()) {
            if (r.consequent() == consequent && Arrays.equals(r.antecedent(), antecedent)) {
                found.add(r);
            }
        }
        assertThat(found.size()).isLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0);
    }
}
