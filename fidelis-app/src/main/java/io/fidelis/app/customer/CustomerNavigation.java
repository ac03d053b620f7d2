package io.fidelis.app.customer;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The customers entry of the workspace navigation: every role may look customers up (within its scope). */
@Configuration
class CustomerNavigation {
    @Bean
    NavigationItem customersNavigation() {
        return new NavigationItem(10, "nav.customers", "/customers",
                Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER", "AGENT", "ANALYST"));
    }
}
