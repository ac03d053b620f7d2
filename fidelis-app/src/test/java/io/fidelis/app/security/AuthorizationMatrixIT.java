package io.fidelis.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Databases;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Calls every endpoint the application maps (discovered from the request mappings, actuator included) as an
 * anonymous caller and as each role, and compares who got through with the table below. An endpoint that is not in
 * the table fails the test: adding an endpoint means deciding, here and in {@code SecurityConfiguration}, who may
 * call it. "Through" means the security layer let the call reach the application (whatever the application then
 * answered, such as 400 for the deliberately incomplete bodies sent here, or 404 for the sample ids); "denied" is
 * 401, 403 or a redirect to the login page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIT {
    enum Who { ANONYMOUS, ADMIN, MANAGER, ACCOUNT_MANAGER, AGENT, ANALYST }

    private static final Set<Who> PUBLIC = Set.of(Who.values());
    private static final Set<Who> ALL = Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.AGENT, Who.ANALYST);
    private static final Set<Who> ANALYTICS = Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.ANALYST);
    private static final Set<Who> EDITORS = Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER);
    private static final Set<Who> IMPORTERS = Set.of(Who.ADMIN, Who.MANAGER);
    private static final Set<Who> ADMIN = Set.of(Who.ADMIN);
    private static final Set<Who> SURVEY_READERS = Set.of(Who.ADMIN, Who.MANAGER, Who.ANALYST);
    private static final Set<Who> SURVEY_EDITORS = Set.of(Who.ADMIN, Who.MANAGER);
    private static final Set<Who> FOLLOW_UP = Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER);
    private static final Set<Who> COMPLAINT_HANDLERS = Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.AGENT);
    /** Retention economics: a business-wide budget decision, not for account managers or agents. */
    private static final Set<Who> RETENTION_PLANNERS = Set.of(Who.ADMIN, Who.MANAGER, Who.ANALYST);

    /** Who may call what: the authorization policy of issue 3, endpoint by endpoint. */
    private static final Map<String, Set<Who>> EXPECTED = new LinkedHashMap<>();

    static {
        // Sign-in, errors, health probes.
        EXPECTED.put("GET /login", PUBLIC);
        EXPECTED.put("GET /error", PUBLIC);
        EXPECTED.put("GET /actuator/health", PUBLIC);
        EXPECTED.put("GET /actuator/health/**", PUBLIC);
        // Operations: administrators only.
        EXPECTED.put("GET /actuator", ADMIN);
        EXPECTED.put("GET /actuator/info", ADMIN);
        EXPECTED.put("GET /actuator/metrics", ADMIN);
        EXPECTED.put("GET /actuator/metrics/{requiredMetricName}", ADMIN);
        EXPECTED.put("GET /actuator/prometheus", ADMIN);
        // Workspace.
        EXPECTED.put("GET /", ALL); // agents are sent on to the customer search
        EXPECTED.put("GET /customers", ALL);
        EXPECTED.put("GET /customers/{id}", ALL);
        EXPECTED.put("GET /customers.csv", ANALYTICS);
        EXPECTED.put("GET /customers/{id}/edit", EDITORS);
        EXPECTED.put("GET /loyalty", ANALYTICS);
        EXPECTED.put("GET /supply", ANALYTICS);
        EXPECTED.put("GET /subscriptions/churn", ANALYTICS);
        EXPECTED.put("GET /whatif", RETENTION_PLANNERS);
        EXPECTED.put("POST /customers/{id}", EDITORS);
        EXPECTED.put("GET /imports", IMPORTERS);
        EXPECTED.put("POST /imports", IMPORTERS);
        EXPECTED.put("GET /imports/{id}", IMPORTERS);
        EXPECTED.put("POST /imports/{id}", IMPORTERS);
        EXPECTED.put("GET /imports/{id}/status", IMPORTERS);
        EXPECTED.put("GET /imports/{id}/rejects.csv", IMPORTERS);
        // Surveys: the public answer page needs no login (CSRF still applies); the builder and results are for
        // managers (analysts read), the follow-ups for whoever calls customers back.
        EXPECTED.put("GET /s/{token}", PUBLIC);
        EXPECTED.put("POST /s/{token}", PUBLIC);
        EXPECTED.put("GET /surveys", SURVEY_READERS);
        EXPECTED.put("GET /satisfaction", SURVEY_READERS);
        EXPECTED.put("POST /surveys", SURVEY_EDITORS);
        EXPECTED.put("GET /surveys/{id}", SURVEY_READERS);
        EXPECTED.put("GET /surveys/{id}/results", SURVEY_READERS);
        EXPECTED.put("GET /surveys/{id}/responses.csv", SURVEY_READERS);
        for (String action : List.of("wording", "schedule", "questions", "questions/{code}/remove",
                "questions/{code}/move", "open", "close", "kiosk", "kiosk/withdraw", "invitations",
                "invitations/staff")) {
            EXPECTED.put("POST /surveys/{id}/" + action, SURVEY_EDITORS);
        }
        // Complaints: the public form and tracking page need no login; every role reads the complaint database (an
        // account manager their own customers'), those who handle complaints change them.
        EXPECTED.put("GET /complain", PUBLIC);
        EXPECTED.put("POST /complain", PUBLIC);
        EXPECTED.put("GET /complain/track/{token}", PUBLIC);
        EXPECTED.put("POST /complain/track/{token}", PUBLIC);
        EXPECTED.put("GET /complaints", ALL);
        EXPECTED.put("GET /complaints/{reference}", ALL);
        EXPECTED.put("GET /complaints/new", COMPLAINT_HANDLERS);
        EXPECTED.put("GET /complaints/database", ALL);
        EXPECTED.put("GET /complaints.csv", ALL);
        EXPECTED.put("GET /complaints/analytics", Set.of(Who.ADMIN, Who.MANAGER, Who.AGENT, Who.ANALYST));
        EXPECTED.put("POST /complaints", COMPLAINT_HANDLERS);
        EXPECTED.put("GET /complaints/categories", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /complaints/categories", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /complaints/categories/{code}", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /complaints/{reference}/act", COMPLAINT_HANDLERS);
        EXPECTED.put("POST /complaints/{reference}/classify", COMPLAINT_HANDLERS);
        EXPECTED.put("POST /complaints/{reference}/assign", COMPLAINT_HANDLERS);
        EXPECTED.put("POST /complaints/{reference}/recovery", COMPLAINT_HANDLERS);
        EXPECTED.put("POST /complaints/{reference}/attachments", COMPLAINT_HANDLERS);
        EXPECTED.put("GET /complaints/{reference}/attachments/{id}", ALL);
        EXPECTED.put("GET /api/v1/complaints/{reference}", ALL);
        EXPECTED.put("POST /api/v1/complaints", COMPLAINT_HANDLERS);
        EXPECTED.put("POST /api/v1/complaints/{reference}/steps", COMPLAINT_HANDLERS);
        // Suggestions and the improvement backlog (issue 10).
        EXPECTED.put("GET /suggest", PUBLIC);
        EXPECTED.put("POST /suggest", PUBLIC);
        EXPECTED.put("GET /suggest/thanks", PUBLIC);
        EXPECTED.put("GET /improvements", ANALYTICS);
        EXPECTED.put("GET /improvements/{id}", ANALYTICS);
        EXPECTED.put("POST /improvements", SURVEY_EDITORS);
        EXPECTED.put("POST /improvements/group", SURVEY_EDITORS);
        EXPECTED.put("POST /improvements/{id}", SURVEY_EDITORS);
        EXPECTED.put("POST /improvements/{id}/move", SURVEY_EDITORS);
        EXPECTED.put("POST /suggestions/{id}/move", SURVEY_EDITORS);
        EXPECTED.put("POST /suggestions/from-complaint", COMPLAINT_HANDLERS);
        EXPECTED.put("POST /suggestions/from-answer", SURVEY_READERS);
        EXPECTED.put("POST /suggestions/from-contact", EDITORS);
        EXPECTED.put("POST /customers/{id}/suggestions", EDITORS);
        // Relationship work: an account manager's day and contacts; lost customers (their own customers').
        EXPECTED.put("GET /my-day", FOLLOW_UP);
        EXPECTED.put("POST /tasks/{id}/done", FOLLOW_UP);
        EXPECTED.put("POST /customers/{id}/contacts", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("GET /api/v1/customers/{id}/contacts", ALL);
        EXPECTED.put("POST /api/v1/customers/{id}/contacts", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("GET /api/v1/my-day", FOLLOW_UP);
        EXPECTED.put("GET /lost", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.ANALYST));
        EXPECTED.put("GET /lost/{id}", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.ANALYST));
        EXPECTED.put("POST /lost/{id}", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("GET /lost/reasons", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /lost/reasons", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /lost/reasons/{code}", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("GET /api/v1/improvements", ANALYTICS);
        EXPECTED.put("GET /api/v1/improvements/{id}", ANALYTICS);
        EXPECTED.put("POST /api/v1/improvements/{id}/moves", SURVEY_EDITORS);
        EXPECTED.put("POST /api/v1/customers/{id}/suggestions", EDITORS);
        EXPECTED.put("GET /api/v1/lost-cases", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.ANALYST));
        EXPECTED.put("GET /api/v1/lost-cases/{id}", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER,
                Who.ANALYST));
        EXPECTED.put("POST /api/v1/lost-cases/{id}", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("GET /join/{code}", PUBLIC);
        EXPECTED.put("POST /join/{code}", PUBLIC);
        EXPECTED.put("GET /join/{code}/thanks", PUBLIC);
        EXPECTED.put("GET /referrals", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.ANALYST));
        EXPECTED.put("GET /referrals/{id}", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.ANALYST));
        EXPECTED.put("GET /api/v1/referrals", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER, Who.ANALYST));
        EXPECTED.put("GET /api/v1/customers/{id}/referrals", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER,
                Who.ANALYST));
        EXPECTED.put("GET /card/{token}", PUBLIC);
        EXPECTED.put("GET /programme", Set.of(Who.ADMIN, Who.MANAGER, Who.ANALYST));
        EXPECTED.put("POST /programme/rewards", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /customers/{id}/programme/tier", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /customers/{id}/programme/enrol", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("POST /customers/{id}/programme/card", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("POST /customers/{id}/programme/redeem", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("POST /customers/{id}/programme/gifts/{gift}/hand-over", Set.of(Who.ADMIN, Who.MANAGER,
                Who.ACCOUNT_MANAGER));
        EXPECTED.put("GET /api/v1/customers/{id}/programme/gifts", ALL);
        EXPECTED.put("GET /customers/{id}/personal-data.json", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("GET /customers/{id}/personal-data.csv", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /customers/{id}/erase", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("GET /api/v1/customers/{id}/personal-data", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("POST /api/v1/customers/{id}/erasure", Set.of(Who.ADMIN, Who.MANAGER));
        EXPECTED.put("GET /api/v1/customers/{id}/consents", ALL);
        EXPECTED.put("PUT /api/v1/customers/{id}/consents/{channel}", Set.of(Who.ADMIN, Who.MANAGER,
                Who.ACCOUNT_MANAGER));
        EXPECTED.put("POST /api/v1/customers/{id}/consents/EMAIL/confirmation-request", Set.of(Who.ADMIN, Who.MANAGER,
                Who.ACCOUNT_MANAGER));
        EXPECTED.put("POST /customers/{id}/consents", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("POST /customers/{id}/consents/confirmation-request", Set.of(Who.ADMIN, Who.MANAGER,
                Who.ACCOUNT_MANAGER));
        EXPECTED.put("GET /consent/{token}", PUBLIC);
        EXPECTED.put("POST /consent/{token}", PUBLIC);
        EXPECTED.put("POST /api/v1/customers/{id}/programme/gifts/{gift}/hand-over", Set.of(Who.ADMIN, Who.MANAGER,
                Who.ACCOUNT_MANAGER));
        EXPECTED.put("GET /api/v1/programme", Set.of(Who.ADMIN, Who.MANAGER, Who.ANALYST));
        EXPECTED.put("GET /api/v1/customers/{id}/programme", ALL);
        EXPECTED.put("POST /api/v1/customers/{id}/programme", Set.of(Who.ADMIN, Who.MANAGER, Who.ACCOUNT_MANAGER));
        EXPECTED.put("POST /api/v1/customers/{id}/programme/redemptions", Set.of(Who.ADMIN, Who.MANAGER,
                Who.ACCOUNT_MANAGER));
        EXPECTED.put("GET /follow-ups", FOLLOW_UP);
        EXPECTED.put("POST /follow-ups/{id}/close", FOLLOW_UP);
        EXPECTED.put("GET /settings", ALL);
        EXPECTED.put("POST /settings/language", ALL);
        EXPECTED.put("GET /settings/tokens", ALL);
        EXPECTED.put("POST /settings/tokens", ALL);
        EXPECTED.put("POST /settings/tokens/{id}/revoke", ALL);
        EXPECTED.put("GET /settings/users", ADMIN);
        EXPECTED.put("POST /settings/users", ADMIN);
        EXPECTED.put("POST /settings/users/{username}", ADMIN);
        EXPECTED.put("POST /settings/users/{username}/password", ADMIN);
        EXPECTED.put("GET /settings/audit", ADMIN);
        EXPECTED.put("GET /settings/webhooks", ADMIN);
        EXPECTED.put("POST /settings/webhooks", ADMIN);
        EXPECTED.put("POST /settings/webhooks/{id}/deactivate", ADMIN);
        EXPECTED.put("POST /settings/webhooks/deliveries/{id}/retry", ADMIN);
        // REST API.
        EXPECTED.put("GET /api/v1/customers", ALL);
        EXPECTED.put("GET /api/v1/customers/{id}", ALL);
        EXPECTED.put("GET /api/v1/customers/{id}/purchases", ALL);
        EXPECTED.put("GET /api/v1/customers/{id}/summary", ALL);
        EXPECTED.put("GET /api/v1/customers.csv", ANALYTICS);
        EXPECTED.put("GET /api/v1/customers/{id}/loyalty", ALL);
        EXPECTED.put("GET /api/v1/loyalty", ANALYTICS);
        EXPECTED.put("GET /api/v1/whatif", RETENTION_PLANNERS);
        EXPECTED.put("POST /api/v1/customers", EDITORS);
        EXPECTED.put("PUT /api/v1/customers/{id}", EDITORS);
        EXPECTED.put("POST /api/v1/customers/{id}/purchases", EDITORS);
        EXPECTED.put("GET /api/v1/customers/{id}/subscriptions", ALL);
        EXPECTED.put("GET /api/v1/subscriptions/churn-model", ANALYTICS);
        EXPECTED.put("GET /api/v1/orders/{orderId}/delivery", ALL);
        EXPECTED.put("PUT /api/v1/orders/{orderId}/delivery", EDITORS);
        EXPECTED.put("POST /api/v1/imports/{kind}", IMPORTERS);
        // API documentation, for signed-in staff.
        EXPECTED.put("GET /api/docs/openapi", ALL);
        EXPECTED.put("GET /api/docs/openapi.yaml", ALL);
        EXPECTED.put("GET /api/docs/openapi/swagger-config", ALL);
        EXPECTED.put("GET /api/docs", ALL);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ApplicationContext context;

    private static final String PASSWORD = "matrix-password-1";

    @Test
    void everyEndpointAnswersOnlyTheRolesAllowedToCallIt() {
        TestData.clean(jdbc);
        Map<Who, String> users = new EnumMap<>(Who.class);
        users.put(Who.ADMIN, "admin");
        for (Who who : List.of(Who.MANAGER, Who.ACCOUNT_MANAGER, Who.AGENT, Who.ANALYST)) {
            String name = who.name().toLowerCase().replace('_', '-') + "-1";
            staff.create(name, null, Role.valueOf(who.name()), PASSWORD);
            users.put(who, name);
        }
        jdbc.sql("insert into customer (external_id, name, name_key, marketing_consent, time_zone, created_at,"
                        + " updated_at, version, account_manager_id) values ('C1', 'Sample', 'sample', false, 'UTC',"
                        + " current_timestamp, current_timestamp, 0, (select id from staff_user where username = ?))")
                .param(users.get(Who.ACCOUNT_MANAGER)).update();

        Map<Who, Http> web = new EnumMap<>(Who.class);
        Map<Who, Http> api = new EnumMap<>(Who.class);
        web.put(Who.ANONYMOUS, Http.browser(port));
        api.put(Who.ANONYMOUS, Http.at(port));
        for (var e : users.entrySet()) {
            Http session = Http.browser(port);
            assertThat(session.signIn(e.getValue(), e.getKey() == Who.ADMIN ? "admin-test-password" : PASSWORD)
                    .headers().firstValue("Location").orElse("")).doesNotContain("error");
            web.put(e.getKey(), session);
            api.put(e.getKey(), Http.at(port).as(e.getValue(), e.getKey() == Who.ADMIN ? "admin-test-password"
                    : PASSWORD));
        }

        Set<String> discovered = discover();
        assertThat(discovered).as("endpoints without an expected row in this test's table (give each a rule in"
                + " SecurityConfiguration and a row here)").isSubsetOf(EXPECTED.keySet());
        assertThat(EXPECTED.keySet()).as("rows of the table that match no endpoint any more")
                .isSubsetOf(discovered);

        List<String> wrong = new ArrayList<>();
        for (String endpoint : discovered) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            String path = concrete(pattern);
            boolean isApi = path.startsWith("/api/v1/") || path.equals("/actuator/prometheus");
            Set<Who> through = new TreeSet<>();
            for (Who who : Who.values()) {
                Http http = isApi ? api.get(who) : web.get(who);
                // Web forms carry a CSRF token, an anonymous visitor's too (the public survey page takes answers).
                HttpResponse<String> r = call(http, method, path, isApi, !isApi);
                // /error called directly has no error to show and answers 500 by design (Spring Boot).
                if (r.statusCode() >= 500 && !pattern.equals("/error")) {
                    wrong.add(endpoint + " as " + who + ": server error " + r.statusCode());
                }
                if (!denied(r)) {
                    through.add(who);
                }
            }
            if (!through.equals(new TreeSet<>(EXPECTED.get(endpoint)))) {
                wrong.add(endpoint + ": reached by " + through + ", expected " + new TreeSet<>(EXPECTED.get(endpoint)));
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Every method and path pattern of every request mapping (controllers, springdoc and actuator). */
    private Set<String> discover() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> patterns = info.getPatternValues();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : patterns) {
                    if (methods.isEmpty()) {
                        endpoints.add("GET " + pattern);
                    }
                    for (RequestMethod m : methods) {
                        endpoints.add(m.name() + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}]+)}");

    /** The pattern with sample values: C1 is the account manager's customer; other ids name nothing. */
    private static String concrete(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "id" -> pattern.startsWith("/settings/tokens") || pattern.startsWith("/settings/webhooks")
                        || pattern.startsWith("/surveys") || pattern.startsWith("/follow-ups") ? "999999"
                        : pattern.startsWith("/imports") ? "no-such-upload" : "C1";
                case "kind" -> "customers";
                case "reference" -> "CP-NOSUCH00";
                case "username" -> "no-such-user";
                case "requiredMetricName" -> "jvm.memory.used";
                default -> "x";
            };
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString().replace("/**", "/liveness");
    }

    private static HttpResponse<String> call(Http http, String method, String path, boolean api, boolean withCsrf) {
        if (method.equals("GET")) {
            return api ? http.getAny(path) : http.page(path);
        }
        if (api) {
            // Deliberately invalid bodies: the call is answered 400 by the application and changes nothing.
            return http.request(method, path, "application/json", "{\"email\":\"not-an-email\"}");
        }
        String body = "email=not-an-email&version=-1" + (withCsrf ? "&_csrf=" + http.csrfToken() : "");
        return http.request(method, path, "application/x-www-form-urlencoded", body);
    }

    private static boolean denied(HttpResponse<String> r) {
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            return true;
        }
        return r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("/login");
    }
}
