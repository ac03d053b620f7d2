package io.fidelis.app.suggestion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * The suggestions panel of the Customer 360: what the customer suggested, the item each became and its status, and a
 * form to write one down; on the timeline, each suggestion and, once an item they asked for is delivered, "your
 * suggestion led to …".
 */
@Component
class SuggestionsOnCustomerPage implements CustomerViewContribution {
    private final SuggestionRepository repository;

    SuggestionsOnCustomerPage(SuggestionRepository repository) {
        this.repository = repository;
    }

    @Override
    public int order() {
        return 14;
    }

    @Override
    public String fragment() {
        return "suggestion/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        List<Suggestion> suggestions = repository.ofCustomer(customer.id());
        Map<Long, ImprovementItem> items = new HashMap<>();
        repository.items(suggestions.stream().map(Suggestion::itemId).filter(java.util.Objects::nonNull).toList())
                .forEach(i -> items.put(i.id(), i));
        return Map.of("suggestions", suggestions, "items", items, "customerId", customer.externalId());
    }

    @Override
    public List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        List<TimelineEntry> out = new ArrayList<>();
        List<SuggestionRepository.Notice> notices = repository.noticesOfCustomer(customer.id());
        Map<Long, ImprovementItem> items = new HashMap<>();
        repository.items(notices.stream().map(SuggestionRepository.Notice::itemId).toList())
                .forEach(i -> items.put(i.id(), i));
        for (SuggestionRepository.Notice n : notices) {
            ImprovementItem i = items.get(n.itemId());
            if (i != null) {
                out.add(new TimelineEntry(n.at(), "suggestion", "timeline.suggestionLedTo", List.of(i.title()),
                        "/improvements/" + i.id()));
            }
        }
        for (Suggestion s : repository.ofCustomer(customer.id())) {
            String text = s.text().length() <= 80 ? s.text() : s.text().substring(0, 79) + "…";
            out.add(new TimelineEntry(s.receivedAt(), "suggestion", "timeline.suggestion", List.of(text),
                    s.itemId() == null ? null : "/improvements/" + s.itemId()));
        }
        out.sort((a, b) -> b.at().compareTo(a.at()));
        return out.size() > limit ? out.subList(0, limit) : out;
    }
}
