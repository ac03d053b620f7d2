package io.fidelis.app.supply;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Supply entry: the roles that see analytics (an account manager their own customers' figures). */
@Configuration
class SupplyNavigation {
    @Bean
    NavigationItem supplyNavigationEntry() {
        return new NavigationItem(27, "nav.supply", "/supply", Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER",
                "ANALYST"));
    }
}
