package io.fidelis.app.survey;

import java.util.List;

/** A problem with one question's answer: a message key of the public page and its arguments. */
public record AnswerProblem(String code, String messageKey, List<Object> args) {
    public AnswerProblem {
        args = List.copyOf(args);
    }
}
