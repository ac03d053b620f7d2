package io.fidelis.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.fidelis.app.support.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away in the middle of work and comes back: the server answers 503 with a problem body and
 * Retry-After while it is away (to signed-in API calls too: the password cannot be checked, which is not a wrong
 * password), reports not ready, recovers by itself when it is back, and every write it acknowledged (201) is stored,
 * none that it refused. A PostgreSQL server of this test's own, stopped and started on the same port and files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageIT {
    static final Path DATA;
    static final int PG_PORT;
    static EmbeddedPostgres postgres;

    static {
        try {
            DATA = Files.createTempDirectory("fidelis-outage-");
            try (ServerSocket s = new ServerSocket(0)) {
                PG_PORT = s.getLocalPort();
            }
            postgres = start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static EmbeddedPostgres start() throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(DATA.resolve("pg")).setCleanDataDirectory(false)
                .setPort(PG_PORT).start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("fidelis.security.admin-password", () -> "admin-test-password");
        registry.add("fidelis.data-dir", () -> DATA.resolve("files").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @LocalServerPort
    int port;

    HttpResponse<String> purchase(Http api, String order) {
        return api.post("/api/v1/customers/OUT-1/purchases", "{\"orderId\":\"" + order + "\",\"purchasedAt\":\""
                + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"lines\":[{\"sku\":\"S\",\"quantity\":1,"
                + "\"unitPrice\":10}]}");
    }

    @Test
    void whileTheDatabaseIsAwayRequestsAre503AndNoAcknowledgedWriteIsLost() throws Exception {
        Http api = Http.at(port).as("admin", "admin-test-password");
        assertThat(api.post("/api/v1/customers", "{\"externalId\":\"OUT-1\",\"name\":\"Outage test\"}").statusCode())
                .isEqualTo(201);
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertThat(purchase(api, "BEFORE-" + i).statusCode()).isEqualTo(201);
            acknowledged.add("BEFORE-" + i);
        }
        assertThat(Http.at(port).getAny("/actuator/health/readiness").statusCode()).isEqualTo(200);

        postgres.close();
        HttpResponse<String> during = purchase(api, "DURING-0");
        refused.add("DURING-0");
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(during.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(during.body()).contains("\"status\":503").contains("the database cannot be reached");
        HttpResponse<String> read = api.get("/api/v1/customers/OUT-1");
        assertThat(read.statusCode()).isEqualTo(503);
        assertThat(Http.at(port).getAny("/actuator/health/readiness").statusCode()).as("not ready").isEqualTo(503);
        Http browser = Http.browser(port);
        HttpResponse<String> page = browser.page("/login");
        assertThat(page.statusCode()).as("the sign-in page needs no database").isEqualTo(200);

        postgres = start();
        // It recovers by itself: within a few seconds the same call succeeds, with no restart of the server.
        HttpResponse<String> after = null;
        for (int i = 0; i < 60 && (after == null || after.statusCode() == 503); i++) {
            after = purchase(api, "AFTER-0");
            if (after.statusCode() == 503) {
                Thread.sleep(500);
            }
        }
        assertThat(after.statusCode()).isEqualTo(201);
        acknowledged.add("AFTER-0");
        assertThat(Http.at(port).getAny("/actuator/health/readiness").statusCode()).isEqualTo(200);

        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select order_id from purchase order by order_id")) {
            List<String> stored = new ArrayList<>();
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged).doesNotContainAnyElementsOf(refused);
        }
    }
}
