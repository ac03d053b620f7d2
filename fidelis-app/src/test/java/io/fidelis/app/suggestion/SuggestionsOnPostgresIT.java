package io.fidelis.app.suggestion;

import io.fidelis.app.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SuggestionsOnPostgresIT extends SuggestionScenarios {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
        mail(registry);
    }
}
