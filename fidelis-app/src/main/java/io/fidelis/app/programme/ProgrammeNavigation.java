package io.fidelis.app.programme;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Programme entry: owner, managers and analysts (members, tiers, liability, rewards). */
@Configuration
class ProgrammeNavigation {
    @Bean
    NavigationItem programmeNavigationEntry() {
        return new NavigationItem(26, "nav.programme", "/programme", Set.of("ADMIN", "MANAGER", "ANALYST"));
    }
}
