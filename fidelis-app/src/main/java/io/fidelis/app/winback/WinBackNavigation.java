package io.fidelis.app.winback;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Lost customers entry: owner, managers, account managers (their own customers) and analysts. */
@Configuration
class WinBackNavigation {
    @Bean
    NavigationItem lostCustomersNavigationEntry() {
        return new NavigationItem(22, "nav.lost", "/lost", Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER", "ANALYST"));
    }
}
