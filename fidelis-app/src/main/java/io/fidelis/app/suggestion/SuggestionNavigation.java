package io.fidelis.app.suggestion;

import java.util.List;
import java.util.Set;

import io.fidelis.app.web.DashboardCard;
import io.fidelis.app.web.DashboardCards;
import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Improvements entry (those who see analytics) and the backlog's card on the overview dashboard. */
@Configuration
class SuggestionNavigation {
    @Bean
    NavigationItem improvementsNavigationEntry() {
        return new NavigationItem(24, "nav.improvements", "/improvements", Set.of("ADMIN", "MANAGER",
                "ACCOUNT_MANAGER", "ANALYST"));
    }

    @Bean
    DashboardCards improvementsDashboardCard(ManagingImprovements improvements) {
        return () -> {
            ManagingImprovements.Counts c = improvements.counts();
            return List.of(new DashboardCard("card-improvements", Integer.toString(c.open()),
                    "overview.improvements", List.of(c.deliveredThisYear(), c.ungrouped()), "/improvements"));
        };
    }
}
