package io.fidelis.app.web;

import java.util.Set;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** The workspace shell: language resolution and the navigation entries that belong to no single capability. */
@Configuration
class WebConfiguration {
    private static final Set<String> ALL = Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER", "AGENT", "ANALYST");

    @Bean
    LocaleResolver localeResolver(PreferredLocales preferred) {
        return new UserLocaleResolver(preferred);
    }

    /**
     * No rewriting of links to static resources. Boot installs {@link ResourceUrlEncodingFilter} because the resource
     * chain is on (WebJars without versions in their URLs). With the static files served at {@code /**}, it looked up
     * every link a page renders ({@code /customers/…}, {@code /complaints/…}) on the class path, and caches only what
     * it finds: in the load test that was 40% of the time spent rendering pages. Fidelis uses no content-hash
     * versions, so the links need no rewriting; the WebJars are still resolved when they are requested.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(
                new ResourceUrlEncodingFilter());
        off.setEnabled(false);
        return off;
    }

    @Bean
    NavigationItem settingsNavigation() {
        return new NavigationItem(900, "nav.settings", "/settings", ALL);
    }
}
