package io.fidelis.app.survey;

import io.fidelis.app.shared.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answering a survey through its public page, without a login: by an invitation's single-use token or by the
 * survey's kiosk link. An invitation is answered once (a second submission is refused, kindly), and not after it
 * expires or the survey closes. A customer's answer that asks for a call back creates a follow-up task for their
 * account manager.
 */
@Service
public class RecordingResponses {
    private final SurveyRepository repository;
    private final CustomerManagement customers;
    private final StaffDirectory staff;
    private final SurveySettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    RecordingResponses(SurveyRepository repository, CustomerManagement customers, StaffDirectory staff,
                       SurveySettings settings, ApplicationEventPublisher events) {
        this.repository = repository;
        this.customers = customers;
        this.staff = staff;
        this.settings = settings;
        this.events = events;
    }

    /** Where a link stands. */
    public enum State {
        /** Ready to be answered. */
        OPEN,
        /** This invitation was answered already. */
        ANSWERED,
        EXPIRED,
        /** The survey is not open (a draft, or closed). */
        CLOSED,
        /** No such link. */
        UNKNOWN
    }

    /**
     * A link's survey and state, and the language to show it in.
     *
     * @param kiosk whether this is the survey's public kiosk link (answered any number of times)
     */
    public record Form(State state, Survey survey, String language, boolean kiosk) {
    }

    @Transactional(readOnly = true)
    public Form form(String token, String requestedLanguage) {
        if (!SecretTokens.wellFormed(token)) {
            return new Form(State.UNKNOWN, null, SurveyLanguage.of(requestedLanguage), false);
        }
        Optional<SurveyRepository.Invitation> invitation = repository.invitationByTokenHash(SecretTokens.hash(token));
        if (invitation.isPresent()) {
            SurveyRepository.Invitation i = invitation.get();
            Survey s = repository.byId(i.surveyId()).orElseThrow();
            String language = requestedLanguage != null ? SurveyLanguage.of(requestedLanguage) : i.language();
            State state = i.answeredAt() != null ? State.ANSWERED
                    : s.status() != SurveyStatus.OPEN ? State.CLOSED
                    : i.expiresAt().isBefore(Instant.now(clock)) ? State.EXPIRED : State.OPEN;
            return new Form(state, s, language, false);
        }
        Optional<Survey> kiosk = repository.byKioskToken(token);
        if (kiosk.isPresent()) {
            Survey s = kiosk.get();
            return new Form(s.status() == SurveyStatus.OPEN ? State.OPEN : State.CLOSED, s,
                    SurveyLanguage.of(requestedLanguage), true);
        }
        return new Form(State.UNKNOWN, null, SurveyLanguage.of(requestedLanguage), false);
    }

    /**
     * The outcome of a submission: recorded (with the response id), or not, with the form's state and the problems
     * of each answer to show again.
     */
    public record Submission(State state, Form form, long responseId, List<AnswerProblem> problems,
                             Map<String, List<String>> raw) {
        public boolean recorded() {
            return responseId > 0;
        }
    }

    @Transactional
    public Submission submit(String token, Map<String, List<String>> raw, String language) {
        Form form = form(token, language);
        if (form.state() != State.OPEN) {
            return new Submission(form.state(), form, 0, List.of(), raw);
        }
        Survey survey = form.survey();
        AnswerSheet.Read read = AnswerSheet.read(survey.questions(), raw);
        if (!read.valid()) {
            return new Submission(State.OPEN, form, 0, read.problems(), raw);
        }
        Instant now = Instant.now(clock);
        Long invitationId = null;
        Long customerId = null;
        String channel = "KIOSK";
        if (!form.kiosk()) {
            SurveyRepository.Invitation i = repository.invitationByTokenHash(SecretTokens.hash(token)).orElseThrow();
            if (!repository.claim(i.id(), now)) {
                // Answered in another tab a moment ago.
                return new Submission(State.ANSWERED, new Form(State.ANSWERED, survey, form.language(), false), 0,
                        List.of(), raw);
            }
            invitationId = i.id();
            customerId = i.customerId();
            channel = "EMAIL";
        }
        long responseId = repository.insertResponse(survey.id(), invitationId, customerId, null, channel,
                form.language(), now, read.answers());
        if (customerId != null) {
            repository.rememberLanguage(customerId, form.language(), now);
            followUps(survey, responseId, customerId, read.answers(), now);
        }
        events.publishEvent(new SurveyAnswered(survey.id(), responseId, customerId));
        return new Submission(State.ANSWERED, form, responseId, List.of(), raw);
    }

    /** Opens the follow-ups an answer asks for (the closed loop); also used by the demo load. */
    void followUps(Survey survey, long responseId, long customerId, Map<String, Answer> answers, Instant now) {
        List<FollowUpPolicy.Reason> reasons = FollowUpPolicy.reasons(survey.audience(), survey.questions(), answers,
                settings.complaintWords());
        if (reasons.isEmpty()) {
            return;
        }
        Long manager = customers.recordForSystem(customerId).map(CustomerRecord::accountManager)
                .flatMap(staff::byUsername).map(StaffMember::id).orElse(null);
        Instant due = now.plus(Duration.ofHours(settings.followUpHours()));
        for (FollowUpPolicy.Reason r : reasons) {
            repository.insertFollowUp(responseId, customerId, manager, r.code(), r.detail(), now, due);
        }
    }
}
