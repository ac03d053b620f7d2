package io.fidelis.app.winback;

import java.time.Instant;
import java.time.LocalDate;

import io.fidelis.app.shared.BusinessRuleException;

/**
 * A customer who became lost, and the account manager's attempt to win them back. Open, it holds a contact task due
 * on {@code dueOn}; the manager records why the customer left (a reason of the taxonomy), what they did, and a note;
 * it ends won back (a purchase followed within the window: the system settles that), declined, or unreachable. An
 * ended case does not change again.
 */
public final class LostCase {
    private final Long id;
    private final long customerId;
    private final Long managerId;
    private final Instant openedAt;
    private final LocalDate dueOn;
    private LostCaseStatus status;
    private String reason;
    private WinBackAction action;
    private String note;
    private Instant closedAt;
    private String closedBy;
    private final long version;

    LostCase(Long id, long customerId, Long managerId, Instant openedAt, LocalDate dueOn, LostCaseStatus status,
             String reason, WinBackAction action, String note, Instant closedAt, String closedBy, long version) {
        this.id = id;
        this.customerId = customerId;
        this.managerId = managerId;
        this.openedAt = openedAt;
        this.dueOn = dueOn;
        this.status = status;
        this.reason = reason;
        this.action = action;
        this.note = note;
        this.closedAt = closedAt;
        this.closedBy = closedBy;
        this.version = version;
    }

    static LostCase open(long customerId, Long managerId, Instant at, LocalDate dueOn) {
        return new LostCase(null, customerId, managerId, at, dueOn, LostCaseStatus.OPEN, null, null, null, null, null,
                0);
    }

    /** What the manager learnt and did; only while the case is open. */
    void record(String reason, WinBackAction action, String note) {
        requireOpen("record what was learnt");
        if (note != null && note.length() > 2000) {
            throw new BusinessRuleException("note", "the note is at most 2,000 characters");
        }
        this.reason = reason;
        this.action = action;
        this.note = note == null || note.isBlank() ? null : note.strip();
    }

    /** The customer will not come back, or could not be reached. */
    void end(LostCaseStatus outcome, String by, Instant at) {
        if (outcome != LostCaseStatus.DECLINED && outcome != LostCaseStatus.UNREACHABLE) {
            throw new BusinessRuleException("status", "a case is ended as declined or unreachable; won back comes"
                    + " from a purchase");
        }
        requireOpen("end it");
        this.status = outcome;
        this.closedAt = at;
        this.closedBy = by;
    }

    /** A purchase followed: the customer is won back. */
    void wonBack(Instant at) {
        requireOpen("mark it won back");
        this.status = LostCaseStatus.WON_BACK;
        this.closedAt = at;
        this.closedBy = "system";
    }

    private void requireOpen(String what) {
        if (status != LostCaseStatus.OPEN) {
            throw new BusinessRuleException("status", "the case is " + status.name().toLowerCase(java.util.Locale
                    .ROOT).replace('_', ' ') + "; an ended case cannot " + what);
        }
    }

    public Long id() {
        return id;
    }

    public long customerId() {
        return customerId;
    }

    public Long managerId() {
        return managerId;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public LocalDate dueOn() {
        return dueOn;
    }

    public LostCaseStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public WinBackAction action() {
        return action;
    }

    public String note() {
        return note;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }

    public long version() {
        return version;
    }
}
