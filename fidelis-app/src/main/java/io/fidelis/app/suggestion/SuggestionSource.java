package io.fidelis.app.suggestion;

/**
 * Where a suggestion came from: the customer's public page, a survey's free text, a complaint marked as a suggestion,
 * an account manager's visit (or call), or staff writing down what a customer said elsewhere.
 */
public enum SuggestionSource { PUBLIC, SURVEY, COMPLAINT, VISIT, STAFF }
