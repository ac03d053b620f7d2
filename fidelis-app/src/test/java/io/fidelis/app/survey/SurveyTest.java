package io.fidelis.app.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.core.pls.EcsiModel;
import org.junit.jupiter.api.Test;

/** The survey aggregate's rules, the answer sheet, the closed-loop policy and the templates. */
class SurveyTest {
    static Survey draft(String template) {
        return Survey.draft(SurveyTemplates.byKey(template).orElseThrow(), Instant.now(), "test");
    }

    @Test
    void aDraftOpensClosesAndReopensByItsOwnMethods() {
        Survey s = draft("relationship-nps");
        assertThatThrownBy(s::close).isInstanceOf(BusinessRuleException.class).hasMessageContaining("only an open");
        s.open();
        assertThat(s.status()).isEqualTo(SurveyStatus.OPEN);
        assertThatThrownBy(s::open).hasMessageContaining("already open");
        s.close();
        s.open();
        assertThat(s.status()).isEqualTo(SurveyStatus.OPEN);
    }

    @Test
    void questionsChangeOnlyInADraftButWordingAlways() {
        Survey s = draft("post-purchase-csat");
        s.putQuestion(Question.of("EXTRA", QuestionType.YES_NO, false, "Would you buy again?", "您会再买吗？"));
        s.moveQuestion("EXTRA", -10);
        assertThat(s.questions().get(0).code()).isEqualTo("EXTRA");
        s.open();
        assertThatThrownBy(() -> s.putQuestion(Question.of("MORE", QuestionType.TEXT, false, "More?", null)))
                .isInstanceOf(BusinessRuleException.class).hasMessageContaining("only while the survey is a draft");
        assertThatThrownBy(() -> s.removeQuestion("CSAT")).hasMessageContaining("draft");
        assertThatThrownBy(() -> s.putQuestion(Question.of("CSAT", QuestionType.CSAT, false,
                "How satisfied?", null))).as("making a question optional is more than wording")
                .hasMessageContaining("draft");
        s.putQuestion(Question.of("CSAT", QuestionType.CSAT, true, "All in all, how satisfied are you?", "总体满意吗？"));
        assertThat(s.question("CSAT").orElseThrow().textEn()).isEqualTo("All in all, how satisfied are you?");
    }

    @Test
    void skipLogicMustPointToAnEarlierQuestionAndCodesAreUnique() {
        Survey s = draft("custom");
        assertThatThrownBy(() -> s.putQuestion(Question.of("A", QuestionType.TEXT, false, "Why?", null)
                .showIf("LATER", "1"))).hasMessageContaining("must be an earlier question");
        assertThatThrownBy(() -> new Question("1BAD", QuestionType.TEXT, false, "x", null, null, null, null, null,
                null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Question("C", QuestionType.SINGLE, false, "Pick", null, List.of("only one"),
                null, null, null, null)).hasMessageContaining("two choices");
        s.schedule(30, 5);
        assertThat(s.afterPurchaseDays()).isEqualTo(5);
        assertThatThrownBy(() -> draft("employee-pulse").schedule(30, 5)).hasMessageContaining("customer survey");
    }

    @Test
    void theAnswerSheetAppliesRequiredRangesChoicesAndSkipLogic() {
        List<Question> q = SurveyTemplates.byKey("conscious-loyalty").orElseThrow().questions();
        // RESIST_OFFER is asked only after a competitor's offer (COMPETITOR_OFFER = 1).
        AnswerSheet.Read noOffer = AnswerSheet.read(q, Map.of("INTEND_REPURCHASE", List.of("9"),
                "COMPETITOR_OFFER", List.of("0"), "RESIST_OFFER", List.of("1")));
        assertThat(noOffer.valid()).isTrue();
        assertThat(noOffer.answers()).containsOnlyKeys("INTEND_REPURCHASE", "COMPETITOR_OFFER");
        AnswerSheet.Read offer = AnswerSheet.read(q, Map.of("INTEND_REPURCHASE", List.of("9"),
                "COMPETITOR_OFFER", List.of("1")));
        assertThat(offer.problems()).extracting(AnswerProblem::code, AnswerProblem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RESIST_OFFER", "survey.error.required"));
        AnswerSheet.Read outOfRange = AnswerSheet.read(q, Map.of("INTEND_REPURCHASE", List.of("11"),
                "COMPETITOR_OFFER", List.of("yes")));
        assertThat(outOfRange.problems()).extracting(AnswerProblem::messageKey)
                .containsExactly("survey.error.range", "survey.error.range");
        List<Question> exit = SurveyTemplates.byKey("exit").orElseThrow().questions();
        AnswerSheet.Read chosen = AnswerSheet.read(exit, Map.of("EXIT_REASON", List.of("4"), "COME_BACK",
                List.of("1"), "BRING_BACK", List.of("3", "0", "3")));
        assertThat(chosen.answers().get("EXIT_REASON").number()).isEqualByComparingTo("4");
        assertThat(chosen.answers().get("BRING_BACK").text()).isEqualTo("0,3");
        assertThat(AnswerSheet.read(exit, Map.of("EXIT_REASON", List.of("10"))).problems())
                .extracting(AnswerProblem::messageKey).containsExactly("survey.error.choice");
    }

    @Test
    void detractorsPoorCsatAndComplaintsAskForAFollowUpFromCustomersOnly() {
        List<Question> q = List.of(Question.of("NPS", QuestionType.NPS, true, "Recommend?", null),
                Question.of("CSAT", QuestionType.CSAT, true, "Satisfied?", null),
                Question.of("COMMENT", QuestionType.TEXT, false, "Anything?", null));
        List<String> words = new SurveySettings("x", "x", 30, 48, List.of("refund", "投诉"), 4, 8, 8, 12)
                .complaintWords();
        Map<String, Answer> unhappy = Map.of("NPS", Answer.of(6), "CSAT", Answer.of(2), "COMMENT",
                Answer.text("I want a REFUND now"));
        assertThat(FollowUpPolicy.reasons(Audience.CUSTOMER, q, unhappy, words)).extracting(FollowUpPolicy.Reason::code)
                .containsExactly("DETRACTOR", "LOW_CSAT", "COMPLAINT_TEXT");
        Map<String, Answer> happy = Map.of("NPS", Answer.of(7), "CSAT", Answer.of(3), "COMMENT",
                Answer.text("我要投诉".substring(0, 1)));
        assertThat(FollowUpPolicy.reasons(Audience.CUSTOMER, q, happy, words)).isEmpty();
        assertThat(FollowUpPolicy.reasons(Audience.CUSTOMER, q, Map.of("COMMENT", Answer.text("我要投诉")), words))
                .extracting(FollowUpPolicy.Reason::code).containsExactly("COMPLAINT_TEXT");
        assertThat(FollowUpPolicy.reasons(Audience.EMPLOYEE, q, unhappy, words)).isEmpty();
    }

    @Test
    void theEcsiTemplateAsksEveryItemOfTheEcsiModel() {
        // The item codes of the questionnaire are the indicator names of the built-in ECSI model (fidelis-core), so
        // the answers feed the satisfaction index without a mapping.
        Survey ecsi = draft("ecsi");
        Set<String> codes = new java.util.HashSet<>();
        ecsi.questions().forEach(q -> codes.add(q.code()));
        var model = EcsiModel.mobi();
        for (String construct : model.constructs()) {
            assertThat(codes).containsAll(model.items(construct));
            for (String item : model.items(construct)) {
                assertThat(ecsi.question(item).orElseThrow().construct()).isEqualTo(construct);
                assertThat(ecsi.question(item).orElseThrow().type()).isEqualTo(QuestionType.RATING);
            }
        }
        assertThat(codes).hasSize(24);
        assertThat(draft("acsi").questions()).noneMatch(q -> q.code().startsWith("IMAG"));
        // Every template has both languages for every question.
        for (SurveyTemplate t : SurveyTemplates.all()) {
            for (Question q : t.questions()) {
                assertThat(q.textZh()).as(t.key() + " " + q.code()).isNotEqualTo(q.textEn());
            }
        }
    }
}
