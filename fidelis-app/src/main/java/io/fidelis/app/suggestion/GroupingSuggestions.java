package io.fidelis.app.suggestion;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.core.suggestion.SuggestionGrouping;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups suggestions into improvement items. The system proposes where each new suggestion belongs (an open item
 * it resembles, or a new item shared with other new suggestions: {@link SuggestionGrouping}, by product or category
 * and text similarity); staff accept the proposals, or move a suggestion to another item, or split it off into a new
 * item of its own; a new item emptied by moves is removed. Delivered and declined items take no new suggestions: a need raised again after them is a new
 * item. Every move is audited.
 */
@Service
public class GroupingSuggestions {
    private final SuggestionRepository repository;
    private final CustomerManagement customers;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final SuggestionSettings settings;
    private final Clock clock = Clock.systemUTC();

    GroupingSuggestions(SuggestionRepository repository, CustomerManagement customers, CurrentStaff current,
                        ApplicationEventPublisher events, SuggestionSettings settings) {
        this.settings = settings;
        this.repository = repository;
        this.customers = customers;
        this.current = current;
        this.events = events;
    }

    /** A suggestion with its customer (null when the caller may not see them). */
    public record SuggestionView(Suggestion suggestion, CustomerRecord customer) {
    }

    /**
     * Where a new suggestion is proposed to go: an open item ({@code itemId}, {@code itemTitle}), or a new item
     * ({@code itemId} null; suggestions with the same {@code newItem} would go together), with the similarity.
     */
    public record Proposal(SuggestionView suggestion, Long itemId, String itemTitle, int newItem, double similarity) {
    }

    /** Proposals for every suggestion not yet grouped that the caller may see, oldest first. */
    @Transactional(readOnly = true)
    public List<Proposal> proposals() {
        List<Suggestion> fresh = repository.ungrouped();
        Map<Long, ImprovementItem> open = new HashMap<>();
        repository.items().stream().filter(i -> !i.status().settled()).forEach(i -> open.put(i.id(), i));
        Map<Long, List<SuggestionGrouping.Suggestion>> members = new HashMap<>();
        for (Suggestion s : repository.grouped()) {
            if (open.containsKey(s.itemId())) {
                members.computeIfAbsent(s.itemId(), k -> new ArrayList<>()).add(core(s));
            }
        }
        List<SuggestionGrouping.Item> items = members.entrySet().stream()
                .map(e -> new SuggestionGrouping.Item(e.getKey(), e.getValue())).sorted(
                        java.util.Comparator.comparingLong(SuggestionGrouping.Item::id)).toList();
        List<SuggestionGrouping.Proposal> proposed = SuggestionGrouping.propose(fresh.stream()
                .map(GroupingSuggestions::core).toList(), items, new SuggestionGrouping.Options(
                SuggestionGrouping.Options.defaults().subjectWeight(), settings.groupingThreshold(),
                SuggestionGrouping.Options.defaults().minimumCosine()));
        Map<Long, Suggestion> byId = fresh.stream().collect(Collectors.toMap(Suggestion::id, s -> s));
        Optional<Set<Long>> visible = customers.visibleIds();
        Map<Long, CustomerRecord> people = customers.recordsForSystem(fresh.stream().map(Suggestion::customerId)
                .distinct().toList());
        List<Proposal> out = new ArrayList<>();
        for (SuggestionGrouping.Proposal p : proposed) {
            Suggestion s = byId.get(p.suggestionId());
            if (visible.isPresent() && !visible.get().contains(s.customerId())) {
                continue;
            }
            out.add(new Proposal(new SuggestionView(s, people.get(s.customerId())), p.itemId(),
                    p.itemId() == null ? null : open.get(p.itemId()).title(), p.newItem(), p.similarity()));
        }
        return out;
    }

    static SuggestionGrouping.Suggestion core(Suggestion s) {
        return new SuggestionGrouping.Suggestion(s.id(), s.sku() == null ? Set.of() : Set.of(s.sku()),
                s.category() == null ? Set.of() : Set.of(s.category()), s.text());
    }

    /** Accepts the proposals: joins suggestions to their items, and makes the new items proposed. How many. */
    @Transactional
    public int acceptAll() {
        List<Proposal> proposals = proposals();
        Map<Integer, Long> made = new HashMap<>();
        Instant now = Instant.now(clock);
        for (Proposal p : proposals) {
            Long item = p.itemId();
            if (item == null) {
                item = made.get(p.newItem());
                if (item == null) {
                    item = newItem(p.suggestion().suggestion(), now);
                    made.put(p.newItem(), item);
                }
            }
            group(p.suggestion().suggestion(), item, "group");
        }
        return proposals.size();
    }

    /**
     * Moves a suggestion, read at {@code version}, to an item (an open one), or with {@code itemId} null splits it
     * off into a new item of its own.
     */
    public record MoveSuggestion(long suggestionId, long version, Long itemId) {
    }

    /** Moves a suggestion; the id of the item it is now in. */
    @Transactional
    public long move(MoveSuggestion c) {
        long suggestionId = c.suggestionId();
        long version = c.version();
        Long itemId = c.itemId();
        Suggestion s = repository.suggestion(suggestionId).orElseThrow(() -> new NotFoundException("no suggestion "
                + suggestionId));
        if (s.version() != version) {
            throw new ConflictException("the suggestion was changed by someone else; reload and try again");
        }
        long target;
        if (itemId == null) {
            target = newItem(s, Instant.now(clock));
        } else {
            ImprovementItem item = repository.item(itemId).orElseThrow(() -> new NotFoundException("no item "
                    + itemId));
            if (item.status().settled()) {
                throw new io.fidelis.app.shared.BusinessRuleException("item", "item " + itemId + " is "
                        + ImprovementItem.name(item.status()) + "; it takes no more suggestions");
            }
            target = itemId;
        }
        Long from = s.itemId();
        group(s, target, from == null ? "group" : "move");
        if (from != null) {
            removeIfEmpty(from);
        }
        return target;
    }

    /** A new item left without suggestions (all moved elsewhere) is removed, so the board keeps no empty cards. */
    private void removeIfEmpty(long itemId) {
        repository.item(itemId).filter(i -> i.status() == ImprovementStatus.NEW).ifPresent(i -> {
            if (repository.ofItem(itemId).isEmpty() && repository.deleteItem(itemId, i.version())) {
                events.publishEvent(new AuditableChange(current.actor(), "improvement", Long.toString(itemId),
                        "remove", AuditableChange.json("title", i.title(), "status", i.status().name()), null));
            }
        });
    }

    /** The title a new item takes from its first suggestion: the words on one line, at most 80 characters. */
    static String titleOf(String suggestion) {
        String text = suggestion.replaceAll("\\s+", " ");
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }

    private long newItem(Suggestion first, Instant at) {
        String title = titleOf(first.text());
        ImprovementItem item = ImprovementItem.open(title, null, current.actor(), at);
        long id = repository.insert(item);
        events.publishEvent(new AuditableChange(current.actor(), "improvement", Long.toString(id), "create", null,
                AuditableChange.json("title", title, "status", ImprovementStatus.NEW.name())));
        return id;
    }

    private void group(Suggestion s, long item, String action) {
        Long before = s.itemId();
        s.groupInto(item);
        repository.saveGrouping(s);
        events.publishEvent(new AuditableChange(current.actor(), "suggestion", Long.toString(s.id()), action,
                before == null ? null : AuditableChange.json("item", before), AuditableChange.json("item", item)));
    }
}
