package io.fidelis.app.delivery;

import io.fidelis.app.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class DeliveriesOnPostgresIT extends DeliveryScenarios {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
