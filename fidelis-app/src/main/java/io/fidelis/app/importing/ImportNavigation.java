package io.fidelis.app.importing;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The import entry of the workspace navigation, for the roles that may import. */
@Configuration
class ImportNavigation {
    @Bean
    NavigationItem importNavigationEntry() {
        return new NavigationItem(80, "nav.import", "/imports", Set.of("ADMIN", "MANAGER"));
    }
}
