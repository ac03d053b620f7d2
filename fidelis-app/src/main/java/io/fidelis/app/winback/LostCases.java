package io.fidelis.app.winback;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import io.fidelis.app.survey.SurveyManagement;
import io.fidelis.core.stats.Proportions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lost customers and win-back (seed 003: contact customers who stopped buying, learn why, and separate what the
 * company cannot control from what it can). A customer whose loyalty overlay becomes LOST gets a case for their
 * account manager, with a contact task due in {@code contact-days} and, if they consented, the exit survey. The
 * manager records the reason (from a configurable taxonomy, each reason controllable or not), the action taken and a
 * note, and ends the case declined or unreachable; a purchase within {@code win-back-days} of the opening wins the
 * customer back. Account managers see their own customers' cases. Every change is audited.
 */
@Service
public class LostCases {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LostCases.class);
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private final WinBackRepository repository;
    private final CustomerManagement customers;
    private final StaffDirectory staff;
    private final PurchaseRecording purchases;
    private final SurveyManagement surveys;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final WinBackSettings settings;
    private final Clock clock = Clock.systemUTC();

    LostCases(WinBackRepository repository, CustomerManagement customers, StaffDirectory staff,
              PurchaseRecording purchases, SurveyManagement surveys, CurrentStaff current,
              ApplicationEventPublisher events, WinBackSettings settings) {
        this.repository = repository;
        this.customers = customers;
        this.staff = staff;
        this.purchases = purchases;
        this.surveys = surveys;
        this.current = current;
        this.events = events;
        this.settings = settings;
    }

    /** A case with its customer, for lists and pages. */
    public record CaseView(LostCase lostCase, CustomerRecord customer, boolean overdue) {
    }

    /**
     * Opens a case for a customer who became lost, unless one is open; in a transaction of its own (called after a
     * scoring run). Invites them to the exit survey when they consented. The case's id, if one was opened.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<Long> openFor(long customerId) {
        if (repository.hasOpen(customerId)) {
            return Optional.empty();
        }
        Optional<CustomerRecord> customer = customers.recordForSystem(customerId);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        Long manager = customer.get().accountManager() == null ? null
                : staff.byUsername(customer.get().accountManager()).map(StaffMember::id).orElse(null);
        Instant now = Instant.now(clock);
        LostCase c = LostCase.open(customerId, manager, now, LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(settings.contactDays()));
        long id = repository.insert(c);
        events.publishEvent(new AuditableChange("system", "lost-case", Long.toString(id), "open", null,
                AuditableChange.json("customer", customer.get().externalId(), "manager",
                        customer.get().accountManager())));
        if (customer.get().marketingConsent()) {
            surveys.inviteToExitSurvey(customerId, "lost-case:" + id);
        }
        return Optional.of(id);
    }

    /** The cases the caller may see, newest first, optionally of one status. */
    @Transactional(readOnly = true)
    public List<CaseView> list(LostCaseStatus status) {
        Optional<Set<Long>> visible = customers.visibleIds();
        List<LostCase> cases = repository.all().stream()
                .filter(c -> status == null || c.status() == status)
                .filter(c -> visible.isEmpty() || visible.get().contains(c.customerId()))
                .toList();
        return views(cases);
    }

    /** Open cases of these customers (an account manager's day), by due date. */
    @Transactional(readOnly = true)
    public List<CaseView> openOf(Set<Long> customerIds) {
        return views(repository.openOf(customerIds));
    }

    /** A customer's cases, newest first (for the Customer 360, which checks the caller may see the customer). */
    @Transactional(readOnly = true)
    public List<LostCase> ofCustomer(long customerId) {
        return repository.ofCustomer(customerId);
    }

    private List<CaseView> views(List<LostCase> cases) {
        Map<Long, CustomerRecord> records = customers.recordsForSystem(cases.stream().map(LostCase::customerId)
                .toList());
        LocalDate today = LocalDate.now(clock);
        return cases.stream().map(c -> new CaseView(c, records.get(c.customerId()),
                c.status() == LostCaseStatus.OPEN && c.dueOn().isBefore(today))).toList();
    }

    /** One case, if the caller may see its customer (404 otherwise). */
    @Transactional(readOnly = true)
    public CaseView get(long id) {
        LostCase c = repository.byId(id).orElseThrow(() -> new NotFoundException("no lost-customer case " + id));
        CustomerRecord customer = customers.recordForSystem(c.customerId()).orElseThrow();
        customers.find(customer.externalId());
        return views(List.of(c)).get(0);
    }

    /** What the manager learnt and did, and optionally the outcome (declined or unreachable). */
    public record Outcome(String reason, WinBackAction action, String note, LostCaseStatus end) {
    }

    @Transactional
    public void record(long id, long version, Outcome outcome) {
        CaseView view = get(id);
        LostCase c = view.lostCase();
        if (c.version() != version) {
            throw new io.fidelis.app.shared.ConflictException("the case was changed by someone else; reload and try"
                    + " again");
        }
        String reason = outcome.reason() == null || outcome.reason().isBlank() ? null : outcome.reason();
        if (reason != null && repository.reasons().stream().noneMatch(r -> r.code().equals(reason) && r.active())) {
            throw new BusinessRuleException("reason", "no reason '" + reason + "' in the taxonomy");
        }
        String before = json(c);
        c.record(reason, outcome.action(), outcome.note());
        if (outcome.end() != null && outcome.end() != LostCaseStatus.OPEN) {
            if (reason == null && outcome.end() == LostCaseStatus.DECLINED) {
                throw new BusinessRuleException("reason", "say why the customer declined: choose a reason");
            }
            c.end(outcome.end(), current.actor(), Instant.now(clock));
        }
        repository.save(c);
        events.publishEvent(new AuditableChange(current.actor(), "lost-case", Long.toString(id), "record", before,
                json(c)));
    }

    private static String json(LostCase c) {
        return AuditableChange.json("status", c.status().name(), "reason", c.reason(), "action",
                c.action() == null ? null : c.action().name(), "note", c.note());
    }

    /** Marks open cases won back whose customer bought within the window after the opening; how many. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int settle() {
        return settle(repository.open(), true);
    }

    /** As {@link #settle()}, for some customers' open cases (after their purchases); how many. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int settle(java.util.Collection<Long> customerIds) {
        return settle(repository.openOf(customerIds), false);
    }

    /** @param everyone whether {@code cases} are every open case (then everyone's orders are read at once) */
    private int settle(List<LostCase> cases, boolean everyone) {
        if (cases.isEmpty()) {
            return 0;
        }
        // In the order of the cases' ids, whether for everyone or for a few customers, so that two settlements at
        // once update the rows in one order.
        List<LostCase> open = cases.stream().sorted(java.util.Comparator.comparingLong(LostCase::id)).toList();
        Instant since = open.stream().map(LostCase::openedAt).min(Instant::compareTo).orElseThrow();
        Map<Long, List<Instant>> orders = everyone ? purchases.ordersSince(since)
                : purchases.ordersSince(open.stream().map(LostCase::customerId).toList(), since);
        int won = 0;
        for (LostCase c : open) {
            Instant until = c.openedAt().plus(Duration.ofDays(settings.winBackDays()));
            Optional<Instant> bought = orders.getOrDefault(c.customerId(), List.of()).stream()
                    .filter(t -> t.isAfter(c.openedAt()) && !t.isAfter(until)).min(Instant::compareTo);
            if (bought.isPresent()) {
                c.wonBack(bought.get());
                // A case changed since it was read was settled by another run or worked by its manager at the
                // same moment: it is theirs now, and one such case must not undo the rest of this run.
                if (!repository.saveIfUnchanged(c)) {
                    log.info("Lost-customer case {} changed while it was being settled; left as it is now", c.id());
                    continue;
                }
                events.publishEvent(new AuditableChange("system", "lost-case", Long.toString(c.id()), "won back",
                        null, AuditableChange.json("purchase", bought.get().toString())));
                won++;
            }
        }
        return won;
    }

    // The taxonomy of reasons.

    /** A reason why customers leave, controllable by the company or not. */
    public record Reason(String code, String nameEn, String nameZh, boolean controllable, boolean active) {
    }

    @Transactional(readOnly = true)
    public List<Reason> reasons() {
        return repository.reasons().stream().map(r -> new Reason(r.code(), r.nameEn(), r.nameZh(), r.controllable(),
                r.active())).toList();
    }

    @Transactional
    public void addReason(Reason r) {
        String code = r.code() == null ? "" : r.code().strip().toUpperCase(java.util.Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw new BusinessRuleException("code", "the code must be 2 to 40 capital letters, digits or _, starting"
                    + " with a letter, such as COMPETITOR_OFFER");
        }
        if (repository.reasons().stream().anyMatch(x -> x.code().equals(code))) {
            throw new BusinessRuleException("code", "there is already a reason " + code);
        }
        Reason clean = names(new Reason(code, r.nameEn(), r.nameZh(), r.controllable(), true));
        repository.insertReason(new WinBackRepository.Reason(clean.code(), clean.nameEn(), clean.nameZh(),
                clean.controllable(), true));
        events.publishEvent(new AuditableChange(current.actor(), "lost-reason", code, "create", null,
                AuditableChange.json("nameEn", clean.nameEn(), "nameZh", clean.nameZh(), "controllable",
                        clean.controllable())));
    }

    @Transactional
    public void changeReason(Reason r) {
        WinBackRepository.Reason old = repository.reasons().stream().filter(x -> x.code().equals(r.code()))
                .findFirst().orElseThrow(() -> new NotFoundException("no reason " + r.code()));
        Reason clean = names(r);
        repository.updateReason(new WinBackRepository.Reason(clean.code(), clean.nameEn(), clean.nameZh(),
                clean.controllable(), clean.active()));
        events.publishEvent(new AuditableChange(current.actor(), "lost-reason", r.code(), "change",
                AuditableChange.json("nameEn", old.nameEn(), "nameZh", old.nameZh(), "controllable",
                        old.controllable(), "active", old.active()),
                AuditableChange.json("nameEn", clean.nameEn(), "nameZh", clean.nameZh(), "controllable",
                        clean.controllable(), "active", clean.active())));
    }

    private static Reason names(Reason r) {
        if (r.nameEn() == null || r.nameEn().isBlank() || r.nameEn().length() > 100) {
            throw new BusinessRuleException("nameEn", "the English name is required, at most 100 characters");
        }
        if (r.nameZh() == null || r.nameZh().isBlank() || r.nameZh().length() > 100) {
            throw new BusinessRuleException("nameZh", "the Chinese name is required, at most 100 characters");
        }
        return new Reason(r.code(), r.nameEn().strip(), r.nameZh().strip(), r.controllable(), r.active());
    }

    // Analytics.

    /** Cases opened in a month, by controllable, uncontrollable and not (yet) known reason. */
    public record Month(YearMonth month, int lost, int controllable, int uncontrollable, int unknown) {
    }

    /** A reason's count and share, with whether it is controllable. */
    public record ReasonBar(String code, boolean controllable, int count, double cumulativeShare) {
    }

    /** Won back among ended cases of a group, with a Wilson 95 % interval. */
    public record Rate(String group, int ended, int wonBack, double share, double lower, double upper) {
    }

    public record Overview(List<Month> months, List<ReasonBar> reasons, List<Rate> byReason, List<Rate> byAction,
                           int open, int wonBack, BigDecimal revenueRecovered) {
    }

    /** Over the cases the caller may see. */
    @Transactional(readOnly = true)
    public Overview overview() {
        List<CaseView> all = list(null);
        Map<String, Boolean> controllable = new HashMap<>();
        repository.reasons().forEach(r -> controllable.put(r.code(), r.controllable()));
        Map<YearMonth, int[]> months = new java.util.TreeMap<>();
        Map<String, Integer> reasons = new HashMap<>();
        Map<String, int[]> byReason = new java.util.TreeMap<>();
        Map<String, int[]> byAction = new java.util.TreeMap<>();
        int open = 0;
        int won = 0;
        BigDecimal recovered = BigDecimal.ZERO;
        for (CaseView v : all) {
            LostCase c = v.lostCase();
            int[] m = months.computeIfAbsent(YearMonth.from(c.openedAt().atOffset(ZoneOffset.UTC)), k -> new int[4]);
            m[0]++;
            m[c.reason() == null ? 3 : controllable.getOrDefault(c.reason(), false) ? 1 : 2]++;
            if (c.reason() != null) {
                reasons.merge(c.reason(), 1, Integer::sum);
            }
            if (c.status() == LostCaseStatus.OPEN) {
                open++;
                continue;
            }
            boolean w = c.status() == LostCaseStatus.WON_BACK;
            won += w ? 1 : 0;
            int[] r = byReason.computeIfAbsent(c.reason() == null ? "–" : c.reason(), k -> new int[2]);
            r[0]++;
            r[1] += w ? 1 : 0;
            int[] a = byAction.computeIfAbsent(c.action() == null ? "–" : c.action().name(), k -> new int[2]);
            a[0]++;
            a[1] += w ? 1 : 0;
            if (w) {
                recovered = recovered.add(revenueAfter(c));
            }
        }
        List<Month> monthRows = new ArrayList<>();
        months.forEach((k, m) -> monthRows.add(new Month(k, m[0], m[1], m[2], m[3])));
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(reasons.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int total = sorted.stream().mapToInt(Map.Entry::getValue).sum();
        List<ReasonBar> bars = new ArrayList<>();
        int running = 0;
        for (var e : sorted) {
            running += e.getValue();
            bars.add(new ReasonBar(e.getKey(), controllable.getOrDefault(e.getKey(), false), e.getValue(),
                    (double) running / total));
        }
        return new Overview(monthRows, bars, rates(byReason), rates(byAction), open, won, recovered);
    }

    private static List<Rate> rates(Map<String, int[]> groups) {
        List<Rate> out = new ArrayList<>();
        groups.forEach((g, n) -> {
            Proportions.Share s = Proportions.wilson(n[1], n[0], 0.95);
            out.add(new Rate(g, n[0], n[1], s.share(), s.lower(), s.upper()));
        });
        return out;
    }

    /** Revenue (net of returns) of the customer's purchases in the year after the case opened. */
    private BigDecimal revenueAfter(LostCase c) {
        Instant until = c.openedAt().plus(Duration.ofDays(365));
        double[] sum = {0};
        purchases.eachLineOf(c.customerId(), l -> {
            if (l.purchasedAt().isAfter(c.openedAt()) && !l.purchasedAt().isAfter(until)) {
                sum[0] += l.value();
            }
        });
        return BigDecimal.valueOf(sum[0]).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** Reason names by code in a language, for pages. */
    @Transactional(readOnly = true)
    public Map<String, String> reasonNames(java.util.Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        boolean zh = "zh".equals(locale.getLanguage());
        repository.reasons().forEach(r -> names.put(r.code(), zh ? r.nameZh() : r.nameEn()));
        return names;
    }
}
