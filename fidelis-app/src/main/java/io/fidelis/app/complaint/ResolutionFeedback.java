package io.fidelis.app.complaint;

import java.time.Instant;
import java.util.Optional;

/**
 * The customer's answer to the survey sent when their complaint was resolved, shown on the complaint's page. The
 * survey capability provides it (it sends that survey), so the complaint capability does not depend on surveys.
 */
public interface ResolutionFeedback {
    /** The answer for a complaint, if the customer was invited after it and answered. */
    Optional<Feedback> of(String complaintReference);

    /**
     * An answer: the survey's title in English and Chinese, when it came, the scores ("CSAT 5, RESOLVED 1") and any
     * free-text comment.
     */
    record Feedback(String survey, String surveyZh, Instant at, String scores, String comment) {
    }
}
