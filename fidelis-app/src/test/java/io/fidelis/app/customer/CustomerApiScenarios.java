package io.fidelis.app.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The customer and purchase REST API over real HTTP, with real authentication. Run on H2 and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CustomerApiScenarios {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    JsonMapper json;
    Http admin;

    @BeforeEach
    void setUp() {
        TestData.clean(jdbc);
        admin = Http.at(port).as("admin", "admin-test-password");
    }

    JsonNode body(HttpResponse<String> r) {
        return json.readTree(r.body());
    }

    static String customer(String id, String extra) {
        return "{\"externalId\":\"" + id + "\",\"name\":\"Customer " + id + "\"" + extra + "}";
    }

    @Test
    void createReadAndUpdateACustomer() {
        HttpResponse<String> created = admin.post("/api/v1/customers", customer("A1",
                ",\"email\":\"a1@example.com\",\"segment\":\"Consumer\",\"region\":\"North\",\"marketingConsent\":true,"
                        + "\"timeZone\":\"Asia/Shanghai\",\"acquiredOn\":\"2024-01-05\""));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/customers/A1");
        assertThat(body(created).get("consentSource").asString()).isEqualTo("api:admin");

        HttpResponse<String> read = admin.get("/api/v1/customers/A1");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).get("email").asString()).isEqualTo("a1@example.com");
        assertThat(body(read).get("timeZone").asString()).isEqualTo("Asia/Shanghai");

        HttpResponse<String> updated = admin.put("/api/v1/customers/A1", "{\"name\":\"Ann\",\"segment\":\"Key account\","
                + "\"marketingConsent\":false,\"version\":0}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(body(updated).get("segment").asString()).isEqualTo("Key account");
        assertThat(body(updated).get("marketingConsent").asBoolean()).isFalse();
        assertThat(body(updated).get("version").asLong()).isEqualTo(1);

        HttpResponse<String> stale = admin.put("/api/v1/customers/A1", "{\"name\":\"Old\",\"version\":0}");
        assertThat(stale.statusCode()).isEqualTo(409);

        // Every change is audited with old and new values.
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'customer' and entity_id = 'A1'"
                + " order by id").query(String.class).list()).containsExactly("create", "update");
        assertThat(jdbc.sql("select old_value from audit_event where action = 'update'").query(String.class).single())
                .contains("\"segment\":\"Consumer\"");
        assertThat(jdbc.sql("select actor from audit_event where action = 'update'").query(String.class).single())
                .isEqualTo("admin");
    }

    @Test
    void errorsAreProblemDetailsWithTheRightStatus() {
        HttpResponse<String> invalid = admin.post("/api/v1/customers", customer("A1", ",\"email\":\"not-an-email\""));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(body(invalid).get("errors").get(0).get("field").asString()).isEqualTo("email");

        HttpResponse<String> malformed = admin.post("/api/v1/customers", "{\"externalId\":");
        assertThat(malformed.statusCode()).isEqualTo(400);

        assertThat(admin.post("/api/v1/customers", customer("A1", "")).statusCode()).isEqualTo(201);
        HttpResponse<String> duplicate = admin.post("/api/v1/customers", customer("A1", ""));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(body(duplicate).get("detail").asString()).contains("already exists");

        HttpResponse<String> unknownReferrer = admin.post("/api/v1/customers", customer("B2",
                ",\"referredBy\":\"nobody\""));
        assertThat(unknownReferrer.statusCode()).isEqualTo(422);
        assertThat(body(unknownReferrer).get("errors").get(0).get("field").asString()).isEqualTo("referredBy");

        HttpResponse<String> selfReferral = admin.post("/api/v1/customers", customer("C3", ",\"referredBy\":\"C3\""));
        assertThat(selfReferral.statusCode()).isEqualTo(422);
        assertThat(body(selfReferral).get("detail").asString()).contains("cannot refer themselves");

        HttpResponse<String> missing = admin.get("/api/v1/customers/nobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(body(missing).get("status").asInt()).isEqualTo(404);

        assertThat(admin.get("/api/v1/customers?sort=password").statusCode()).isEqualTo(400);
        assertThat(admin.post("/api/v1/customers", "{\"name\":\"no id\"}").statusCode()).isEqualTo(400);
        assertThat(admin.post("/api/v1/customers", customer("Z9", ",\"timeZone\":\"Mars/Olympus\"")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void referralsCannotFormACycle() {
        admin.post("/api/v1/customers", customer("A1", ""));
        admin.post("/api/v1/customers", customer("B2", ",\"referredBy\":\"A1\""));
        HttpResponse<String> cycle = admin.put("/api/v1/customers/A1", "{\"name\":\"A\",\"referredBy\":\"B2\"}");
        assertThat(cycle.statusCode()).isEqualTo(422);
        assertThat(body(cycle).get("detail").asString()).contains("cycle");
    }

    @Test
    void searchFiltersSortsAndPaginates() {
        for (int i = 1; i <= 7; i++) {
            admin.post("/api/v1/customers", customer("C" + i, ",\"region\":\"" + (i % 2 == 0 ? "North" : "South")
                    + "\",\"segment\":\"Consumer\",\"email\":\"c" + i + "@example.com\""));
        }
        JsonNode north = body(admin.get("/api/v1/customers?region=North&sort=externalId,desc&size=2"));
        assertThat(north.get("total").asLong()).isEqualTo(3);
        assertThat(north.get("items")).hasSize(2);
        assertThat(north.get("items").get(0).get("id").asString()).isEqualTo("C6");
        JsonNode page2 = body(admin.get("/api/v1/customers?region=North&sort=externalId,desc&size=2&page=1"));
        assertThat(page2.get("items").get(0).get("id").asString()).isEqualTo("C2");
        JsonNode byText = body(admin.get("/api/v1/customers?q=c5%40example"));
        assertThat(byText.get("total").asLong()).isEqualTo(1);
        JsonNode byEmail = body(admin.get("/api/v1/customers?email=C7@EXAMPLE.com"));
        assertThat(byEmail.get("items").get(0).get("id").asString()).isEqualTo("C7");
    }

    @Test
    void accountManagersSeeAndChangeOnlyTheirOwnCustomers() {
        staff.create("am.one", "AM One", Role.ACCOUNT_MANAGER, "secret-one");
        staff.create("am.two", "AM Two", Role.ACCOUNT_MANAGER, "secret-two");
        admin.post("/api/v1/customers", customer("A1", ",\"accountManager\":\"am.one\""));
        admin.post("/api/v1/customers", customer("B2", ",\"accountManager\":\"am.two\""));
        Http one = Http.at(port).as("am.one", "secret-one");

        JsonNode list = body(one.get("/api/v1/customers"));
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("id").asString()).isEqualTo("A1");
        assertThat(one.get("/api/v1/customers/A1").statusCode()).isEqualTo(200);
        assertThat(one.get("/api/v1/customers/B2").statusCode()).isEqualTo(404);
        assertThat(one.get("/api/v1/customers/B2/summary").statusCode()).isEqualTo(404);
        assertThat(one.put("/api/v1/customers/B2", "{\"name\":\"mine now\"}").statusCode()).isEqualTo(404);
        assertThat(one.post("/api/v1/customers/B2/purchases", purchase("SO9")).statusCode()).isEqualTo(404);
        // A new customer registered by an account manager is theirs.
        assertThat(one.post("/api/v1/customers", customer("N1", "")).statusCode()).isEqualTo(201);
        assertThat(body(one.get("/api/v1/customers/N1")).get("accountManager").asString()).isEqualTo("am.one");
        // Imports are for managers and admins.
        assertThat(one.postMultipart("/api/v1/imports/customers", "c.csv", "customer_id\nX1\n".getBytes())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void prometheusMetricsAreForAdminsWithBasicAuthentication() {
        HttpResponse<String> metrics = admin.getAny("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(Http.at(port).getAny("/actuator/prometheus").statusCode()).isEqualTo(401);
        staff.create("an.analyst", "Analyst", Role.ANALYST, "analyst-secret-1");
        assertThat(Http.at(port).as("an.analyst", "analyst-secret-1").getAny("/actuator/prometheus").statusCode())
                .isEqualTo(403);
        assertThat(Http.at(port).get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void unauthenticatedAndWrongPasswordAreRefused() {
        assertThat(Http.at(port).get("/api/v1/customers").statusCode()).isEqualTo(401);
        assertThat(Http.at(port).as("admin", "wrong").get("/api/v1/customers").statusCode()).isEqualTo(401);
        // Deny by default: a write to anything not explicitly allowed is forbidden, even for the admin.
        assertThat(admin.post("/api/v1/nothing-here", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> page = Http.at(port).get("/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        HttpResponse<String> login = Http.at(port).get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(login.body()).contains("name=\"_csrf\"");
    }

    @Test
    void signedInStaffReadTheApiDocumentationAndTheOverview() {
        Http browser = Http.signedIn(port, "admin", "admin-test-password");
        HttpResponse<String> docs = browser.get("/api/docs/openapi");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(body(docs).get("paths").has("/api/v1/customers/{id}/summary")).isTrue();
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Overview").contains("customers");
        // Forms are CSRF-protected: a sign-out without the token is refused.
        assertThat(browser.postForm("/logout", "").statusCode()).isEqualTo(403);
        assertThat(Http.at(port).get("/api/docs/openapi").statusCode()).isEqualTo(302);
    }

    static String purchase(String orderId) {
        return "{\"orderId\":\"" + orderId + "\",\"purchasedAt\":\"2024-03-01T10:00:00Z\",\"channel\":\"store\","
                + "\"lines\":[{\"sku\":\"T-1\",\"category\":\"Tea\",\"quantity\":2,\"unitPrice\":3.10,\"unitCost\":1.00},"
                + "{\"sku\":\"C-1\",\"category\":\"Coffee\",\"quantity\":1,\"unitPrice\":12.50}]}";
    }

    @Test
    void purchasesAndTheCustomerSummary() {
        admin.post("/api/v1/customers", customer("A1", ",\"timeZone\":\"Asia/Shanghai\""));
        assertThat(admin.post("/api/v1/customers/A1/purchases", purchase("SO1")).statusCode()).isEqualTo(201);
        // 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai: a second purchase day there.
        assertThat(admin.post("/api/v1/customers/A1/purchases", "{\"orderId\":\"SO2\",\"purchasedAt\":"
                + "\"2024-03-01T23:30:00Z\",\"lines\":[{\"sku\":\"T-1\",\"quantity\":2,\"unitPrice\":3.10,"
                + "\"unitCost\":1.00}]}").statusCode()).isEqualTo(201);
        assertThat(admin.post("/api/v1/customers/A1/purchases", "{\"orderId\":\"RT1\",\"purchasedAt\":"
                + "\"2024-03-05T10:00:00Z\",\"originalOrderId\":\"SO1\",\"lines\":[{\"sku\":\"T-1\",\"quantity\":-1,"
                + "\"unitPrice\":3.10,\"unitCost\":1.00}]}").statusCode()).isEqualTo(201);
        assertThat(admin.post("/api/v1/customers/A1/purchases", purchase("SO1")).statusCode()).isEqualTo(409);
        assertThat(admin.post("/api/v1/customers/A1/purchases", "{\"orderId\":\"SO3\",\"purchasedAt\":"
                + "\"2024-03-05T10:00:00Z\",\"lines\":[]}").statusCode()).isEqualTo(400);
        assertThat(admin.post("/api/v1/customers/nobody/purchases", purchase("SO4")).statusCode()).isEqualTo(404);

        JsonNode list = body(admin.get("/api/v1/customers/A1/purchases"));
        assertThat(list).hasSize(3);
        assertThat(list.get(0).get("orderId").asString()).isEqualTo("RT1");
        assertThat(list.get(0).get("kind").asString()).isEqualTo("RETURN");

        JsonNode summary = body(admin.get("/api/v1/customers/A1/summary"));
        assertThat(summary.get("orders").asLong()).isEqualTo(2);
        assertThat(summary.get("purchaseDays").asLong()).isEqualTo(2);
        // Spend, net of the return: SO1 2 x 3.10 + 12.50 = 18.70, SO2 2 x 3.10 = 6.20, RT1 -1 x 3.10: 21.80.
        // Margin counts lines with a known cost (C-1 has none): SO1 2 x 2.10 = 4.20, SO2 2 x 2.10 = 4.20,
        // RT1 -1 x 2.10: 6.30.
        assertThat(summary.get("totalSpend").decimalValue()).isEqualByComparingTo("21.80");
        assertThat(summary.get("totalMargin").decimalValue()).isEqualByComparingTo("6.30");
        assertThat(summary.get("returns").asLong()).isEqualTo(1);
        assertThat(summary.get("returnedValue").decimalValue()).isEqualByComparingTo("3.10");
        assertThat(summary.get("categories").toString()).isEqualTo("[\"Coffee\",\"Tea\"]");
        assertThat(summary.get("firstPurchase").asString()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'purchase'").query(Long.class)
                .single()).isEqualTo(3);
    }

    @Test
    void csvUploadOverHttp() {
        HttpResponse<String> ok = admin.postMultipart("/api/v1/imports/customers", "c.csv",
                "customer_id,name\nX1,Xu\nX2,Yu\n".getBytes());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(body(ok).get("imported").asLong()).isEqualTo(2);
        assertThat(body(ok).has("rejectsFile")).isFalse();
        HttpResponse<String> skipped = admin.postMultipart("/api/v1/imports/customers", "s.csv",
                "customer_id,email\nX4,x4@example.com\nX5,not-an-email\n".getBytes(), "skipInvalid", "true");
        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(body(skipped).get("rejected").asLong()).isEqualTo(1);
        assertThat(body(skipped).has("rejectsFile")).isFalse();
        HttpResponse<String> bad = admin.postMultipart("/api/v1/imports/purchases", "p.csv",
                "order_id,customer_id,purchased_at,quantity,unit_price\nSO1,X1,yesterday,1,1.00\n".getBytes());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(body(bad).get("errors").get(0).get("field").asString()).isEqualTo("purchased_at");
        assertThat(body(bad).get("errors").get(0).get("line").asLong()).isEqualTo(2);
        HttpResponse<String> mapped = admin.postMultipart("/api/v1/imports/customers", "m.csv",
                "Id,Name,Other\nX3,Zed,1\n".getBytes(), "map", "customer_id=Id", "map", "name=Name");
        assertThat(mapped.statusCode()).isEqualTo(200);
        assertThat(body(mapped).get("imported").asLong()).isEqualTo(1);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    @Test
    void oneCallerCannotStallTheServerWithHugeBodiesPagesOrQueries() throws Exception {
        String huge = customer("BIG", ",\"segment\":\"" + "x".repeat(2 * 1024 * 1024) + "\"");
        HttpResponse<String> declared = admin.post("/api/v1/customers", huge);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(declared.body()).contains("at most 1048576 are accepted");
        // The same body without a declared length (chunked) stops being read at the limit.
        java.net.http.HttpRequest chunked = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + port + "/api/v1/customers"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "admin:admin-test-password".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build();
        HttpResponse<String> streamed = java.net.http.HttpClient.newHttpClient().send(chunked,
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from customer where external_id = 'BIG'").query(Long.class).single())
                .isZero();
        // Pages are capped (500), and every query has a time limit.
        for (int i = 0; i < 3; i++) {
            assertThat(admin.post("/api/v1/customers", customer("P" + i, "")).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> page = admin.get("/api/v1/customers?size=1000000");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(body(page).get("size").asInt()).isEqualTo(500);
        // Every statement has a time limit (120 s by default); QueryTimeoutIT checks that a longer query is
        // cancelled, and that H2 gets the limit once per connection rather than before every statement.
        assertThat(jdbcTemplate.getQueryTimeout()).isEqualTo(120);
        assertThat(jdbcTemplate.getClass().getSimpleName()).isEqualTo("TimeoutOnceTemplate");
    }
}
