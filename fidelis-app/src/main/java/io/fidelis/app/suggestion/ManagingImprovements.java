package io.fidelis.app.suggestion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.complaint.ComplaintAnalytics;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.core.suggestion.ImprovementPriority;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The product-improvement backlog: the board of items by status, ranked within each column by their priority
 * ({@link ImprovementPriority}: the combined CLV of the customers asking, how often the need recurs in the window,
 * and the complaints about the item's products or categories in the window, each shown), an item with the customers
 * behind it (an account manager sees only their own among them), and the item's moves: review, plan, deliver (which
 * tells the customers: {@link ClosingTheLoop}), decline with a reason, reconsider. Every change is audited.
 */
@Service
public class ManagingImprovements {
    private final SuggestionRepository repository;
    private final CustomerManagement customers;
    private final LoyaltyReadings loyalty;
    private final ComplaintAnalytics complaints;
    private final PurchaseRecording purchases;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final SuggestionSettings settings;
    private final Clock clock = Clock.systemUTC();

    ManagingImprovements(SuggestionRepository repository, CustomerManagement customers, LoyaltyReadings loyalty,
                         ComplaintAnalytics complaints, PurchaseRecording purchases, CurrentStaff current,
                         ApplicationEventPublisher events, SuggestionSettings settings) {
        this.repository = repository;
        this.customers = customers;
        this.loyalty = loyalty;
        this.complaints = complaints;
        this.purchases = purchases;
        this.current = current;
        this.events = events;
        this.settings = settings;
    }

    /**
     * An item on the board with what ranks it: the distinct customers and the suggestions behind it (all time), the
     * customers and suggestions in the window, their combined CLV, the complaints about its products or categories in
     * the window, the score (0–100) and its three components (each 0–1 before weighting).
     */
    public record Card(ImprovementItem item, int customers, int suggestions, double clv, int complaints,
                       Set<String> skus, Set<String> categories, double score, double value, double recurrence,
                       double complaintShare) {
    }

    public record Board(Map<ImprovementStatus, List<Card>> columns, int windowDays) {
        public int open() {
            return columns.entrySet().stream().filter(e -> !e.getKey().settled())
                    .mapToInt(e -> e.getValue().size()).sum();
        }
    }

    @Transactional(readOnly = true)
    public Board board() {
        List<Card> cards = cards(repository.items());
        Map<ImprovementStatus, List<Card>> columns = new EnumMap<>(ImprovementStatus.class);
        for (ImprovementStatus s : ImprovementStatus.values()) {
            columns.put(s, new ArrayList<>());
        }
        cards.forEach(c -> columns.get(c.item().status()).add(c));
        return new Board(columns, settings.windowDays());
    }

    /** The cards of these items, best first. */
    private List<Card> cards(List<ImprovementItem> items) {
        Instant now = Instant.now(clock);
        Instant since = now.minus(Duration.ofDays(settings.windowDays()));
        Map<Long, List<Suggestion>> byItem = new HashMap<>();
        for (Suggestion s : repository.grouped()) {
            byItem.computeIfAbsent(s.itemId(), k -> new ArrayList<>()).add(s);
        }
        Map<Long, Double> clvs = loyalty.clvs();
        List<ComplaintFacts> facts = items.isEmpty() ? List.of() : complaintFacts(since);
        Map<Long, ImprovementPriority.Item> inputs = new HashMap<>();
        Map<Long, Set<String>[]> subjects = new HashMap<>();
        for (ImprovementItem i : items) {
            List<Suggestion> all = byItem.getOrDefault(i.id(), List.of());
            Set<String> skus = new java.util.TreeSet<>();
            Set<String> categories = new java.util.TreeSet<>();
            all.forEach(s -> {
                if (s.sku() != null) {
                    skus.add(s.sku());
                }
                if (s.category() != null) {
                    categories.add(s.category());
                }
            });
            @SuppressWarnings("unchecked")
            Set<String>[] pair = new Set[] {skus, categories};
            subjects.put(i.id(), pair);
            List<Suggestion> recent = all.stream().filter(s -> !s.receivedAt().isBefore(since)).toList();
            Set<Long> people = new HashSet<>();
            all.forEach(s -> people.add(s.customerId()));
            double clv = people.stream().mapToDouble(c -> clvs.getOrDefault(c, 0.0)).sum();
            int complaintCount = (int) facts.stream().filter(f -> f.skus().stream().anyMatch(skus::contains)
                    || f.categories().stream().anyMatch(categories::contains)).count();
            int recentCustomers = (int) recent.stream().map(Suggestion::customerId).distinct().count();
            inputs.put(i.id(), new ImprovementPriority.Item(i.id(), clv, recentCustomers, recent.size(),
                    complaintCount));
        }
        Map<Long, ImprovementItem> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        List<Card> out = new ArrayList<>();
        for (ImprovementPriority.Ranked r : ImprovementPriority.rank(List.copyOf(inputs.values()),
                ImprovementPriority.Options.defaults())) {
            long id = r.item().id();
            List<Suggestion> all = byItem.getOrDefault(id, List.of());
            out.add(new Card(byId.get(id), (int) all.stream().map(Suggestion::customerId).distinct().count(),
                    all.size(), r.item().clv(), r.item().complaints(), subjects.get(id)[0], subjects.get(id)[1],
                    r.score(), r.value(), r.recurrence(), r.complaints()));
        }
        return out;
    }

    /** A complaint's products: those it names and those of its order, with their categories. */
    private record ComplaintFacts(Set<String> skus, Set<String> categories) {
    }

    private List<ComplaintFacts> complaintFacts(Instant since) {
        List<ComplaintAnalytics.ProductComplaint> received = complaints.withProductsSince(since);
        if (received.isEmpty()) {
            return List.of();
        }
        Map<String, PurchaseRecording.Product> products = purchases.products();
        Map<String, List<String>> orders = purchases.skusOfOrders(received.stream()
                .map(ComplaintAnalytics.ProductComplaint::orderId).toList());
        List<ComplaintFacts> out = new ArrayList<>();
        for (ComplaintAnalytics.ProductComplaint c : received) {
            Set<String> skus = new HashSet<>(c.skus());
            if (c.orderId() != null) {
                skus.addAll(orders.getOrDefault(c.orderId(), List.of()));
            }
            Set<String> categories = new HashSet<>();
            skus.forEach(s -> Optional.ofNullable(products.get(s)).map(PurchaseRecording.Product::category)
                    .ifPresent(categories::add));
            out.add(new ComplaintFacts(skus, categories));
        }
        return out;
    }

    /** A customer behind an item: their suggestions, CLV, and what they were told on delivery. */
    public record Asker(CustomerRecord customer, List<Suggestion> suggestions, Double clv, String notice,
                        String language, Long taskId) {
    }

    /** An item: its card, the customers behind it the caller may see, and how many others there are. */
    public record Detail(Card card, List<Asker> askers, int otherCustomers, List<ImprovementItem> openItems) {
        public ImprovementItem item() {
            return card.item();
        }
    }

    @Transactional(readOnly = true)
    public Detail detail(long id) {
        ImprovementItem item = item(id);
        List<ImprovementItem> all = repository.items();
        Card card = cards(all).stream().filter(c -> c.item().id() == id).findFirst().orElseThrow();
        List<Suggestion> suggestions = repository.ofItem(id);
        Optional<Set<Long>> visible = customers.visibleIds();
        Map<Long, List<Suggestion>> byCustomer = new java.util.LinkedHashMap<>();
        suggestions.forEach(s -> byCustomer.computeIfAbsent(s.customerId(), k -> new ArrayList<>()).add(s));
        Map<Long, CustomerRecord> people = customers.recordsForSystem(byCustomer.keySet());
        Map<Long, SuggestionRepository.Notice> notices = new HashMap<>();
        repository.noticesOf(id).forEach(n -> notices.put(n.customerId(), n));
        Map<Long, Double> clvs = loyalty.clvs();
        List<Asker> askers = new ArrayList<>();
        int others = 0;
        for (var e : byCustomer.entrySet()) {
            if (visible.isPresent() && !visible.get().contains(e.getKey())) {
                others++;
                continue;
            }
            SuggestionRepository.Notice n = notices.get(e.getKey());
            askers.add(new Asker(people.get(e.getKey()), e.getValue(), clvs.get(e.getKey()),
                    n == null ? null : n.outcome(), n == null ? null : n.language(), n == null ? null : n.taskId()));
        }
        askers.sort(java.util.Comparator.comparing((Asker a) -> a.clv() == null ? 0 : a.clv()).reversed());
        return new Detail(card, askers, others, all.stream().filter(i -> !i.status().settled() && i.id() != id)
                .toList());
    }

    private ImprovementItem item(long id) {
        return repository.item(id).orElseThrow(() -> new NotFoundException("no improvement item " + id));
    }

    /** Opens an item by hand (suggestions are then moved into it). */
    public record OpenItem(String title, String description) {
    }

    @Transactional
    public long open(OpenItem c) {
        ImprovementItem item = ImprovementItem.open(c.title(), c.description(), current.actor(), Instant.now(clock));
        long id = repository.insert(item);
        events.publishEvent(new AuditableChange(current.actor(), "improvement", Long.toString(id), "create", null,
                AuditableChange.json("title", item.title(), "description", item.description(), "status",
                        item.status().name())));
        return id;
    }

    @Transactional
    public void describe(long id, long version, OpenItem c) {
        ImprovementItem item = current(id, version);
        String before = AuditableChange.json("title", item.title(), "description", item.description());
        item.describe(c.title(), c.description(), Instant.now(clock));
        repository.save(item);
        events.publishEvent(new AuditableChange(current.actor(), "improvement", Long.toString(id), "describe",
                before, AuditableChange.json("title", item.title(), "description", item.description())));
    }

    /** A move on the board: review, plan, deliver (with a note to the customers), decline (with a reason). */
    public enum Move { REVIEW, PLAN, DELIVER, DECLINE, RECONSIDER }

    public record MoveItem(long itemId, long version, Move move, String text) {
    }

    @Transactional
    public void move(MoveItem c) {
        if (c.move() == null) {
            throw new BusinessRuleException("move", "say what to do with the item");
        }
        ImprovementItem item = current(c.itemId(), c.version());
        if (c.move() == Move.DELIVER && repository.ofItem(c.itemId()).isEmpty()) {
            throw new BusinessRuleException("status", "an item without suggestions has nobody to tell; move"
                    + " suggestions into it first");
        }
        ImprovementStatus before = item.status();
        String by = current.actor();
        Instant now = Instant.now(clock);
        switch (c.move()) {
            case REVIEW -> item.review(by, now);
            case PLAN -> item.plan(by, now);
            case DELIVER -> item.deliver(c.text(), by, now);
            case DECLINE -> item.decline(c.text(), by, now);
            case RECONSIDER -> item.reconsider(by, now);
        }
        repository.save(item);
        events.publishEvent(new AuditableChange(by, "improvement", Long.toString(item.id()), c.move().name()
                .toLowerCase(java.util.Locale.ROOT), AuditableChange.json("status", before.name()),
                AuditableChange.json("status", item.status().name(), "reason", item.declineReason(), "note",
                        item.deliveryNote())));
        item.takeEvents().forEach(events::publishEvent);
    }

    private ImprovementItem current(long id, long version) {
        ImprovementItem item = item(id);
        if (item.version() != version) {
            throw new ConflictException("the item was changed by someone else; reload and try again");
        }
        return item;
    }

    /** For the dashboard: open items, and items delivered in the last year. */
    public record Counts(int open, int deliveredThisYear, int ungrouped) {
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        Instant yearAgo = Instant.now(clock).minus(Duration.ofDays(365));
        List<ImprovementItem> items = repository.items();
        return new Counts((int) items.stream().filter(i -> !i.status().settled()).count(),
                (int) items.stream().filter(i -> i.deliveredAt() != null && i.deliveredAt().isAfter(yearAgo)).count(),
                repository.ungrouped().size());
    }
}
