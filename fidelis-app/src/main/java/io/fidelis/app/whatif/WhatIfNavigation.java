package io.fidelis.app.whatif;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The What-if entry: the owner, managers and analysts. Retention economics is a decision about the whole business's
 * budget on a model of the whole customer base, so account managers and agents do not see it.
 */
@Configuration
class WhatIfNavigation {
    /** The roles that may run the what-if (as {@code SecurityConfiguration} allows them). */
    static final Set<String> ROLES = Set.of("ADMIN", "MANAGER", "ANALYST");

    @Bean
    NavigationItem whatIfNavigationEntry() {
        return new NavigationItem(22, "nav.whatif", "/whatif", ROLES);
    }
}
