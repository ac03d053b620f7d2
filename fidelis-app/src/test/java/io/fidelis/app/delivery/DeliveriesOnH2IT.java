package io.fidelis.app.delivery;

import io.fidelis.app.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class DeliveriesOnH2IT extends DeliveryScenarios {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
