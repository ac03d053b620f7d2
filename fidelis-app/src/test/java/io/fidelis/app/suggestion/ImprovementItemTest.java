package io.fidelis.app.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.fidelis.app.shared.BusinessRuleException;
import org.junit.jupiter.api.Test;

class ImprovementItemTest {
    static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

    static ImprovementItem stored() {
        return new ImprovementItem(7L, "Detachable sofas", null, ImprovementStatus.NEW, null, null, null, T, "boss", T,
                0);
    }

    @Test
    void anItemGoesFromNewToDeliveredAndRegistersItsEvents() {
        ImprovementItem i = stored();
        i.review("boss", T);
        i.plan("boss", T);
        i.deliver("Arms and backs come off", "boss", T.plusSeconds(60));
        assertThat(i.status()).isEqualTo(ImprovementStatus.DELIVERED);
        assertThat(i.deliveredAt()).isEqualTo(T.plusSeconds(60));
        assertThat(i.takeEvents()).containsExactly(
                new ImprovementStatusChanged(7, ImprovementStatus.NEW, ImprovementStatus.UNDER_REVIEW, T, "boss"),
                new ImprovementStatusChanged(7, ImprovementStatus.UNDER_REVIEW, ImprovementStatus.PLANNED, T, "boss"),
                new ImprovementStatusChanged(7, ImprovementStatus.PLANNED, ImprovementStatus.DELIVERED,
                        T.plusSeconds(60), "boss"),
                new ImprovementDelivered(7, "Detachable sofas", "Arms and backs come off", T.plusSeconds(60), "boss"));
        assertThat(i.takeEvents()).isEmpty();
    }

    @Test
    void illegalMovesThrowAndChangeNothing() {
        ImprovementItem i = stored();
        assertThatThrownBy(() -> i.deliver(null, "boss", T)).isInstanceOf(BusinessRuleException.class)
                .hasMessage("the item is new; it cannot become delivered");
        assertThatThrownBy(() -> i.plan("boss", T)).isInstanceOf(BusinessRuleException.class);
        assertThatThrownBy(() -> i.reconsider("boss", T)).isInstanceOf(BusinessRuleException.class);
        assertThatThrownBy(() -> i.decline(" ", "boss", T)).hasMessage("say why the item is declined");
        assertThat(i.status()).isEqualTo(ImprovementStatus.NEW);
        assertThat(i.takeEvents()).isEmpty();
        i.decline("Not our door", "boss", T);
        assertThatThrownBy(() -> i.decline("again", "boss", T)).isInstanceOf(BusinessRuleException.class);
        assertThatThrownBy(() -> i.review("boss", T)).isInstanceOf(BusinessRuleException.class);
        i.reconsider("boss", T);
        assertThat(i.status()).isEqualTo(ImprovementStatus.UNDER_REVIEW);
        assertThat(i.declineReason()).isNull();
    }

    @Test
    void aSuggestionNeedsWordsAndASubject() {
        assertThatThrownBy(() -> Suggestion.receive(1, SuggestionSource.STAFF, null, " a ", "S", null, "en", T, "x"))
                .hasMessageContaining("at least 3 characters");
        assertThatThrownBy(() -> Suggestion.receive(1, SuggestionSource.STAFF, null, "bigger", " ", null, "en", T,
                "x")).hasMessage("say which product or category the suggestion is about");
        Suggestion s = Suggestion.receive(1, SuggestionSource.PUBLIC, null, "  bigger door  ", null, "Sofas", "zh",
                T, "customer");
        assertThat(s.text()).isEqualTo("bigger door");
        assertThat(s.language()).isEqualTo("zh-CN");
        assertThat(s.itemId()).isNull();
    }
}
