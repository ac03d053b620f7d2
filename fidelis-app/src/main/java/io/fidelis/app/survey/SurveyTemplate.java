package io.fidelis.app.survey;

import java.util.List;

/** A ready-made questionnaire a survey starts from. */
public record SurveyTemplate(String key, Audience audience, String titleEn, String titleZh, String introEn,
                             String introZh, List<Question> questions) {
    public SurveyTemplate {
        questions = List.copyOf(questions);
    }
}
