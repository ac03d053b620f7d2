package io.fidelis.app.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * The surveys panel of the Customer 360: the customer's latest answers (NPS, CSAT and the like, with the survey)
 * and their follow-ups; and "answered survey …" in the timeline. The customer page calls it only for customers the
 * caller may see.
 */
@Component
class SurveysOnCustomerPage implements CustomerViewContribution {
    private final SurveyRepository repository;
    private final FollowUps followUps;

    SurveysOnCustomerPage(SurveyRepository repository, FollowUps followUps) {
        this.repository = repository;
        this.followUps = followUps;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String fragment() {
        return "survey/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        List<Map<String, Object>> answers = new ArrayList<>();
        Map<Long, Survey> surveys = new LinkedHashMap<>();
        for (SurveyRepository.StoredResponse r : repository.responsesOfCustomer(customer.id(), 10)) {
            Survey s = surveys.computeIfAbsent(r.surveyId(), id -> repository.byId(id).orElse(null));
            if (s == null) {
                continue;
            }
            StringBuilder scores = new StringBuilder();
            Map<String, Answer> given = repository.answersOf(r.id());
            for (Question q : s.questions()) {
                Answer a = given.get(q.code());
                if (a != null && a.number() != null && q.type().scale() && q.type() != QuestionType.YES_NO) {
                    if (scores.length() > 0) {
                        scores.append(", ");
                    }
                    scores.append(q.code()).append(' ').append(a.number().stripTrailingZeros().toPlainString());
                }
            }
            answers.add(Map.of("survey", s.titleEn(), "surveyZh", s.titleZh(), "surveyId", s.id(), "at",
                    r.submittedAt(), "scores", scores.toString()));
        }
        return Map.of("surveyAnswers", answers, "followUps", followUps.ofCustomer(customer.id()));
    }

    @Override
    public List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        List<TimelineEntry> out = new ArrayList<>();
        for (SurveyRepository.StoredResponse r : repository.responsesOfCustomer(customer.id(), limit)) {
            String title = repository.byId(r.surveyId()).map(Survey::titleEn).orElse("?");
            out.add(new TimelineEntry(r.submittedAt(), "survey", "timeline.survey", List.of(title), null));
        }
        return out;
    }
}
