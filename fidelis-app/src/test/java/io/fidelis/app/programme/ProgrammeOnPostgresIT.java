package io.fidelis.app.programme;

import io.fidelis.app.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ProgrammeOnPostgresIT extends ProgrammeScenarios {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
