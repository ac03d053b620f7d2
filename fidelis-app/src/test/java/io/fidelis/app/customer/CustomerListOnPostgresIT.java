package io.fidelis.app.customer;

import io.fidelis.app.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class CustomerListOnPostgresIT extends CustomerListScenarios {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
