package io.fidelis.app.survey;

import io.fidelis.app.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SurveysOnPostgresIT extends SurveyScenarios {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
        mail(registry);
    }
}
