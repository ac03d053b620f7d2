package io.fidelis.app.survey;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Surveys entry (those who run surveys and read results) and the Follow-ups entry (who calls customers back). */
@Configuration
class SurveyNavigation {
    @Bean
    NavigationItem surveysNavigationEntry() {
        return new NavigationItem(30, "nav.surveys", "/surveys", Set.of("ADMIN", "MANAGER", "ANALYST"));
    }

    @Bean
    NavigationItem satisfactionNavigationEntry() {
        return new NavigationItem(25, "nav.satisfaction", "/satisfaction", Set.of("ADMIN", "MANAGER", "ANALYST"));
    }

    @Bean
    NavigationItem followUpsNavigationEntry() {
        return new NavigationItem(35, "nav.followUps", "/follow-ups", Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER"));
    }
}
