package io.fidelis.app.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the reading of a submitted survey form against every built-in template: any fields and values give
 * answers or problems to show on the form, never an exception; every answer belongs to a question that was asked,
 * and text is cut to its limit. In a normal build only the stored inputs run (regression mode).
 */
class SurveyAnswerFuzzTest {
    private static final List<SurveyTemplate> TEMPLATES = SurveyTemplates.all();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyFormGivesAnswersOrProblems(FuzzedDataProvider data) {
        SurveyTemplate t = TEMPLATES.get(data.consumeInt(0, TEMPLATES.size() - 1));
        Map<String, List<String>> raw = new LinkedHashMap<>();
        int fields = data.consumeInt(0, 12);
        for (int i = 0; i < fields; i++) {
            String code = data.consumeBoolean() && !t.questions().isEmpty()
                    ? t.questions().get(data.consumeInt(0, t.questions().size() - 1)).code()
                    : data.consumeString(20);
            List<String> values = new ArrayList<>();
            int n = data.consumeInt(0, 3);
            for (int v = 0; v < n; v++) {
                values.add(data.consumeBoolean() ? Integer.toString(data.consumeInt(-3, 12)) : data.consumeString(50));
            }
            raw.put(code, values);
        }
        if (data.consumeBoolean()) {
            raw.put(t.questions().get(0).code(), List.of(data.consumeRemainingAsString()));
        }
        AnswerSheet.Read read = AnswerSheet.read(t.questions(), raw);
        List<String> asked = t.questions().stream().map(Question::code).toList();
        assertThat(asked).containsAll(read.answers().keySet());
        read.problems().forEach(p -> assertThat(asked).contains(p.code()));
        read.answers().values().forEach(a -> {
            if (a.text() != null) {
                assertThat(a.text().length()).isLessThanOrEqualTo(AnswerSheet.MAX_TEXT);
            }
        });
    }
}
