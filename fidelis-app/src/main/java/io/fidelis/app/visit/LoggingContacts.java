package io.fidelis.app.visit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.complaint.Severity;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.staff.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account managers log their calls, visits, e-mails and meetings with a customer (seed 000): notes, the needs
 * captured, the opinions heard; a complaint heard becomes a complaint in one step; a follow-up gets a due date and
 * lands in the manager's day. Only customers the caller may see. Every change is audited.
 */
@Service
public class LoggingContacts {
    private final VisitRepository repository;
    private final CustomerManagement customers;
    private final HandlingComplaints complaints;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    LoggingContacts(VisitRepository repository, CustomerManagement customers, HandlingComplaints complaints,
                    CurrentStaff current, ApplicationEventPublisher events) {
        this.repository = repository;
        this.customers = customers;
        this.complaints = complaints;
        this.current = current;
        this.events = events;
    }

    /**
     * A contact to log. {@code at} defaults to now; {@code raiseComplaint} files the opinions (or notes) as a
     * complaint in {@code complaintCategory}; a {@code followUp} title needs its due day.
     */
    public record LogContact(ContactKind kind, Instant at, String notes, String needs, String opinions,
                             boolean raiseComplaint, String complaintCategory, String followUp, LocalDate followUpDue) {
    }

    /** What logging made: the contact, the complaint's reference and the follow-up task, when made. */
    public record Logged(long contactId, String complaintReference, Long taskId) {
    }

    @Transactional
    public Logged log(String customerExternalId, LogContact c) {
        CustomerRecord customer = customers.find(customerExternalId);
        StaffMember me = current.get().orElseThrow(() -> new BusinessRuleException("staff", "sign in to log a"
                + " contact"));
        Instant now = Instant.now(clock);
        if (c.kind() == null) {
            throw new BusinessRuleException("kind", "say how you were in touch: call, visit, e-mail or meeting");
        }
        Instant at = c.at() == null ? now : c.at();
        if (at.isAfter(now.plus(Duration.ofHours(1)))) {
            throw new BusinessRuleException("at", "a contact cannot be in the future; plan it as a follow-up");
        }
        String notes = text(c.notes(), 4000, "notes");
        String needs = text(c.needs(), 2000, "needs");
        String opinions = text(c.opinions(), 2000, "opinions");
        String followUp = text(c.followUp(), 300, "followUp");
        if (followUp != null && c.followUpDue() == null) {
            throw new BusinessRuleException("followUpDue", "a follow-up needs the day it is due");
        }
        if (followUp != null && c.followUpDue().isBefore(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC))) {
            throw new BusinessRuleException("followUpDue", "a follow-up cannot be due in the past");
        }
        if (c.raiseComplaint() && opinions == null && notes == null) {
            throw new BusinessRuleException("opinions", "write down what the customer complained about");
        }
        long id = repository.insertContact(customer.id(), me.id(), c.kind(), at, notes, needs, opinions, now,
                me.username());
        events.publishEvent(new AuditableChange(me.username(), "contact", Long.toString(id), "create", null,
                AuditableChange.json("customer", customer.externalId(), "kind", c.kind().name(), "at", at.toString(),
                        "notes", notes, "needs", needs, "opinions", opinions)));
        String reference = null;
        if (c.raiseComplaint()) {
            String what = opinions != null ? opinions : notes;
            String subject = what.length() <= 80 ? what : what.substring(0, 77) + "…";
            reference = complaints.fileForCustomer(customer.externalId(), new HandlingComplaints.FileComplaint(null,
                    c.complaintCategory() == null || c.complaintCategory().isBlank() ? "OTHER"
                            : c.complaintCategory(), Severity.MEDIUM, subject, what, List.of(), "en"),
                    "STAFF").reference();
            repository.linkComplaint(id, reference);
        }
        Long task = null;
        if (followUp != null) {
            task = repository.insertTask(customer.id(), me.id(), followUp, c.followUpDue(), id, now, me.username());
            events.publishEvent(new AuditableChange(me.username(), "task", Long.toString(task), "create", null,
                    AuditableChange.json("customer", customer.externalId(), "title", followUp, "due",
                            c.followUpDue().toString())));
        }
        return new Logged(id, reference, task);
    }

    /**
     * A follow-up the system sets for an account manager (such as "tell the customer their suggestion was
     * delivered"): for a customer, due on a day; audited as made by {@code by}. The task's id.
     */
    @Transactional
    public long assignFollowUp(long customerId, long assigneeId, String title, LocalDate due, String by) {
        String t = text(title, 300, "title");
        if (t == null || due == null) {
            throw new BusinessRuleException("title", "a follow-up needs a title and the day it is due");
        }
        long task = repository.insertTask(customerId, assigneeId, t, due, null, Instant.now(clock), by);
        events.publishEvent(new AuditableChange(by, "task", Long.toString(task), "create", null,
                AuditableChange.json("customerId", customerId, "title", t, "due", due.toString())));
        return task;
    }

    /** A customer's contacts, newest first (the caller may see the customer). */
    @Transactional(readOnly = true)
    public List<Contact> contactsOf(String customerExternalId, int limit) {
        return repository.contactsOf(customers.find(customerExternalId).id(), limit);
    }

    /** Marks one of the caller's follow-ups done, with what came of it. */
    @Transactional
    public void complete(long taskId, long version, String outcome) {
        StaffMember me = current.get().orElseThrow();
        FollowUpTask t = repository.task(taskId).orElseThrow(() -> new NotFoundException("no task " + taskId));
        // As in the day: an account manager completes the follow-ups on their customers (whoever they were given
        // to before a handover); anyone else the ones given to them.
        boolean theirs = me.role() == io.fidelis.app.staff.Role.ACCOUNT_MANAGER
                ? customers.recordForSystem(t.customerId()).map(c -> me.username().equals(c.accountManager()))
                .orElse(false)
                : t.assigneeId() == me.id();
        if (!theirs) {
            throw new NotFoundException("no task " + taskId);
        }
        repository.completeTask(taskId, version, Instant.now(clock), me.username(), text(outcome, 1000, "outcome"));
        events.publishEvent(new AuditableChange(me.username(), "task", Long.toString(taskId), "done", null,
                AuditableChange.json("outcome", outcome)));
    }

    private static String text(String s, int max, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.length() > max) {
            throw new BusinessRuleException(field, field + " is at most " + max + " characters");
        }
        return s.strip();
    }
}
