package io.fidelis.app.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** The workspace shell: language resolution and the navigation entries that belong to no single capability. */
@Configuration
class WebConfiguration {
    private static final Set<String> ALL = Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER", "AGENT", "ANALYST");

    @Bean
    LocaleResolver localeResolver(PreferredLocales preferred) {
        return new UserLocaleResolver(preferred);
    }

    @Bean
    NavigationItem settingsNavigation() {
        return new NavigationItem(900, "nav.settings", "/settings", ALL);
    }
}
