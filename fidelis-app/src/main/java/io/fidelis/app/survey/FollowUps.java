package io.fidelis.app.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.staff.StaffDirectory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The closed loop's tasks: an account manager sees and closes the follow-ups of their own customers; managers and
 * admins see all. Closing records who, when and what was done, and the time it took is measured.
 */
@Service
public class FollowUps {
    private final SurveyRepository repository;
    private final CustomerManagement customers;
    private final StaffDirectory staff;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    FollowUps(SurveyRepository repository, CustomerManagement customers, StaffDirectory staff, CurrentStaff current,
              ApplicationEventPublisher events) {
        this.repository = repository;
        this.customers = customers;
        this.staff = staff;
        this.current = current;
        this.events = events;
    }

    /** A follow-up as a page shows it. */
    public record FollowUp(long id, long surveyId, String customer, String customerName, String accountManager,
                           String reason, String detail, Instant createdAt, Instant dueAt, Instant closedAt,
                           String closedBy, String note, boolean overdue, Duration timeToClose) {
    }

    /**
     * Open follow-ups, by due date: an account manager's are those of the customers assigned to them now (a
     * customer handed to another manager takes their follow-ups along).
     */
    @Transactional(readOnly = true)
    public List<FollowUp> open() {
        return rows(visible(repository.followUps(Optional.empty(), true, 100_000), 500));
    }

    @Transactional(readOnly = true)
    public List<FollowUp> recentlyClosed() {
        return rows(visible(repository.followUps(Optional.empty(), false, 100_000), 100));
    }

    private List<SurveyRepository.FollowUpRow> visible(List<SurveyRepository.FollowUpRow> all, int limit) {
        Optional<java.util.Set<Long>> mine = customers.visibleIds();
        return all.stream().filter(f -> mine.isEmpty() || mine.get().contains(f.customerId())).limit(limit)
                .toList();
    }

    /** A customer's follow-ups, newest first; for the Customer 360, which shows only customers the caller sees. */
    @Transactional(readOnly = true)
    List<FollowUp> ofCustomer(long customerId) {
        return rows(repository.followUpsOfCustomer(customerId));
    }

    @Transactional
    public void close(long id, String note) {
        SurveyRepository.FollowUpRow row = repository.followUp(id)
                .orElseThrow(() -> new NotFoundException("no follow-up " + id));
        Optional<java.util.Set<Long>> mine = customers.visibleIds();
        if (mine.isPresent() && !mine.get().contains(row.customerId())) {
            throw new NotFoundException("no follow-up " + id);
        }
        if (note == null || note.isBlank()) {
            throw new BusinessRuleException("note", "say what was done to close the loop");
        }
        String trimmed = note.strip().length() > 2000 ? note.strip().substring(0, 2000) : note.strip();
        if (!repository.closeFollowUp(id, Instant.now(clock), current.actor(), trimmed)) {
            throw new BusinessRuleException("status", "this follow-up is closed already");
        }
        events.publishEvent(new AuditableChange(current.actor(), "follow-up", Long.toString(id), "close", null,
                trimmed));
    }

    List<FollowUp> rows(List<SurveyRepository.FollowUpRow> rows) {
        Instant now = Instant.now(clock);
        List<FollowUp> out = new ArrayList<>(rows.size());
        java.util.Map<Long, CustomerRecord> people = customers.recordsForSystem(rows.stream()
                .map(SurveyRepository.FollowUpRow::customerId).toList());
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        staff.list().forEach(m -> names.put(m.id(), m.username()));
        for (SurveyRepository.FollowUpRow r : rows) {
            Optional<CustomerRecord> c = Optional.ofNullable(people.get(r.customerId()));
            // The customer's account manager now (the one it was opened for, if the customer has none).
            String manager = c.map(CustomerRecord::accountManager)
                    .orElse(r.managerId() == null ? null : names.get(r.managerId()));
            out.add(new FollowUp(r.id(), r.surveyId(), c.map(CustomerRecord::externalId).orElse("?"),
                    c.map(CustomerRecord::name).orElse(null), manager, r.reason(), r.detail(), r.createdAt(),
                    r.dueAt(), r.closedAt(), r.closedBy(), r.note(),
                    r.closedAt() == null && r.dueAt().isBefore(now),
                    r.closedAt() == null ? null : Duration.between(r.createdAt(), r.closedAt())));
        }
        return out;
    }
}
