package io.fidelis.app.suggestion;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.consent.ConsentChannel;
import io.fidelis.app.consent.CustomerConsents;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import io.fidelis.app.visit.LoggingContacts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When an improvement item is delivered, every customer who asked for it is told (seed 000: feed back in time,
 * instead of shirking): by e-mail in the language they wrote in, only if they consented to e-mail (no consent, no
 * e-mail; the notice records that, as it records a missing address or mail server); their account manager gets a
 * follow-up task to talk it over; the Customer 360 timeline shows "your suggestion led to …". It runs in the
 * delivery's transaction: if the delivery is not saved, nobody is told.
 */
@Component
class ClosingTheLoop {
    private final SuggestionRepository repository;
    private final CustomerManagement customers;
    private final CustomerConsents consents;
    private final StaffDirectory staff;
    private final LoggingContacts contacts;
    private final SuggestionMail mail;
    private final ApplicationEventPublisher events;
    private final SuggestionSettings settings;

    ClosingTheLoop(SuggestionRepository repository, CustomerManagement customers, CustomerConsents consents,
                   StaffDirectory staff, LoggingContacts contacts, SuggestionMail mail,
                   ApplicationEventPublisher events, SuggestionSettings settings) {
        this.repository = repository;
        this.customers = customers;
        this.consents = consents;
        this.staff = staff;
        this.contacts = contacts;
        this.mail = mail;
        this.events = events;
        this.settings = settings;
    }

    @EventListener
    void on(ImprovementDelivered delivered) {
        Map<Long, Suggestion> latest = new LinkedHashMap<>();
        repository.ofItem(delivered.itemId()).stream().sorted(Comparator.comparing(Suggestion::receivedAt))
                .forEach(s -> latest.put(s.customerId(), s));
        Map<Long, CustomerRecord> people = customers.recordsForSystem(latest.keySet());
        LocalDate due = LocalDate.ofInstant(delivered.at(), ZoneOffset.UTC).plusDays(settings.followUpDays());
        for (Suggestion s : latest.values()) {
            CustomerRecord c = people.get(s.customerId());
            if (c == null) {
                continue;
            }
            String outcome;
            if (!consents.allows(c.id(), ConsentChannel.EMAIL)) {
                outcome = "NO_CONSENT";
            } else if (c.email() == null || c.email().isBlank()) {
                outcome = "NO_ADDRESS";
            } else if (!mail.configured()) {
                outcome = "NO_MAIL";
            } else {
                outcome = "SENT";
            }
            Long task = null;
            Optional<StaffMember> manager = c.accountManager() == null ? Optional.empty()
                    : staff.byUsername(c.accountManager());
            if (manager.isPresent()) {
                String title = (s.language().startsWith("zh") ? "告知建议已落实：" : "Suggestion delivered, follow up: ")
                        + delivered.title();
                task = contacts.assignFollowUp(c.id(), manager.get().id(), title.length() > 300
                        ? title.substring(0, 299) + "…" : title, due, delivered.by());
            }
            repository.insertNotice(new SuggestionRepository.Notice(delivered.itemId(), c.id(), outcome,
                    s.language(), task, delivered.at()));
            events.publishEvent(new AuditableChange(delivered.by(), "suggestion", Long.toString(s.id()), "notify",
                    null, AuditableChange.json("customer", c.externalId(), "item", delivered.itemId(), "outcome",
                            outcome, "language", s.language(), "task", task)));
            if (outcome.equals("SENT")) {
                long item = delivered.itemId();
                long customer = c.id();
                mail.send(c.email(), c.name(), s.language(), delivered.title(), delivered.note(),
                        () -> repository.updateNoticeOutcome(item, customer, "FAILED"));
            }
        }
    }
}
