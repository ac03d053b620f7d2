package io.fidelis.app.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.complaint.ResolutionFeedback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The answer to the resolution survey a complaint's customer was invited to, for the complaint's page. */
@Component
class ComplaintResolutionFeedback implements ResolutionFeedback {
    /** The invitation's reason for a resolved complaint: this prefix and the complaint's reference. */
    static final String REASON = "complaint-resolved:";

    private final SurveyRepository repository;

    ComplaintResolutionFeedback(SurveyRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Feedback> of(String complaintReference) {
        return repository.responseByReason(REASON + complaintReference).flatMap(r -> repository.byId(r.surveyId())
                .map(s -> {
                    Map<String, Answer> given = repository.answersOf(r.id());
                    List<String> scores = new ArrayList<>();
                    List<String> comments = new ArrayList<>();
                    for (Question q : s.questions()) {
                        Answer a = given.get(q.code());
                        if (a == null) {
                            continue;
                        }
                        if (a.number() != null && q.type().scale()) {
                            scores.add(q.code() + " " + a.number().stripTrailingZeros().toPlainString());
                        } else if (q.type() == QuestionType.TEXT && a.text() != null && !a.text().isBlank()) {
                            comments.add(a.text());
                        }
                    }
                    return new Feedback(s.titleEn(), s.titleZh(), r.submittedAt(), String.join(", ", scores),
                            String.join(" / ", comments));
                }));
    }
}
