package io.fidelis.app.suggestion;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.survey.SurveyManagement;
import io.fidelis.app.visit.Contact;
import io.fidelis.app.visit.LoggingContacts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suggestions come in four ways: the customer's public page (no login; the order and the e-mail address or phone
 * number it was bought with identify them, as on the complaint form), a survey's free-text answer that staff turn into
 * a suggestion, a complaint that staff mark as a suggestion (read through the complaint capability's public API: the
 * complaint is not changed), and an account manager's visit or call (from the contact's needs and opinions). Each
 * names a product (SKU) or a product category; a product named brings its category. Staff see and act only for
 * customers they may see. Every suggestion is audited.
 */
@Service
public class ReceivingSuggestions {
    private final SuggestionRepository repository;
    private final CustomerManagement customers;
    private final PurchaseRecording purchases;
    private final HandlingComplaints complaints;
    private final SurveyManagement surveys;
    private final LoggingContacts contacts;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    ReceivingSuggestions(SuggestionRepository repository, CustomerManagement customers, PurchaseRecording purchases,
                         HandlingComplaints complaints, SurveyManagement surveys, LoggingContacts contacts,
                         CurrentStaff current, ApplicationEventPublisher events) {
        this.repository = repository;
        this.customers = customers;
        this.purchases = purchases;
        this.complaints = complaints;
        this.surveys = surveys;
        this.contacts = contacts;
        this.current = current;
        this.events = events;
    }

    /** From the public page: the order, the e-mail address or phone it was bought with, and the suggestion. */
    public record SuggestOnPublicPage(String orderId, String contact, String text, String sku, String category,
                                      String language) {
    }

    /** A complaint marked as a suggestion (its text, products and customer are taken from the complaint). */
    public record MarkComplaintAsSuggestion(String complaintReference, String subject) {
    }

    /** A survey's free-text answer made a suggestion, about a product or category staff name. */
    public record SuggestFromAnswer(String customerExternalId, long surveyId, String questionCode, String text,
                                    String subject) {
    }

    /** A visit's or call's needs and opinions (or what staff write) made a suggestion. */
    public record SuggestFromContact(String customerExternalId, long contactId, String text, String subject) {
    }

    /** Staff write down a suggestion the customer made elsewhere. */
    public record SuggestForCustomer(String customerExternalId, String text, String subject) {
    }

    @Transactional
    public long onPublicPage(SuggestOnPublicPage c) {
        String order = c.orderId() == null ? "" : c.orderId().strip();
        String given = c.contact() == null ? "" : c.contact().strip().toLowerCase(Locale.ROOT);
        Optional<CustomerRecord> customer = order.isEmpty() || given.isEmpty() ? Optional.empty()
                : purchases.customerOfOrder(order).flatMap(customers::recordForSystem).filter(r -> matches(r, given));
        if (customer.isEmpty()) {
            throw new BusinessRuleException("order", "we could not find that order with that e-mail address or phone"
                    + " number; please check both");
        }
        String category = c.category() == null || c.category().isBlank() ? null : c.category().strip();
        if (category != null && !purchases.categories().contains(category)) {
            category = null; // only the categories the page offers
        }
        String sku = c.sku() == null || c.sku().isBlank() ? null : c.sku().strip();
        if (sku != null) {
            PurchaseRecording.Product p = purchases.products().get(sku);
            if (p == null) {
                sku = null; // an unknown product number is not kept; the category still is
            } else if (category == null || category.isBlank()) {
                category = p.category();
            }
        }
        return store(Suggestion.receive(customer.get().id(), SuggestionSource.PUBLIC, null, c.text(), sku, category,
                c.language(), Instant.now(clock), "customer"), customer.get());
    }

    private static boolean matches(CustomerRecord c, String given) {
        if (c.email() != null && c.email().strip().toLowerCase(Locale.ROOT).equals(given)) {
            return true;
        }
        String digits = given.replaceAll("\\D", "");
        return c.phone() != null && digits.length() >= 6 && c.phone().replaceAll("\\D", "").endsWith(digits);
    }

    @Transactional
    public long fromComplaint(MarkComplaintAsSuggestion c) {
        HandlingComplaints.Details d = complaints.details(c.complaintReference());
        if (repository.exists(SuggestionSource.COMPLAINT, d.complaint().reference())) {
            throw new BusinessRuleException("complaint", "complaint " + d.complaint().reference() + " is already a"
                    + " suggestion");
        }
        CustomerRecord customer = customers.find(d.customer().externalId());
        Subject s = subject(c.subject());
        if (s.sku() == null && s.category() == null && !d.products().isEmpty()) {
            s = subject(d.products().get(0));
        }
        String text = d.complaint().subject() + " — " + d.complaint().description();
        if (text.length() > Suggestion.MAX_TEXT) {
            text = text.substring(0, Suggestion.MAX_TEXT - 1) + "…";
        }
        return store(Suggestion.receive(customer.id(), SuggestionSource.COMPLAINT, d.complaint().reference(), text,
                s.sku(), s.category(), d.complaint().language(), Instant.now(clock), current.actor()), customer);
    }

    @Transactional
    public long fromAnswer(SuggestFromAnswer c) {
        CustomerRecord customer = customers.find(c.customerExternalId());
        // The words are the customer's as stored, not as the form sent them; one suggestion per answer.
        SurveyManagement.TextAnswer answer = surveys.textAnswer(c.surveyId(), customer.id(), c.questionCode())
                .orElseThrow(() -> new BusinessRuleException("answer", customer.externalId() + " gave no answer in"
                        + " words to question " + c.questionCode() + " of survey " + c.surveyId()));
        String ref = "survey:" + c.surveyId() + ":" + c.questionCode() + ":" + answer.responseId();
        if (ref.length() > 100) {
            throw new BusinessRuleException("code", "no such question");
        }
        if (repository.exists(SuggestionSource.SURVEY, ref)) {
            throw new BusinessRuleException("answer", "a suggestion was made from this answer already");
        }
        Subject s = subject(c.subject());
        String text = answer.text().length() > Suggestion.MAX_TEXT
                ? answer.text().substring(0, Suggestion.MAX_TEXT - 1) + "…" : answer.text();
        return store(Suggestion.receive(customer.id(), SuggestionSource.SURVEY, ref, text, s.sku(), s.category(),
                surveys.languageOf(customer.id()).orElse("en"), Instant.now(clock), current.actor()), customer);
    }

    @Transactional
    public long fromContact(SuggestFromContact c) {
        CustomerRecord customer = customers.find(c.customerExternalId());
        Contact contact = contacts.contactsOf(customer.externalId(), 1000).stream()
                .filter(x -> x.id() == c.contactId()).findFirst()
                .orElseThrow(() -> new NotFoundException("no contact " + c.contactId() + " of " + customer.externalId()));
        String text = c.text() != null && !c.text().isBlank() ? c.text()
                : java.util.stream.Stream.of(contact.needs(), contact.opinions()).filter(x -> x != null && !x.isBlank())
                .reduce((a, b) -> a + " — " + b).orElse(contact.notes());
        Subject s = subject(c.subject());
        return store(Suggestion.receive(customer.id(), SuggestionSource.VISIT, "contact:" + contact.id(), text,
                s.sku(), s.category(), surveys.languageOf(customer.id()).orElse("en"), Instant.now(clock),
                current.actor()), customer);
    }

    @Transactional
    public long forCustomer(SuggestForCustomer c) {
        CustomerRecord customer = customers.find(c.customerExternalId());
        Subject s = subject(c.subject());
        return store(Suggestion.receive(customer.id(), SuggestionSource.STAFF, null, c.text(), s.sku(), s.category(),
                surveys.languageOf(customer.id()).orElse("en"), Instant.now(clock), current.actor()), customer);
    }

    /** A product and its category, or a category alone. */
    record Subject(String sku, String category) {
    }

    /** What staff typed: a product's SKU (which brings its category), else a category by name. */
    Subject subject(String given) {
        if (given == null || given.isBlank()) {
            return new Subject(null, null);
        }
        String g = given.strip();
        PurchaseRecording.Product p = purchases.products().get(g);
        if (p != null) {
            return new Subject(p.sku(), p.category());
        }
        String category = purchases.categories().stream().filter(x -> x.equalsIgnoreCase(g)).findFirst().orElse(g);
        return new Subject(null, category);
    }

    private long store(Suggestion s, CustomerRecord customer) {
        long id = repository.insert(s);
        events.publishEvent(new AuditableChange(s.createdBy(), "suggestion", Long.toString(id), "create", null,
                AuditableChange.json("customer", customer.externalId(), "source", s.source().name(), "sourceRef",
                        s.sourceRef(), "sku", s.sku(), "category", s.category(), "text", s.text())));
        return id;
    }
}
