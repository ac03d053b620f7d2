package io.fidelis.core.basket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import io.fidelis.core.stats.Proportions;
import org.junit.jupiter.api.Test;

/** Hit-rate@k of the rules' suggestions against the most popular items, on a constructed time split. */
class EvaluationTest {
    private static final LocalDate BEFORE = LocalDate.of(2011, 6, 1);
    private static final LocalDate AFTER = LocalDate.of(2011, 10, 1);

    /**
     * Training: 10 baskets {A, B} (anonymous), 20 × {P} and 20 × {Q} of other customers, customers 1–4 with {A},
     * customer 5 with {P}. Held out: customers 1–3 buy B, customer 4 buys Z, customer 5 buys Q, customer 6 (new)
     * buys P.
     */
    private static Baskets data() {
        Baskets.Builder b = Baskets.builder();
        int basket = 0;
        for (int i = 0; i < 10; i++, basket++) {
            b.add("o" + basket, null, BEFORE, "A").add("o" + basket, null, BEFORE, "B");
        }
        for (int i = 0; i < 20; i++, basket++) {
            b.add("o" + basket, "p" + i, BEFORE, "P");
        }
        for (int i = 0; i < 20; i++, basket++) {
            b.add("o" + basket, "q" + i, BEFORE, "Q");
        }
        for (int c = 1; c <= 4; c++, basket++) {
            b.add("o" + basket, "c" + c, BEFORE, "A");
        }
        b.add("o" + basket++, "c5", BEFORE, "P");
        for (int c = 1; c <= 3; c++, basket++) {
            b.add("o" + basket, "c" + c, AFTER, "B");
        }
        b.add("o" + basket++, "c4", AFTER, "Z");
        b.add("o" + basket++, "c5", AFTER, "Q");
        b.add("o" + basket, "c6", AFTER, "P");
        return b.build();
    }

    @Test
    void rulesAgainstMostPopular() {
        Evaluation.Result r = Evaluation.hitRate(data(), LocalDate.of(2011, 9, 1), 1,
                AssociationRules.Options.defaults());
        // 55 training baskets; A ⇒ B has confidence 10/14 and lift (10/14) / (10/55) = 55/14.
        assertThat(r.trainingBaskets()).isEqualTo(55);
        assertThat(AssociationRulesTest.rule(r.model(), 1, 0).lift()).isEqualTo(55.0 / 14);
        assertThat(r.customers()).isEqualTo(5);
        assertThat(r.newCustomers()).isEqualTo(1);
        // Customers 1–4 get B from A ⇒ B (hits for 1–3); customer 5's P is in no rule.
        assertThat(r.withRuleSuggestions()).isEqualTo(4);
        assertThat(r.rules()).isEqualTo(Proportions.wilson(3, 5, 0.95));
        // The most popular item not bought: P (21 baskets) for customers 1–4 (misses), Q (20) for customer 5 (hit).
        assertThat(r.popular()).isEqualTo(Proportions.wilson(1, 5, 0.95));
        // The rules filled up with the most popular: B for 1–4 and Q for 5.
        assertThat(r.rulesThenPopular()).isEqualTo(Proportions.wilson(4, 5, 0.95));
        assertThat(r.k()).isEqualTo(1);
        assertThat(r.lastDay()).isEqualTo(AFTER);
    }

    @Test
    void theCutOfTheLastMonths() {
        // Online Retail's last invoice is on 2011-12-09: the last 3 months start on 2011-09-10.
        Baskets b = Baskets.builder().add("1", "c", LocalDate.of(2010, 12, 1), "x")
                .add("2", "c", LocalDate.of(2011, 12, 9), "y").build();
        assertThat(Evaluation.cutMonthsBeforeEnd(b, 3)).isEqualTo(LocalDate.of(2011, 9, 10));
        assertThatThrownBy(() -> Evaluation.cutMonthsBeforeEnd(b, 0)).hasMessage("hold out at least 1 month, got 0");
    }

    @Test
    void impossibleSplitsAreRefused() {
        AssociationRules.Options o = AssociationRules.Options.defaults();
        assertThatThrownBy(() -> Evaluation.hitRate(data(), LocalDate.of(2000, 1, 1), 5, o))
                .hasMessage("no basket before the cut 2000-01-01");
        assertThatThrownBy(() -> Evaluation.hitRate(data(), LocalDate.of(2012, 1, 1), 5, o))
                .hasMessage("no customer buys both before and from the cut 2012-01-01");
        assertThatThrownBy(() -> Evaluation.hitRate(data(), AFTER, 0, o)).hasMessage("suggest at least 1 item, got k = 0");
        assertThatThrownBy(() -> Evaluation.hitRate(Baskets.of(new int[] {0}), AFTER, 5, o))
                .hasMessage("basket 0 has no day: a time split needs one for each");
    }
}
