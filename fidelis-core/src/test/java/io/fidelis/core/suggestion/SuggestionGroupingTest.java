package io.fidelis.core.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import io.fidelis.core.suggestion.SuggestionGrouping.Item;
import io.fidelis.core.suggestion.SuggestionGrouping.Options;
import io.fidelis.core.suggestion.SuggestionGrouping.Proposal;
import io.fidelis.core.suggestion.SuggestionGrouping.Suggestion;
import org.junit.jupiter.api.Test;

class SuggestionGroupingTest {
    static Suggestion s(long id, String sku, String category, String text) {
        return new Suggestion(id, sku == null ? Set.of() : Set.of(sku), category == null ? Set.of() : Set.of(category),
                text);
    }

    @Test
    void theSofaStoryGroupsTogetherAndADifferentNeedStandsApart() {
        // Seed 003: sofas too big for the warehouse door. Two customers in English, one in Chinese, and a customer
        // asking for another colour of the same sofa.
        List<Proposal> p = SuggestionGrouping.propose(List.of(
                s(1, "SOFA-3", "Sofas", "The sofa is too big to get through our warehouse door"),
                s(2, "SOFA-3", "Sofas", "Sofa does not fit through the door; could the arms be detachable?"),
                s(3, "SOFA-2", "Sofas", "沙发太大，进不了仓库的门"),
                s(4, "SOFA-5", "Sofas", "沙发太大了，仓库的门进不去，希望可以拆开"),
                s(5, "SOFA-3", "Sofas", "Please offer this model in dark green")), List.of(), Options.defaults());
        assertThat(p).extracting(Proposal::suggestionId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(p.get(0).itemId()).isNull();
        assertThat(p.get(1).newItem()).isEqualTo(p.get(0).newItem());
        assertThat(p.get(1).similarity()).isGreaterThanOrEqualTo(0.35);
        assertThat(p.get(3).newItem()).isEqualTo(p.get(2).newItem());
        assertThat(p.get(4).newItem()).isNotEqualTo(p.get(0).newItem()).isNotEqualTo(p.get(2).newItem());
    }

    @Test
    void aNewSuggestionJoinsTheExistingItemItResembles() {
        Item doors = new Item(70, List.of(s(1, "SOFA-3", "Sofas", "sofa too big for the door")));
        Item colours = new Item(71, List.of(s(2, "LAMP-1", "Lamps", "more lamp colours, dark green")));
        List<Proposal> p = SuggestionGrouping.propose(List.of(
                s(10, "SOFA-3", "Sofas", "The door is too narrow for this big sofa"),
                s(11, null, "Lamps", "a dark green lamp would be lovely")), List.of(doors, colours),
                Options.defaults());
        assertThat(p.get(0).itemId()).isEqualTo(70L);
        assertThat(p.get(1).itemId()).isEqualTo(71L);
    }

    @Test
    void theSameProductAloneDoesNotMakeTheSameNeed() {
        List<Proposal> p = SuggestionGrouping.propose(List.of(
                s(1, "SOFA-3", "Sofas", "too big for the door"),
                s(2, "SOFA-3", "Sofas", "cushions wear out quickly")), List.of(), Options.defaults());
        assertThat(p.get(1).newItem()).isNotEqualTo(p.get(0).newItem());
        assertThat(SuggestionGrouping.subject(Set.of("A"), Set.of("X"), Set.of("A"), Set.of())).isEqualTo(1);
        assertThat(SuggestionGrouping.subject(Set.of("A"), Set.of("X"), Set.of("B"), Set.of("X"))).isEqualTo(0.5);
        assertThat(SuggestionGrouping.subject(Set.of(), Set.of(), Set.of("B"), Set.of("X"))).isZero();
    }

    @Test
    void oneWordOfTheProductInCommonIsNotEnough() {
        // Both about sofas, different needs: they share the word "sofa" and the category, nothing else.
        List<Proposal> p = SuggestionGrouping.propose(List.of(
                s(1, null, "Sofas", "sofa too big for the door"),
                s(2, null, "Sofas", "the sofa colour fades in the sun"),
                s(3, null, "Sofas", "sofa does not fit through the door")), List.of(), Options.defaults());
        assertThat(p.get(1).newItem()).isNotEqualTo(p.get(0).newItem());
        assertThat(p.get(2).newItem()).isEqualTo(p.get(0).newItem());
    }

    @Test
    void theResultDependsOnlyOnTheOrderGivenAndOptionsAreChecked() {
        List<Suggestion> in = List.of(s(1, null, "Sofas", "door too small"), s(2, null, "Sofas", "door small sofa"),
                s(3, null, null, "faster delivery"));
        assertThat(SuggestionGrouping.propose(in, List.of(), Options.defaults()))
                .isEqualTo(SuggestionGrouping.propose(in, List.of(), Options.defaults()));
        assertThatThrownBy(() -> new Options(1.5, 0.3, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Options(0.3, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
