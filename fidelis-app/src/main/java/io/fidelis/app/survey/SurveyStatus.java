package io.fidelis.app.survey;

/** A survey is drafted, then open for answers, then closed. */
public enum SurveyStatus {
    DRAFT, OPEN, CLOSED
}
