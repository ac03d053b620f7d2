package io.fidelis.app.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fidelis.app.shared.BusinessRuleException;

/**
 * A complaint, which moves through its states by its own methods and refuses any other move with a message that
 * says what is possible: received → acknowledged → investigating → resolution proposed → resolved (the customer
 * accepts) or reopened (the customer does not; then investigating or a new proposal) → closed (with its root cause);
 * withdrawn at any point before it is closed. While a resolution is proposed, or the handler is waiting for the
 * customer, the SLA clocks pause. Each change is recorded as an event of the complaint's history.
 */
public final class Complaint {
    private final Long id;
    private final String reference;
    private final long customerId;
    private final String orderId;
    private String category;
    private Severity severity;
    private ComplaintStatus status;
    private final String channel;
    private final String subject;
    private final String description;
    private String rootCause;
    private String resolution;
    private String department;
    private Long assigneeId;
    private final String trackingHash;
    private final String language;
    private final Instant receivedAt;
    private Instant acknowledgedAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private Instant waitingSince;
    private final String createdBy;
    private final long version;
    private final List<History> history = new ArrayList<>();

    /** One step of the complaint's history, recorded with the change. */
    public record History(Instant at, String actor, String kind, ComplaintStatus from, ComplaintStatus to,
                          String text, boolean internal) {
    }

    Complaint(Long id, String reference, long customerId, String orderId, String category, Severity severity,
              ComplaintStatus status, String channel, String subject, String description, String rootCause,
              String resolution, String department, Long assigneeId, String trackingHash, String language,
              Instant receivedAt, Instant acknowledgedAt, Instant resolvedAt, Instant closedAt, Instant waitingSince,
              String createdBy, long version) {
        this.id = id;
        this.reference = reference;
        this.customerId = customerId;
        this.orderId = orderId;
        this.category = category;
        this.severity = severity;
        this.status = status;
        this.channel = channel;
        this.subject = subject;
        this.description = description;
        this.rootCause = rootCause;
        this.resolution = resolution;
        this.department = department;
        this.assigneeId = assigneeId;
        this.trackingHash = trackingHash;
        this.language = language;
        this.receivedAt = receivedAt;
        this.acknowledgedAt = acknowledgedAt;
        this.resolvedAt = resolvedAt;
        this.closedAt = closedAt;
        this.waitingSince = waitingSince;
        this.createdBy = createdBy;
        this.version = version;
    }

    /** A new complaint, received now. */
    static Complaint receive(String reference, long customerId, String orderId, String category, Severity severity,
                             String channel, String subject, String description, String department,
                             String trackingHash, String language, Instant at, String by) {
        if (subject == null || subject.isBlank() || subject.strip().length() > 200) {
            throw new BusinessRuleException("subject", "a complaint needs a subject of at most 200 characters");
        }
        if (description == null || description.isBlank() || description.strip().length() > 8000) {
            throw new BusinessRuleException("description", "say what happened, in at most 8,000 characters");
        }
        Complaint c = new Complaint(null, reference, customerId, orderId, category, severity == null
                ? Severity.MEDIUM : severity, ComplaintStatus.RECEIVED, channel, subject.strip(),
                description.strip(), null, null, department, null, trackingHash, language, at, null, null, null,
                null, by, 0);
        c.history.add(new History(at, by, "STATE", null, ComplaintStatus.RECEIVED, null, false));
        return c;
    }

    public void acknowledge(String by, Instant at) {
        move(List.of(ComplaintStatus.RECEIVED), ComplaintStatus.ACKNOWLEDGED, by, at, null);
        acknowledgedAt = at;
    }

    public void investigate(String by, Instant at) {
        move(List.of(ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.REOPENED), ComplaintStatus.INVESTIGATING, by, at,
                null);
        if (acknowledgedAt == null) {
            acknowledgedAt = at;
        }
        stopWaiting(by, at);
    }

    /** Proposes a resolution to the customer, with its root cause; the clocks pause until the customer answers. */
    public void proposeResolution(String text, String rootCause, String by, Instant at) {
        if (text == null || text.isBlank()) {
            throw new BusinessRuleException("resolution", "say what is proposed to the customer");
        }
        if (rootCause == null || rootCause.isBlank()) {
            throw new BusinessRuleException("rootCause", "name the root cause: it is what the business learns");
        }
        move(List.of(ComplaintStatus.INVESTIGATING, ComplaintStatus.REOPENED), ComplaintStatus.RESOLUTION_PROPOSED,
                by, at, text.strip());
        resolution = text.strip();
        this.rootCause = rootCause.strip();
        startWaiting(by, at);
    }

    /** The customer accepts the proposed resolution (on the tracking page, or told staff so). */
    public void accept(String by, Instant at) {
        move(List.of(ComplaintStatus.RESOLUTION_PROPOSED), ComplaintStatus.RESOLVED, by, at, null);
        resolvedAt = at;
        stopWaiting(by, at);
    }

    /** The customer does not accept the resolution (or comes back before the complaint is closed). */
    public void reopen(String reason, String by, Instant at) {
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleException("reason", "say why the complaint is reopened");
        }
        move(List.of(ComplaintStatus.RESOLUTION_PROPOSED, ComplaintStatus.RESOLVED), ComplaintStatus.REOPENED, by,
                at, reason.strip());
        resolvedAt = null;
        stopWaiting(by, at);
    }

    public void close(String by, Instant at) {
        move(List.of(ComplaintStatus.RESOLVED), ComplaintStatus.CLOSED, by, at, null);
        closedAt = at;
    }

    public void withdraw(String reason, String by, Instant at) {
        if (status.terminal()) {
            throw refused(ComplaintStatus.WITHDRAWN);
        }
        stopWaiting(by, at);
        ComplaintStatus from = status;
        status = ComplaintStatus.WITHDRAWN;
        closedAt = at;
        history.add(new History(at, by, "STATE", from, status, reason == null || reason.isBlank() ? null
                : reason.strip(), false));
    }

    /** Waiting for the customer (more information, a visit): the SLA clocks pause. */
    public void waitForCustomer(String by, Instant at) {
        if (!List.of(ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.INVESTIGATING, ComplaintStatus.REOPENED)
                .contains(status)) {
            throw new BusinessRuleException("status", "only a complaint being handled can wait for the customer"
                    + " (it is " + label(status) + ")");
        }
        startWaiting(by, at);
    }

    private void startWaiting(String by, Instant at) {
        if (waitingSince == null) {
            waitingSince = at;
            history.add(new History(at, by, "WAITING", status, status, null, true));
        }
    }

    private void stopWaiting(String by, Instant at) {
        if (waitingSince != null) {
            waitingSince = null;
            history.add(new History(at, by, "RESUMED", status, status, null, true));
        }
    }

    /** The times the complaint waited for the customer, from its history (the last may still be open). */
    static List<io.fidelis.core.sla.Pause> pauses(List<History> history) {
        List<io.fidelis.core.sla.Pause> out = new ArrayList<>();
        Instant start = null;
        for (History h : history) {
            if (h.kind().equals("WAITING") && start == null) {
                start = h.at();
            } else if (h.kind().equals("RESUMED") && start != null) {
                out.add(new io.fidelis.core.sla.Pause(start, h.at()));
                start = null;
            }
        }
        if (start != null) {
            out.add(io.fidelis.core.sla.Pause.open(start));
        }
        return out;
    }

    /** A message from the customer: the clocks run again if they were waiting for it. */
    public void customerWrote(String text, Instant at) {
        if (status.terminal()) {
            throw new BusinessRuleException("status", "the complaint is " + label(status) + "; write a new one");
        }
        if (status != ComplaintStatus.RESOLUTION_PROPOSED) {
            stopWaiting("customer", at);
        }
        history.add(new History(at, "customer", "MESSAGE_IN", status, status, text, false));
    }

    /** A note: internal notes are never shown to the customer; others are messages to the customer. */
    public void note(String text, boolean internal, String by, Instant at) {
        if (text == null || text.isBlank()) {
            throw new BusinessRuleException("text", "an empty note");
        }
        history.add(new History(at, by, internal ? "NOTE" : "MESSAGE_OUT", status, status, text.strip(), internal));
    }

    public void reclassify(String category, Severity severity, String department, String by, Instant at) {
        if (status.terminal()) {
            throw new BusinessRuleException("status", "the complaint is " + label(status));
        }
        this.category = category;
        this.severity = severity;
        this.department = department;
        history.add(new History(at, by, "CLASSIFIED", status, status, category + " / " + severity, true));
    }

    public void assign(Long staffId, String staffName, String by, Instant at) {
        this.assigneeId = staffId;
        history.add(new History(at, by, "ASSIGNED", status, status, staffName, true));
    }

    private void move(List<ComplaintStatus> from, ComplaintStatus to, String by, Instant at, String text) {
        if (!from.contains(status)) {
            throw refused(to);
        }
        ComplaintStatus before = status;
        status = to;
        history.add(new History(at, by, "STATE", before, to, text, false));
    }

    private BusinessRuleException refused(ComplaintStatus to) {
        return new BusinessRuleException("status", "a complaint that is " + label(status) + " cannot become "
                + label(to) + "; from " + label(status) + " it can " + nextSteps());
    }

    /** What can happen next, in words, for messages. */
    String nextSteps() {
        return switch (status) {
            case RECEIVED -> "be acknowledged or withdrawn";
            case ACKNOWLEDGED -> "be investigated or withdrawn";
            case INVESTIGATING -> "get a proposed resolution or be withdrawn";
            case RESOLUTION_PROPOSED -> "be accepted by the customer (resolved), reopened or withdrawn";
            case RESOLVED -> "be closed or reopened";
            case REOPENED -> "be investigated again, get a new proposed resolution, or be withdrawn";
            case CLOSED, WITHDRAWN -> "not change any more";
        };
    }

    private static String label(ComplaintStatus s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The history recorded since it was loaded; the repository saves and clears it. */
    List<History> drainHistory() {
        List<History> out = List.copyOf(history);
        history.clear();
        return out;
    }

    public Long id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public long customerId() {
        return customerId;
    }

    public String orderId() {
        return orderId;
    }

    public String category() {
        return category;
    }

    public Severity severity() {
        return severity;
    }

    public ComplaintStatus status() {
        return status;
    }

    public String channel() {
        return channel;
    }

    public String subject() {
        return subject;
    }

    public String description() {
        return description;
    }

    public String rootCause() {
        return rootCause;
    }

    public String resolution() {
        return resolution;
    }

    public String department() {
        return department;
    }

    public Long assigneeId() {
        return assigneeId;
    }

    String trackingHash() {
        return trackingHash;
    }

    public String language() {
        return language;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant waitingSince() {
        return waitingSince;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }
}
