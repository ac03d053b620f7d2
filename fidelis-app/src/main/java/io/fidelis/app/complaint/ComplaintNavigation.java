package io.fidelis.app.complaint;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Complaints entry: every role (an account manager sees their own customers' complaints). */
@Configuration
class ComplaintNavigation {
    @Bean
    NavigationItem complaintsNavigationEntry() {
        return new NavigationItem(15, "nav.complaints", "/complaints", Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER",
                "AGENT", "ANALYST"));
    }
}
