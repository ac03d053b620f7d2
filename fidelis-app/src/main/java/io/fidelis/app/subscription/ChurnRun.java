package io.fidelis.app.subscription;

import java.time.Instant;

/**
 * What one fit of the subscription churn model did.
 *
 * @param fitted      whether a model was fitted (there must be enough subscribers and cancellations)
 * @param reason      why not, when not fitted
 * @param subscribers customers with a subscription
 * @param churned     of them, those whose every subscription has ended
 * @param scored      current subscribers given a probability
 * @param rocAuc      the cross-validated ROC AUC (NaN when not fitted)
 */
public record ChurnRun(boolean fitted, String reason, int subscribers, int churned, int scored, double rocAuc,
                       double seconds, Instant at) {
}
