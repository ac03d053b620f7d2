package io.fidelis.app.complaint;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.shared.SecretTokens;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receiving and handling complaints. Three ways in: the public form (the customer names an order and the e-mail
 * address or phone number it was bought with, and gets a tracking link), staff entry (from the Customer 360, for calls
 * and visits) and the API. Staff move a complaint through its states (the complaint itself decides what is allowed),
 * write notes (internal or to the customer), reclassify and assign it; the customer follows it, writes, accepts or
 * rejects a proposed resolution, or withdraws it on the tracking page. An account manager sees and handles the
 * complaints of their own customers only. Every change is audited and published.
 */
@Service
public class HandlingComplaints {
    private static final String REFERENCE_LETTERS = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ComplaintRepository repository;
    private final CustomerManagement customers;
    private final PurchaseRecording purchases;
    private final StaffDirectory staff;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final ComplaintRouting routing;
    private final ComplaintSla sla;
    private final ComplaintMail mail;
    private final ComplaintAttachments attachments;
    private final Clock clock = Clock.systemUTC();

    HandlingComplaints(ComplaintRepository repository, CustomerManagement customers, PurchaseRecording purchases,
                       StaffDirectory staff, CurrentStaff current, ApplicationEventPublisher events, JsonMapper json,
                       ComplaintRouting routing, ComplaintSla sla, ComplaintMail mail,
                       ComplaintAttachments attachments) {
        this.attachments = attachments;
        this.mail = mail;
        this.routing = routing;
        this.sla = sla;
        this.repository = repository;
        this.customers = customers;
        this.purchases = purchases;
        this.staff = staff;
        this.current = current;
        this.events = events;
        this.json = json;
    }

    /** A new complaint's reference and, for the customer, the token of its tracking link (shown once). */
    public record Filed(String reference, String trackingToken) {
    }

    /** What a complaint says, from staff (the public form, the Customer 360, the API). */
    public record FileComplaint(String orderId, String category, Severity severity, String subject,
                                String description, List<String> skus, String language) {
    }

    /**
     * The public form: the customer is the buyer of the order, and the e-mail address or phone number given must be
     * theirs. A mismatch says only that the order and contact do not match (nothing about who the buyer is).
     */
    /** A file sent with a complaint: its name as the customer's computer called it, and its bytes. */
    public record Upload(String name, java.io.InputStream content) {
    }

    @Transactional
    public Filed fileFromForm(String orderId, String contact, FileComplaint what, Upload upload) {
        Filed filed = fileFromForm(orderId, contact, what);
        if (upload != null) {
            Complaint c = repository.byReference(filed.reference()).orElseThrow();
            attachments.store(c.id(), upload.name(), upload.content(), "customer", Instant.now(clock));
        }
        return filed;
    }

    @Transactional
    public Filed fileFromForm(String orderId, String contact, FileComplaint what) {
        String order = orderId == null ? "" : orderId.strip();
        String given = contact == null ? "" : contact.strip().toLowerCase(Locale.ROOT);
        Optional<CustomerRecord> customer = order.isEmpty() || given.isEmpty() ? Optional.empty()
                : purchases.customerOfOrder(order).flatMap(customers::recordForSystem)
                .filter(c -> matches(c, given));
        if (customer.isEmpty()) {
            throw new BusinessRuleException("order", "we could not find that order with that e-mail address or"
                    + " phone number; please check both");
        }
        return file(customer.get(), new FileComplaint(order, what.category(), Severity.MEDIUM, what.subject(),
                what.description(), what.skus(), what.language()), "FORM", "customer");
    }

    private static boolean matches(CustomerRecord c, String given) {
        if (c.email() != null && c.email().strip().toLowerCase(Locale.ROOT).equals(given)) {
            return true;
        }
        String digits = given.replaceAll("\\D", "");
        return c.phone() != null && digits.length() >= 6 && c.phone().replaceAll("\\D", "").endsWith(digits);
    }

    /** Staff entry and the API: for a customer the caller may see (an account manager: their own). */
    @Transactional
    public Filed fileForCustomer(String customerExternalId, FileComplaint what, String channel) {
        CustomerRecord customer = customers.find(customerExternalId);
        if (what.orderId() != null && !what.orderId().isBlank()
                && !purchases.customerOfOrder(what.orderId().strip()).map(id -> id == customer.id()).orElse(false)) {
            throw new BusinessRuleException("orderId", "order " + what.orderId().strip() + " is not an order of "
                    + customerExternalId);
        }
        return file(customer, what, channel, current.actor());
    }

    private Filed file(CustomerRecord customer, FileComplaint what, String channel, String by) {
        ComplaintRepository.Category category = category(what.category());
        String token = SecretTokens.create();
        Instant now = Instant.now(clock);
        String language = what.language() != null && what.language().toLowerCase(Locale.ROOT).startsWith("zh")
                ? "zh-CN" : "en";
        List<String> skus = what.skus() == null ? List.of() : what.skus().stream().map(String::strip)
                .filter(s -> !s.isEmpty() && s.length() <= 100).distinct().limit(20).toList();
        String department = routing.department(category.code(), category.department(), now);
        Complaint c = Complaint.receive(reference(), customer.id(), blankToNull(what.orderId()), category.code(),
                what.severity(), channel, what.subject(), what.description(), department,
                SecretTokens.hash(token), language, now, by);
        routing.assignee(department).ifPresent(a -> c.assign(a.member().id(), a.username(), "routing", now));
        long id = repository.insert(c, skus);
        events.publishEvent(new AuditableChange(by, "complaint", c.reference(), "create", null,
                json.writeValueAsString(Map.of("customer", customer.externalId(), "category", category.code(),
                        "severity", c.severity().name(), "channel", channel, "subject", c.subject()))));
        events.publishEvent(new ComplaintStatusChanged(id, c.reference(), customer.id(), null,
                ComplaintStatus.RECEIVED, now, c.language()));
        mail.send(customer.email(), customer.name(), language, c.reference(), ComplaintMail.Kind.RECEIVED, null,
                token);
        return new Filed(c.reference(), token);
    }

    private ComplaintRepository.Category category(String code) {
        return repository.categories().stream().filter(x -> x.code().equals(code)).findFirst()
                .orElseThrow(() -> new BusinessRuleException("category", "no complaint category '" + code + "'"));
    }

    private static String reference() {
        StringBuilder b = new StringBuilder("CP-");
        for (int i = 0; i < 8; i++) {
            b.append(REFERENCE_LETTERS.charAt(RANDOM.nextInt(REFERENCE_LETTERS.length())));
        }
        return b.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The steps staff take; each is the complaint's own method. */
    public enum Action { ACKNOWLEDGE, INVESTIGATE, PROPOSE, ACCEPT_FOR_CUSTOMER, REOPEN, CLOSE, WITHDRAW, WAIT, NOTE,
        MESSAGE }

    /**
     * Takes a step on a complaint the caller may see, refusing if someone else changed it since {@code version}.
     *
     * @param text      the resolution proposed, the reason, or the note
     * @param rootCause with a proposed resolution
     */
    @Transactional
    public void act(String reference, long version, Action action, String text, String rootCause) {
        Complaint c = visible(reference);
        if (c.version() != version) {
            throw new io.fidelis.app.shared.ConflictException("complaint " + reference + " was changed by someone"
                    + " else in the meantime; reload it and try again");
        }
        String by = current.actor();
        Instant now = Instant.now(clock);
        ComplaintStatus before = c.status();
        switch (action) {
            case ACKNOWLEDGE -> c.acknowledge(by, now);
            case INVESTIGATE -> c.investigate(by, now);
            case PROPOSE -> c.proposeResolution(text, rootCause, by, now);
            case ACCEPT_FOR_CUSTOMER -> c.accept(by, now);
            case REOPEN -> c.reopen(text, by, now);
            case CLOSE -> c.close(by, now);
            case WITHDRAW -> c.withdraw(text, by, now);
            case WAIT -> c.waitForCustomer(by, now);
            case NOTE -> c.note(text, true, by, now);
            case MESSAGE -> c.note(text, false, by, now);
        }
        save(c, before, by, action.name().toLowerCase(Locale.ROOT), now);
        if (action == Action.MESSAGE || action == Action.PROPOSE) {
            customers.recordForSystem(c.customerId()).ifPresent(who -> mail.send(who.email(), who.name(),
                    c.language(), c.reference(), action == Action.MESSAGE ? ComplaintMail.Kind.MESSAGE
                            : ComplaintMail.Kind.PROPOSAL, text.strip(), null));
        }
    }

    /** Attaches a file to a complaint the caller may see. */
    @Transactional
    public void attach(String reference, Upload upload) {
        Complaint c = visible(reference);
        var a = attachments.store(c.id(), upload.name(), upload.content(), current.actor(), Instant.now(clock));
        events.publishEvent(new AuditableChange(current.actor(), "complaint", c.reference(), "attach", null,
                json.writeValueAsString(Map.of("file", a.fileName(), "type", a.contentType(), "bytes", a.size()))));
    }

    /** An attachment to show or download: its name, type, size, and file. */
    public record AttachedFile(long id, String name, String contentType, long size, Instant at, String by,
                               java.nio.file.Path file) {
    }

    @Transactional(readOnly = true)
    public List<AttachedFile> attachments(String reference) {
        Complaint c = visible(reference);
        return attachments.of(c.id()).stream().map(a -> new AttachedFile(a.id(), a.fileName(), a.contentType(),
                a.size(), a.at(), a.actor(), attachments.file(a))).toList();
    }

    /** Whether e-mails reach customers (else the tracking link is shown to whoever files a complaint). */
    public boolean mailConfigured() {
        return mail.configured();
    }

    /** The customer's tracking link for a token, for staff to pass on when no mail server is configured. */
    public String trackingLink(String token) {
        return mail.trackingLink(token);
    }

    @Transactional
    public void reclassify(String reference, long version, String category, Severity severity) {
        Complaint c = visible(reference);
        check(c, version);
        ComplaintRepository.Category cat = category(category);
        c.reclassify(cat.code(), severity, cat.code().equals(c.category()) ? c.department()
                : routing.department(cat.code(), cat.department(), Instant.now(clock)), current.actor(),
                Instant.now(clock));
        save(c, c.status(), current.actor(), "reclassify", Instant.now(clock));
    }

    /** Assigns the complaint to a staff member (by user name), or to nobody. */
    @Transactional
    public void assign(String reference, long version, String username) {
        Complaint c = visible(reference);
        check(c, version);
        StaffMember to = username == null || username.isBlank() ? null : staff.byUsername(username.strip())
                .orElseThrow(() -> new BusinessRuleException("assignee", "no staff member '" + username + "'"));
        c.assign(to == null ? null : to.id(), to == null ? null : to.username(), current.actor(),
                Instant.now(clock));
        save(c, c.status(), current.actor(), "assign", Instant.now(clock));
    }

    private static void check(Complaint c, long version) {
        if (c.version() != version) {
            throw new io.fidelis.app.shared.ConflictException("complaint " + c.reference() + " was changed by"
                    + " someone else in the meantime; reload it and try again");
        }
    }

    private void save(Complaint c, ComplaintStatus before, String by, String action, Instant now) {
        String old = json.writeValueAsString(Map.of("status", before.name()));
        repository.save(c);
        events.publishEvent(new AuditableChange(by, "complaint", c.reference(), action, old,
                json.writeValueAsString(Map.of("status", c.status().name(), "category", c.category(), "severity",
                        c.severity().name()))));
        if (before != c.status()) {
            events.publishEvent(new ComplaintStatusChanged(c.id(), c.reference(), c.customerId(), before,
                    c.status(), now, c.language()));
        }
    }

    /** A complaint the caller may see, or 404 (as if absent). */
    private Complaint visible(String reference) {
        Complaint c = repository.byReference(reference)
                .orElseThrow(() -> new NotFoundException("no complaint " + reference));
        Optional<Set<Long>> mine = customers.visibleIds();
        if (mine.isPresent() && !mine.get().contains(c.customerId())) {
            throw new NotFoundException("no complaint " + reference);
        }
        return c;
    }

    /** A complaint with what staff see of it, its recovery actions and its service-level clocks now. */
    public record Details(Complaint complaint, CustomerRecord customer, List<Complaint.History> history,
                          List<String> products, String assignee, ComplaintSla.Clocks sla,
                          List<RecoveryAction> recoveries) {
        public java.math.BigDecimal recoveryCost() {
            return recoveries.stream().map(RecoveryAction::cost).reduce(java.math.BigDecimal.ZERO,
                    java.math.BigDecimal::add);
        }
    }

    /** A service recovery action: apology, refund, replacement, gift, free service or loyalty points. */
    public record RecoveryAction(String kind, java.math.BigDecimal cost, String note, Instant at, String actor) {
    }

    /** The kinds of service recovery (seeds 002 and 004: apology, gifts, free extra service). */
    public static final List<String> RECOVERY_KINDS = List.of("APOLOGY", "REFUND", "REPLACEMENT", "GIFT",
            "FREE_SERVICE", "LOYALTY_POINTS");

    /**
     * Records a recovery action with its cost (0 for an apology). Loyalty points are recorded; they are credited
     * once the loyalty programme exists.
     */
    @Transactional
    public void recover(String reference, String kind, java.math.BigDecimal cost, String note) {
        Complaint c = visible(reference);
        if (!RECOVERY_KINDS.contains(kind)) {
            throw new BusinessRuleException("kind", "no recovery action '" + kind + "'");
        }
        if (cost == null || cost.signum() < 0 || cost.compareTo(new java.math.BigDecimal("1000000000")) >= 0) {
            throw new BusinessRuleException("cost", "a cost of 0 or more");
        }
        if (c.status().terminal()) {
            throw new BusinessRuleException("status", "the complaint is " + c.status().name().toLowerCase(Locale.ROOT));
        }
        String by = current.actor();
        Instant now = Instant.now(clock);
        String text = note == null || note.isBlank() ? null : note.strip().substring(0, Math.min(1000,
                note.strip().length()));
        repository.insertRecovery(c.id(), new ComplaintRepository.Recovery(kind, cost, text, now, by));
        events.publishEvent(new AuditableChange(by, "complaint", c.reference(), "recovery", null,
                json.writeValueAsString(Map.of("kind", kind, "cost", cost.toPlainString()))));
    }

    @Transactional(readOnly = true)
    public Details details(String reference) {
        Complaint c = visible(reference);
        String assignee = c.assigneeId() == null ? null
                : staff.byId(c.assigneeId()).map(StaffMember::username).orElse(null);
        List<Complaint.History> history = repository.history(c.id());
        return new Details(c, customers.recordForSystem(c.customerId()).orElse(null), history,
                repository.products(c.id()), assignee, sla.of(c, history, Instant.now(clock)),
                repository.recoveries(c.id()).stream().map(r -> new RecoveryAction(r.kind(), r.cost(), r.note(),
                        r.at(), r.actor())).toList());
    }

    /** Cards shown per column of the board (the newest). */
    static final int BOARD_COLUMN = 50;

    /** The board's filter; {@code mine} is the caller's own queue. */
    public record BoardFilter(String category, String severity, boolean mine) {
    }

    /** The board: complaints by state (the closed of the last 30 days), each with its customer. */
    @Transactional(readOnly = true)
    public Map<ComplaintStatus, List<Details>> board(BoardFilter filter) {
        Long me = filter.mine() ? current.get().map(StaffMember::id).orElse(-1L) : null;
        List<Complaint> all = repository.board(blankToNull(filter.category()), blankToNull(filter.severity()), me,
                Instant.now(clock).minus(30, ChronoUnit.DAYS), 1000);
        Optional<Set<Long>> mine = customers.visibleIds();
        List<Complaint> shown = all.stream().filter(c -> mine.isEmpty() || mine.get().contains(c.customerId()))
                .toList();
        Map<Long, CustomerRecord> people = customers.recordsForSystem(shown.stream().map(Complaint::customerId)
                .toList());
        Map<Long, String> names = new java.util.HashMap<>();
        staff.list().forEach(m -> names.put(m.id(), m.username()));
        Map<ComplaintStatus, List<Details>> out = new LinkedHashMap<>();
        for (ComplaintStatus s : ComplaintStatus.values()) {
            out.put(s, new ArrayList<>());
        }
        Instant now = Instant.now(clock);
        Map<Long, List<Complaint.History>> waits = repository.waits(shown.stream().filter(c -> !c.status().terminal())
                .map(Complaint::id).toList());
        for (Complaint c : shown) {
            if (out.get(c.status()).size() >= BOARD_COLUMN) {
                continue; // the newest of each column; the database page finds the rest
            }
            List<Complaint.History> history = waits.getOrDefault(c.id(), List.of());
            out.get(c.status()).add(new Details(c, people.get(c.customerId()), List.of(), List.of(),
                    c.assigneeId() == null ? null : names.get(c.assigneeId()), sla.of(c, history, now), List.of()));
        }
        return out;
    }

    /** A search of the complaint database. */
    public record Search(String words, String category, String sku, String customer, java.time.LocalDate from,
                         java.time.LocalDate to) {
    }

    /** The complaint database, within the caller's scope: newest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Details> search(Search q, int limit) {
        Long customerId = null;
        if (q.customer() != null && !q.customer().isBlank()) {
            customerId = customers.idForSystem(q.customer().strip()).orElse(-1L);
        }
        List<Complaint> found = repository.search(blankToNull(q.words()), blankToNull(q.category()),
                blankToNull(q.sku()), customerId, q.from() == null ? null : q.from().atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant(), q.to() == null ? null : q.to().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant(), limit);
        Optional<Set<Long>> mine = customers.visibleIds();
        List<Complaint> shown = found.stream().filter(c -> mine.isEmpty() || mine.get().contains(c.customerId()))
                .toList();
        Map<Long, CustomerRecord> people = customers.recordsForSystem(shown.stream().map(Complaint::customerId)
                .toList());
        Map<Long, String> names = new java.util.HashMap<>();
        staff.list().forEach(m -> names.put(m.id(), m.username()));
        return shown.stream().map(c -> new Details(c, people.get(c.customerId()), List.of(), List.of(),
                c.assigneeId() == null ? null : names.get(c.assigneeId()), null, List.of())).toList();
    }

    /** A customer's complaints, for the Customer 360 (which shows only customers the caller may see). */
    @Transactional(readOnly = true)
    List<Complaint> ofCustomer(long customerId) {
        return repository.ofCustomer(customerId);
    }

    /** A complaint not yet resolved, for an account manager's tasks. */
    public record Unresolved(String reference, long customerId, String subject, ComplaintStatus status,
                             Instant receivedAt) {
    }

    /** The unresolved complaints of these customers (system use: the caller has scoped the customers), oldest first. */
    @Transactional(readOnly = true)
    public List<Unresolved> unresolvedOf(java.util.Collection<Long> customerIds) {
        return repository.unresolvedOf(customerIds);
    }

    public List<Category> categories() {
        return repository.categories().stream().map(c -> new Category(c.code(), c.nameEn(), c.nameZh(),
                c.department())).toList();
    }

    /** A complaint category with its names and its department. */
    public record Category(String code, String nameEn, String nameZh, String department) {
    }

    // The customer's side, by the tracking link's token.

    /** What the customer sees: the complaint, and its history without internal notes. */
    public record Tracking(Complaint complaint, List<Complaint.History> history) {
    }

    @Transactional(readOnly = true)
    public Optional<Tracking> track(String token) {
        return tracked(token).map(c -> new Tracking(c, repository.history(c.id()).stream()
                .filter(h -> !h.internal()).toList()));
    }

    private Optional<Complaint> tracked(String token) {
        return SecretTokens.wellFormed(token) ? repository.byTrackingHash(SecretTokens.hash(token)) : Optional.empty();
    }

    /** The customer's steps on the tracking page. */
    public enum CustomerAction { ACCEPT, REJECT, WRITE, WITHDRAW }

    @Transactional
    public void customerActs(String token, CustomerAction action, String text) {
        Complaint c = tracked(token).orElseThrow(() -> new NotFoundException("no such complaint"));
        Instant now = Instant.now(clock);
        ComplaintStatus before = c.status();
        BiConsumer<String, Instant> step = switch (action) {
            case ACCEPT -> (by, at) -> c.accept(by, at);
            case REJECT -> (by, at) -> c.reopen(text, by, at);
            case WRITE -> (by, at) -> {
                if (text == null || text.isBlank() || text.length() > 8000) {
                    throw new BusinessRuleException("text", "write your message (at most 8,000 characters)");
                }
                c.customerWrote(text.strip(), at);
            };
            case WITHDRAW -> (by, at) -> c.withdraw(text, by, at);
        };
        step.accept("customer", now);
        save(c, before, "customer", "customer " + action.name().toLowerCase(Locale.ROOT), now);
    }
}
