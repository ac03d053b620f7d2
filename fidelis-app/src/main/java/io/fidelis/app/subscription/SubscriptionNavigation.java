package io.fidelis.app.subscription;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The subscription churn model entry: the roles that see analytics. */
@Configuration
class SubscriptionNavigation {
    @Bean
    NavigationItem subscriptionChurnNavigationEntry() {
        return new NavigationItem(28, "nav.subscriptionChurn", "/subscriptions/churn", Set.of("ADMIN", "MANAGER",
                "ACCOUNT_MANAGER", "ANALYST"));
    }
}
