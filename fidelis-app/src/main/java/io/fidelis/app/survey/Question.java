package io.fidelis.app.survey;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One question of a survey, in English and Chinese.
 *
 * @param code         a stable name for the answer (CSV column, skip logic, ECSI item such as CUSA1)
 * @param choicesEn    the choices of a single or multiple choice, in the same order as {@code choicesZh}
 * @param showIfCode   skip logic: ask only when the answer to this question…
 * @param showIfValues …is one of these (for a multiple choice: contains one of them)
 * @param construct    the ECSI/ACSI construct of a rating item, or {@code null}
 */
public record Question(String code, QuestionType type, boolean required, String textEn, String textZh,
                       List<String> choicesEn, List<String> choicesZh, String showIfCode, Set<String> showIfValues,
                       String construct) {
    public Question {
        if (code == null || !code.matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("a question code is a letter then letters, digits or _ (at most 40),"
                    + " got '" + code + "'");
        }
        if (type == null) {
            throw new IllegalArgumentException("question " + code + " needs a type");
        }
        if (textEn == null || textEn.isBlank()) {
            throw new IllegalArgumentException("question " + code + " needs an English text");
        }
        textZh = textZh == null || textZh.isBlank() ? textEn : textZh;
        if (textEn.length() > 1000 || textZh.length() > 1000) {
            throw new IllegalArgumentException("question " + code + ": a question has at most 1,000 characters");
        }
        choicesEn = choicesEn == null ? List.of() : List.copyOf(choicesEn);
        choicesZh = choicesZh == null || choicesZh.size() != choicesEn.size() ? choicesEn : List.copyOf(choicesZh);
        if (type.choice() && choicesEn.size() < 2) {
            throw new IllegalArgumentException("question " + code + " needs at least two choices");
        }
        showIfCode = showIfCode == null || showIfCode.isBlank() ? null : showIfCode.strip();
        showIfValues = showIfValues == null || showIfCode == null ? Set.of() : Set.copyOf(showIfValues);
        construct = construct == null || construct.isBlank() ? null : construct.strip();
        if (String.join("\n", choicesEn).length() > 4000 || String.join("\n", choicesZh).length() > 4000) {
            throw new IllegalArgumentException("question " + code + ": the choices have at most 4,000 characters");
        }
        if (String.join(",", showIfValues).length() > 200 || (showIfCode != null && showIfCode.length() > 40)
                || (construct != null && construct.length() > 20)) {
            throw new IllegalArgumentException("question " + code + ": the skip logic or construct is too long");
        }
    }

    /** A plain question without choices, skip logic or construct. */
    static Question of(String code, QuestionType type, boolean required, String en, String zh) {
        return new Question(code, type, required, en, zh, null, null, null, null, null);
    }

    /** A single or multiple choice. */
    static Question choice(String code, QuestionType type, boolean required, String en, String zh,
                           List<String> choicesEn, List<String> choicesZh) {
        return new Question(code, type, required, en, zh, choicesEn, choicesZh, null, null, null);
    }

    Question withConstruct(String c) {
        return new Question(code, type, required, textEn, textZh, choicesEn, choicesZh, showIfCode, showIfValues, c);
    }

    Question showIf(String otherCode, String... values) {
        return new Question(code, type, required, textEn, textZh, choicesEn, choicesZh, otherCode,
                Set.of(values), construct);
    }

    Question withChoices(List<String> en, List<String> zh) {
        return new Question(code, type, required, textEn, textZh, en, zh, showIfCode, showIfValues, construct);
    }

    public String text(String language) {
        return SurveyLanguage.isChinese(language) ? textZh : textEn;
    }

    public List<String> choices(String language) {
        return SurveyLanguage.isChinese(language) ? choicesZh : choicesEn;
    }

    /** Whether the question is asked, given the answers so far (code → raw values). */
    public boolean shownGiven(Map<String, List<String>> answers) {
        if (showIfCode == null) {
            return true;
        }
        List<String> given = answers.getOrDefault(showIfCode, List.of());
        return given.stream().anyMatch(showIfValues::contains);
    }

    /** The skip-logic values as one comma-separated string, for forms. */
    public String showIfValuesText() {
        return showIfValues.stream().sorted().collect(Collectors.joining(","));
    }

    static Set<String> values(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
