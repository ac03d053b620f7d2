package io.fidelis.app.survey;

import io.fidelis.app.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SurveysOnH2IT extends SurveyScenarios {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        mail(registry);
    }
}
