package io.fidelis.app.visit;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "My day": account managers' tasks, contacts and coverage (managers see their team's coverage too). */
@Configuration
class VisitNavigation {
    @Bean
    NavigationItem myDayNavigationEntry() {
        return new NavigationItem(5, "nav.myDay", "/my-day", Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER"));
    }
}
