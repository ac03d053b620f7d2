package io.fidelis.app.survey;

import io.fidelis.app.shared.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerFilter;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.staff.StaffAccount;
import io.fidelis.app.staff.StaffDirectory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creating surveys from templates, editing them through the survey's own rules, opening and closing them, the kiosk
 * link, and inviting customers (with marketing consent, within the contact-frequency cap) or employees. Every change
 * is audited.
 */
@Service
public class SurveyManagement {
    private final SurveyRepository repository;
    private final CustomerManagement customers;
    private final StaffDirectory staff;
    private final CurrentStaff current;
    private final SurveyMail mail;
    private final SurveySettings settings;
    private final ApplicationEventPublisher events;
    private final tools.jackson.databind.json.JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    SurveyManagement(SurveyRepository repository, CustomerManagement customers, StaffDirectory staff,
                     CurrentStaff current, SurveyMail mail, SurveySettings settings,
                     ApplicationEventPublisher events, tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.repository = repository;
        this.customers = customers;
        this.staff = staff;
        this.current = current;
        this.mail = mail;
        this.settings = settings;
        this.events = events;
    }

    /** A survey in the list, with its invitations and responses so far. */
    public record SurveySummary(Survey survey, long invitations, long responses) {
    }

    @Transactional(readOnly = true)
    public List<SurveySummary> list() {
        Map<Long, long[]> counts = repository.counts();
        return repository.all().stream().map(s -> {
            long[] c = counts.getOrDefault(s.id(), new long[2]);
            return new SurveySummary(s, c[0], c[1]);
        }).toList();
    }

    @Transactional(readOnly = true)
    public Survey get(long id) {
        return repository.byId(id).orElseThrow(() -> new NotFoundException("no survey " + id));
    }

    public List<SurveyTemplate> templates() {
        return SurveyTemplates.all();
    }

    @Transactional
    public long create(String templateKey) {
        SurveyTemplate template = SurveyTemplates.byKey(templateKey)
                .orElseThrow(() -> new BusinessRuleException("template", "no survey template '" + templateKey + "'"));
        long id = repository.insert(Survey.draft(template, Instant.now(clock), current.actor()));
        audit(id, "create", null, templateKey);
        return id;
    }

    /** Title and introduction in both languages. */
    @Transactional
    public void reword(long id, long version, String titleEn, String titleZh, String introEn, String introZh) {
        change(id, version, "reword", s -> s.reword(titleEn, titleZh, introEn, introZh));
    }

    @Transactional
    public void schedule(long id, long version, int invitationDays, Integer afterPurchaseDays) {
        change(id, version, "schedule", s -> s.schedule(invitationDays, afterPurchaseDays));
    }

    @Transactional
    public void putQuestion(long id, long version, Question question) {
        change(id, version, "question " + question.code(), s -> s.putQuestion(question));
    }

    @Transactional
    public void removeQuestion(long id, long version, String code) {
        change(id, version, "remove question " + code, s -> s.removeQuestion(code));
    }

    @Transactional
    public void moveQuestion(long id, long version, String code, int delta) {
        change(id, version, "move question " + code, s -> s.moveQuestion(code, delta));
    }

    @Transactional
    public void open(long id, long version) {
        change(id, version, "open", Survey::open);
    }

    @Transactional
    public void close(long id, long version) {
        change(id, version, "close", Survey::close);
    }

    /** A new kiosk link (replacing the old one); returns its token. */
    @Transactional
    public String newPublicLink(long id, long version) {
        String token = SecretTokens.create();
        change(id, version, "public link", s -> s.publicLink(token));
        return token;
    }

    @Transactional
    public void withdrawPublicLink(long id, long version) {
        change(id, version, "withdraw public link", Survey::withdrawPublicLink);
    }

    private void change(long id, long version, String what, java.util.function.Consumer<Survey> action) {
        Survey s = get(id);
        if (s.version() != version) {
            throw new io.fidelis.app.shared.ConflictException("the survey was changed by someone else; reload and"
                    + " try again");
        }
        String before = json.writeValueAsString(summary(s));
        action.accept(s);
        repository.save(s);
        audit(id, what, before, json.writeValueAsString(summary(s)));
    }

    /** What an audit entry keeps of a survey: status, titles and the questions as they read. */
    private static Map<String, Object> summary(Survey s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("status", s.status().name());
        m.put("titleEn", s.titleEn());
        m.put("titleZh", s.titleZh());
        m.put("invitationDays", s.invitationDays());
        m.put("afterPurchaseDays", s.afterPurchaseDays());
        m.put("publicLink", s.kioskToken() != null);
        m.put("questions", s.questions().stream().map(q -> q.code() + " " + q.type() + (q.required() ? " required"
                : "") + ": " + q.textEn()).toList());
        return m;
    }

    private void audit(long id, String action, String before, String after) {
        events.publishEvent(new AuditableChange(current.actor(), "survey", Long.toString(id), action, before,
                after));
    }

    /** The link of a token, for e-mails and the page that shows links. */
    public String link(String token) {
        String base = settings.publicUrl().endsWith("/") ? settings.publicUrl().substring(0,
                settings.publicUrl().length() - 1) : settings.publicUrl();
        return base + "/s/" + token;
    }

    /**
     * What an invitation run did.
     *
     * @param links the new links with their recipients, shown to the sender when no mail server is configured
     */
    public record InvitationRun(int invited, int emailed, int noConsent, int noEmail, int recentlyContacted,
                                int alreadyInvited, boolean mailConfigured, List<Map.Entry<String, String>> links) {
    }

    /**
     * Invites the customers matching the filter (within the caller's scope): only those with marketing consent and
     * an e-mail address, not invited to this survey before, and not invited to any survey within the contact cap.
     */
    @Transactional
    public InvitationRun invite(long surveyId, CustomerFilter filter, String language) {
        Survey s = openSurvey(surveyId, Audience.CUSTOMER);
        List<CustomerRecord> chosen = new ArrayList<>();
        customers.export(filter, chosen::add);
        return inviteCustomers(s, chosen, SurveyLanguage.of(language), "manual");
    }

    /** Invites one customer (a rule: after a purchase); no-op reasons counted as for a run. */
    @Transactional
    public InvitationRun inviteForSystem(long surveyId, CustomerRecord customer, String reason) {
        Survey s = openSurvey(surveyId, Audience.CUSTOMER);
        return inviteCustomers(s, List.of(customer), SurveyLanguage.ENGLISH, reason);
    }

    private Survey openSurvey(long surveyId, Audience audience) {
        Survey s = get(surveyId);
        if (s.status() != SurveyStatus.OPEN) {
            throw new BusinessRuleException("status", "open the survey before inviting anyone");
        }
        if (s.audience() != audience) {
            throw new BusinessRuleException("audience", "this survey is for "
                    + s.audience().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "s");
        }
        return s;
    }

    private InvitationRun inviteCustomers(Survey s, List<CustomerRecord> chosen, String language, String reason) {
        repository.lock(s.id());
        java.util.Set<Long> invitedBefore = repository.invitedCustomers(s.id());
        Instant now = Instant.now(clock);
        Instant capStart = now.minus(Duration.ofDays(settings.contactCapDays()));
        Instant expires = now.plus(Duration.ofDays(s.invitationDays()));
        int invited = 0;
        int noConsent = 0;
        int noEmail = 0;
        int recent = 0;
        int already = 0;
        List<SurveyMail.Letter> letters = new ArrayList<>();
        List<Map.Entry<String, String>> links = new ArrayList<>();
        java.util.Set<Long> contacted = repository.contactedSince(capStart);
        // Each customer in their own language when they have answered before; else the language of the run.
        Map<Long, String> languages = repository.languages();
        List<String> invitedIds = new ArrayList<>();
        for (CustomerRecord c : chosen) {
            if (!c.marketingConsent()) {
                noConsent++;
            } else if (c.email() == null || c.email().isBlank()) {
                noEmail++;
            } else if (invitedBefore.contains(c.id())) {
                already++;
            } else if (contacted.contains(c.id())) {
                recent++;
            } else {
                contacted.add(c.id());
                invitedIds.add(c.externalId());
                String token = SecretTokens.create();
                String theirs = languages.getOrDefault(c.id(), language);
                long invitation = repository.insertInvitation(s.id(), c.id(), null, SecretTokens.hash(token), theirs,
                        reason, now, expires);
                invited++;
                letters.add(new SurveyMail.Letter(invitation, c.email(), c.name(), theirs, s.title(theirs),
                        s.intro(theirs), link(token), expires));
                if (links.size() < 200) {
                    links.add(Map.entry(c.externalId(), link(token)));
                }
            }
        }
        boolean configured = mail.configured();
        if (invited > 0) {
            Map<String, Object> what = new java.util.LinkedHashMap<>();
            what.put("invited", invited);
            what.put("reason", reason);
            what.put("customers", invitedIds.size() > 1000 ? invitedIds.subList(0, 1000) : invitedIds);
            events.publishEvent(new AuditableChange(current.actor(), "survey", Long.toString(s.id()), "invite",
                    null, json.writeValueAsString(what)));
            afterCommit(() -> mail.send(letters));
        }
        return new InvitationRun(invited, configured ? invited : 0, noConsent, noEmail, recent, already, configured,
                configured ? List.of() : links);
    }

    /**
     * After a complaint is resolved: invites the customer to the open complaint-resolution survey (the newest, if
     * several), with the same consent and contact rules, in the language they complained in (or the one they last
     * answered in); the invitation names the complaint, so its answer shows on the complaint's page. When the
     * business has no complaint-resolution survey at all, the built-in one is created from its template and opened
     * (by "system", audited); when it has one but closed it, nothing is sent and the result is empty.
     */
    @Transactional
    public java.util.Optional<InvitationRun> inviteAfterComplaint(long customerId, String complaintReference,
                                                                  String language) {
        return inviteWithBuiltIn("complaint-resolution", customerId,
                ComplaintResolutionFeedback.REASON + complaintReference, language);
    }

    /**
     * When a customer becomes lost: invites them to the open exit survey (reasons to choose from), as
     * {@link #inviteAfterComplaint} does with its survey: consent and the contact cap apply, a business without an
     * exit survey gets the built-in one, one that closed it is not surveyed.
     */
    @Transactional
    public java.util.Optional<InvitationRun> inviteToExitSurvey(long customerId, String reason) {
        return inviteWithBuiltIn("exit", customerId, reason, null);
    }

    private java.util.Optional<InvitationRun> inviteWithBuiltIn(String template, long customerId, String reason,
                                                                String language) {
        List<Survey> ofTemplate = repository.all().stream().filter(s -> s.template().equals(template)).toList();
        java.util.Optional<Survey> survey = ofTemplate.stream().filter(s -> s.status() == SurveyStatus.OPEN)
                .findFirst();
        if (ofTemplate.isEmpty()) {
            long id = create(template);
            open(id, get(id).version());
            survey = java.util.Optional.of(get(id));
        }
        if (survey.isEmpty()) {
            return java.util.Optional.empty();
        }
        Survey chosen = survey.get();
        return customers.recordForSystem(customerId).map(c -> inviteCustomers(chosen, List.of(c),
                SurveyLanguage.of(language), reason));
    }

    /** Invites every enabled staff member with an e-mail address to an employee survey. */
    @Transactional
    public InvitationRun inviteStaff(long surveyId, String language) {
        Survey s = openSurvey(surveyId, Audience.EMPLOYEE);
        repository.lock(s.id());
        Instant now = Instant.now(clock);
        Instant expires = now.plus(Duration.ofDays(s.invitationDays()));
        String lang = SurveyLanguage.of(language);
        int invited = 0;
        int noEmail = 0;
        List<SurveyMail.Letter> letters = new ArrayList<>();
        List<Map.Entry<String, String>> links = new ArrayList<>();
        for (StaffAccount a : staff.accounts()) {
            if (!a.enabled()) {
                continue;
            }
            if (a.email() == null || a.email().isBlank()) {
                noEmail++;
                continue;
            }
            String token = SecretTokens.create();
            // Employee answers are anonymous: the invitation is not linked to the staff member.
            long invitation = repository.insertInvitation(s.id(), null, null, SecretTokens.hash(token), lang, "staff",
                    now, expires);
            invited++;
            letters.add(new SurveyMail.Letter(invitation, a.email(), a.displayName(), lang, s.title(lang),
                    s.intro(lang), link(token), expires));
            // Not who got which link: employees answer anonymously.
            links.add(Map.entry("", link(token)));
        }
        boolean configured = mail.configured();
        if (invited > 0) {
            audit(s.id(), "invite staff", null, Integer.toString(invited));
            afterCommit(() -> mail.send(letters));
        }
        return new InvitationRun(invited, configured ? invited : 0, 0, noEmail, 0, 0, configured,
                configured ? List.of() : links);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /** A customer's answer in words to a question: the response it is part of, and the words. */
    public record TextAnswer(long responseId, String text) {
    }

    /**
     * The customer's latest answer in words to this question of this survey, as stored; empty when they gave none
     * (system use: other capabilities quote what the customer said, never what a form claims they said).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<TextAnswer> textAnswer(long surveyId, long customerId, String questionCode) {
        return repository.textAnswer(surveyId, customerId, questionCode == null ? "" : questionCode)
                .map(e -> new TextAnswer(e.getKey(), e.getValue()));
    }

    /**
     * The language a customer last answered a survey in, or was invited in ({@code en} or {@code zh-CN}); empty when
     * they never were. Other capabilities write to the customer in it (system use).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<String> languageOf(long customerId) {
        return repository.languageOf(customerId);
    }
}
