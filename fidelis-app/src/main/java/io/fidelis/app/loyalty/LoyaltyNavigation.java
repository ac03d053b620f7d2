package io.fidelis.app.loyalty;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Loyalty entry of the navigation: for the roles that read analytics. */
@Configuration
class LoyaltyNavigation {
    @Bean
    NavigationItem loyaltyNavigationEntry() {
        return new NavigationItem(20, "nav.loyalty", "/loyalty", Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER",
                "ANALYST"));
    }
}
