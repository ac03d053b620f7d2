package io.fidelis.app.suggestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fidelis.app.shared.BusinessRuleException;

/**
 * A product improvement on the backlog, grouping related suggestions (seed 003's detachable sofas). It moves
 * new → under review → planned → delivered, or is declined with a reason from any open status; a declined item may
 * be reconsidered (back under review). It guards its own moves: an illegal one throws, a legal one registers an
 * {@link ImprovementStatusChanged} event, and delivery an {@link ImprovementDelivered} too.
 */
public final class ImprovementItem {
    static final int MAX_TITLE = 200;
    private final Long id;
    private String title;
    private String description;
    private ImprovementStatus status;
    private String declineReason;
    private Instant deliveredAt;
    private String deliveryNote;
    private final Instant createdAt;
    private final String createdBy;
    private Instant updatedAt;
    private final long version;
    private final List<Object> events = new ArrayList<>();

    ImprovementItem(Long id, String title, String description, ImprovementStatus status, String declineReason,
                    Instant deliveredAt, String deliveryNote, Instant createdAt, String createdBy, Instant updatedAt,
                    long version) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.status = status;
        this.declineReason = declineReason;
        this.deliveredAt = deliveredAt;
        this.deliveryNote = deliveryNote;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    static ImprovementItem open(String title, String description, String by, Instant at) {
        return new ImprovementItem(null, title(title), text(description, 4000, "description"), ImprovementStatus.NEW,
                null, null, null, at, by, at, 0);
    }

    private static String title(String t) {
        String s = t == null ? "" : t.strip();
        if (s.isEmpty() || s.length() > MAX_TITLE) {
            throw new BusinessRuleException("title", "an item needs a title of at most " + MAX_TITLE + " characters");
        }
        return s;
    }

    private static String text(String s, int max, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.strip().length() > max) {
            throw new BusinessRuleException(field, field + " is at most " + max + " characters");
        }
        return s.strip();
    }

    /** Renames it or changes its description, while it is not delivered. */
    void describe(String title, String description, Instant at) {
        if (status == ImprovementStatus.DELIVERED) {
            throw new BusinessRuleException("status", "a delivered item is not changed");
        }
        this.title = title(title);
        this.description = text(description, 4000, "description");
        this.updatedAt = at;
    }

    /** Someone looks into it. */
    void review(String by, Instant at) {
        move(ImprovementStatus.NEW, ImprovementStatus.UNDER_REVIEW, by, at);
    }

    /** It is decided and planned. */
    void plan(String by, Instant at) {
        move(ImprovementStatus.UNDER_REVIEW, ImprovementStatus.PLANNED, by, at);
    }

    /** It arrived: the customers who asked are to be told. */
    void deliver(String note, String by, Instant at) {
        String n = text(note, 2000, "note");
        move(ImprovementStatus.PLANNED, ImprovementStatus.DELIVERED, by, at);
        this.deliveredAt = at;
        this.deliveryNote = n;
        events.add(new ImprovementDelivered(id, title, n, at, by));
    }

    /** Not done, and why; from any open status. */
    void decline(String reason, String by, Instant at) {
        String r = text(reason, 1000, "reason");
        if (r == null) {
            throw new BusinessRuleException("reason", "say why the item is declined");
        }
        if (status.settled()) {
            throw illegal(ImprovementStatus.DECLINED);
        }
        ImprovementStatus from = status;
        this.status = ImprovementStatus.DECLINED;
        this.declineReason = r;
        this.updatedAt = at;
        events.add(new ImprovementStatusChanged(id, from, status, at, by));
    }

    /** A declined item is looked at again. */
    void reconsider(String by, Instant at) {
        move(ImprovementStatus.DECLINED, ImprovementStatus.UNDER_REVIEW, by, at);
        this.declineReason = null;
    }

    private void move(ImprovementStatus from, ImprovementStatus to, String by, Instant at) {
        if (status != from) {
            throw illegal(to);
        }
        this.status = to;
        this.updatedAt = at;
        events.add(new ImprovementStatusChanged(id, from, to, at, by));
    }

    private BusinessRuleException illegal(ImprovementStatus to) {
        return new BusinessRuleException("status", "the item is " + name(status) + "; it cannot become " + name(to));
    }

    static String name(ImprovementStatus s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The events registered since the last call, which the caller publishes after saving. */
    List<Object> takeEvents() {
        List<Object> out = List.copyOf(events);
        events.clear();
        return out;
    }

    public Long id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public ImprovementStatus status() {
        return status;
    }

    public String declineReason() {
        return declineReason;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public String deliveryNote() {
        return deliveryNote;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
