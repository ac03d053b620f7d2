package io.fidelis.app.support;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Database settings for tests: H2 in memory, or a fresh database on embedded PostgreSQL; one per context. */
public final class Databases {
    private Databases() {
    }

    public static void h2(DynamicPropertyRegistry registry) {
        String name = "test-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("fidelis.security.admin-password", () -> "admin-test-password");
        registry.add("fidelis.data-dir", () -> "target/test-data/" + name);
    }

    public static void postgres(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgresSupport.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("fidelis.security.admin-password", () -> "admin-test-password");
        String dataDir = "target/test-data/" + UUID.randomUUID(); // once: the supplier is asked on every lookup
        registry.add("fidelis.data-dir", () -> dataDir);
    }
}
