package io.fidelis.app.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the raw values of a filled-in form against a survey's questions: skip logic decides which questions were
 * asked, a required question must be answered, a scale answer must be a whole number in its range, a choice must be
 * one of the choices. Answers to questions that were not asked are dropped. A small pure policy, tested on its own.
 */
final class AnswerSheet {
    /** Free text is kept to this many characters. */
    static final int MAX_TEXT = 4000;

    private AnswerSheet() {
    }

    record Read(Map<String, Answer> answers, List<AnswerProblem> problems, Map<String, List<String>> raw) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    static Read read(List<Question> questions, Map<String, List<String>> raw) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        List<AnswerProblem> problems = new ArrayList<>();
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (Question q : questions) {
            List<String> values = raw.getOrDefault(q.code(), List.of()).stream().map(String::strip)
                    .filter(v -> !v.isEmpty()).toList();
            if (!q.shownGiven(given)) {
                continue;
            }
            given.put(q.code(), values);
            if (values.isEmpty()) {
                if (q.required()) {
                    problems.add(new AnswerProblem(q.code(), "survey.error.required", List.of()));
                }
                continue;
            }
            switch (q.type()) {
                case TEXT -> {
                    String text = String.join(" ", values);
                    answers.put(q.code(), Answer.text(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text));
                }
                case MULTIPLE -> {
                    TreeSet<Integer> chosen = new TreeSet<>();
                    for (String v : values) {
                        Integer i = whole(v);
                        if (i == null || i < 0 || i >= q.choicesEn().size()) {
                            problems.add(new AnswerProblem(q.code(), "survey.error.choice", List.of()));
                            chosen = null;
                            break;
                        }
                        chosen.add(i);
                    }
                    if (chosen != null) {
                        answers.put(q.code(), Answer.text(String.join(",", chosen.stream().map(String::valueOf)
                                .toList())));
                        given.put(q.code(), chosen.stream().map(String::valueOf).toList());
                    }
                }
                case SINGLE -> {
                    Integer i = values.size() == 1 ? whole(values.get(0)) : null;
                    if (i == null || i < 0 || i >= q.choicesEn().size()) {
                        problems.add(new AnswerProblem(q.code(), "survey.error.choice", List.of()));
                    } else {
                        answers.put(q.code(), Answer.of(i));
                    }
                }
                default -> {
                    Integer n = values.size() == 1 ? whole(values.get(0)) : null;
                    if (n == null || n < q.type().min() || n > q.type().max()) {
                        problems.add(new AnswerProblem(q.code(), "survey.error.range", List.of(q.type().min(),
                                q.type().max())));
                    } else {
                        answers.put(q.code(), Answer.of(n));
                    }
                }
            }
        }
        return new Read(answers, problems, given);
    }

    private static Integer whole(String v) {
        if (v.length() > 3) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
