package io.fidelis.app.subscription;

import java.util.List;

/**
 * A customer's subscriptions with their churn score, as the API reports them.
 *
 * @param churnProbability the latest churn probability (null unless a current subscriber was scored)
 * @param factors          the factors that contribute most to it, in words, largest first
 */
public record CustomerSubscriptions(String customerId, List<SubscriptionRecord> subscriptions,
                                    Double churnProbability, List<String> factors) {
    public CustomerSubscriptions {
        subscriptions = List.copyOf(subscriptions);
        factors = List.copyOf(factors);
    }
}
