package io.fidelis.app.survey;

/** A survey was answered: by a customer (customerId set), an employee or a mystery shopper (customerId null). */
public record SurveyAnswered(long surveyId, long responseId, Long customerId) {
}
