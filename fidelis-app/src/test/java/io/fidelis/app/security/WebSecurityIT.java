package io.fidelis.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Databases;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** CSRF, output escaping, security headers, login throttling, API tokens and the page language, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fidelis.security.login.max-failures=3",
                "fidelis.security.login.max-failures-per-address=1000"})
class WebSecurityIT {
    static final String PASSWORD = "web-security-password";
    static final String SCRIPT = "<script>alert('x')</script>";
    static final String ATTRIBUTE = "\"><img src=x onerror=alert(1)>";

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
    io.fidelis.app.staff.ApiTokens tokens;

    Http admin;

    @BeforeEach
    void setUp() {
        TestData.clean(jdbc);
        admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
    }

    private void createCustomer(String id, String name, String segment) {
        HttpResponse<String> r = Http.at(port).as("admin", "admin-test-password").post("/api/v1/customers",
                "{\"externalId\":\"" + id + "\",\"name\":" + json(name) + ",\"segment\":" + json(segment)
                        + ",\"region\":" + json(segment) + "}");
        assertThat(r.statusCode()).isEqualTo(201);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        createCustomer("C1", "Ann", "Retail");
        HttpResponse<String> noToken = admin.postForm("/customers/C1", "name=Changed&version=0");
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = admin.postForm("/customers/C1", "name=Changed&version=0&_csrf=forged");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(admin.postForm("/settings/tokens", "name=script").statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select name from customer where external_id = 'C1'").query(String.class).single())
                .isEqualTo("Ann");
        assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single()).isZero();

        HttpResponse<String> withToken = admin.postForm("/customers/C1", "name=Changed&version=0&_csrf="
                + admin.csrfToken());
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select name from customer where external_id = 'C1'").query(String.class).single())
                .isEqualTo("Changed");
        // The change is audited as the signed-in user's.
        assertThat(jdbc.sql("select actor from audit_event where entity_id = 'C1' and action = 'update'")
                .query(String.class).single()).isEqualTo("admin");
    }

    @Test
    void customerFieldsRenderEscapedOnEveryPage() {
        createCustomer("X1", SCRIPT, ATTRIBUTE);
        List<String> pages = List.of("/customers", "/customers?q=" + Http.encode("<script>"), "/customers/X1",
                "/customers/X1/edit", "/customers?segment=" + Http.encode(ATTRIBUTE), "/settings/audit", "/");
        for (String page : pages) {
            HttpResponse<String> r = admin.page(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContain(SCRIPT).doesNotContain("<img src=x");
        }
        assertThat(admin.page("/customers/X1").body()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(admin.page("/customers").body()).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void csvExportsDefuseSpreadsheetFormulas() {
        createCustomer("F1", "=HYPERLINK(\"http://evil\")", "+SUM(A1)");
        String csv = admin.getAny("/customers.csv").body();
        assertThat(csv).contains("'=HYPERLINK").contains("'+SUM(A1)");
    }

    @Test
    void pagesCarryTheSecurityHeadersAndTheSessionCookieIsHttpOnly() {
        Http fresh = Http.browser(port);
        HttpResponse<String> login = fresh.page("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly")
                .contains("SameSite=Lax");
        // Behind a TLS proxy (X-Forwarded-Proto from a local address) the session cookie is also Secure.
        HttpResponse<String> proxied = Http.browser(port).request("GET", "/login", null, null, "X-Forwarded-Proto",
                "https");
        assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
        HttpResponse<String> api = Http.at(port).as("admin", "admin-test-password").get("/api/v1/customers");
        assertThat(api.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // No inline scripts anywhere: every script comes from a file, as the policy demands.
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(admin.page("/").body()).find()).isFalse();
    }

    @Test
    void repeatedFailedSignInsLockTheAccountForAWhile() {
        staff.create("target", null, Role.MANAGER, PASSWORD);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = Http.browser(port).signIn("target", "wrong-password-" + i);
            assertThat(r.headers().firstValue("Location").orElse("")).contains("/login?error");
        }
        // Locked: even the right password is refused, on the form and over the API.
        HttpResponse<String> right = Http.browser(port).signIn("target", PASSWORD);
        assertThat(right.headers().firstValue("Location").orElse("")).contains("/login?locked");
        HttpResponse<String> api = Http.at(port).as("target", PASSWORD).get("/api/v1/customers");
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        // However the credentials are sent, the lock holds: it is checked in authentication itself.
        String basic = java.util.Base64.getEncoder().encodeToString(("target:" + PASSWORD).getBytes());
        for (String header : List.of("Basic\t" + basic, "basic " + basic, "BASIC  " + basic)) {
            HttpResponse<String> odd = Http.at(port).request("GET", "/api/v1/customers", null, null,
                    "Authorization", header);
            assertThat(odd.statusCode()).as(header.substring(0, 6)).isIn(401, 429);
        }
    }

    @Test
    void apiTokensAreCreatedShownOnceAndRevokedInTheWorkspace() {
        staff.create("scripter", null, Role.ANALYST, PASSWORD);
        Http me = Http.browser(port);
        me.signIn("scripter", PASSWORD);
        HttpResponse<String> created = me.postForm("/settings/tokens", "name=nightly+export&_csrf=" + me.csrfToken());
        assertThat(created.statusCode()).isEqualTo(302);
        String page = me.page("/settings/tokens").body();
        Matcher m = Pattern.compile("id=\"issued-token\">(fid_[A-Za-z0-9_-]+)<").matcher(page);
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(me.page("/settings/tokens").body()).as("shown once").doesNotContain(token);
        assertThat(jdbc.sql("select token_hash from api_token").query(String.class).single()).doesNotContain(token)
                .hasSize(64);

        Http api = Http.at(port).bearer(token);
        assertThat(api.get("/api/v1/customers").statusCode()).isEqualTo(200);
        // The token carries its owner's role: an analyst cannot create customers.
        assertThat(api.post("/api/v1/customers", "{\"externalId\":\"Z\"}").statusCode()).isEqualTo(403);
        assertThat(Http.at(port).bearer("fid_not-a-token").get("/api/v1/customers").statusCode()).isEqualTo(401);

        long id = jdbc.sql("select id from api_token").query(Long.class).single();
        // Another user cannot revoke it (it is not theirs to see).
        staff.create("other", null, Role.ANALYST, PASSWORD);
        Http other = Http.browser(port);
        other.signIn("other", PASSWORD);
        assertThat(other.postForm("/settings/tokens/" + id + "/revoke", "_csrf=" + other.csrfToken()).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/customers").statusCode()).isEqualTo(200);

        assertThat(me.postForm("/settings/tokens/" + id + "/revoke", "_csrf=" + me.csrfToken()).statusCode())
                .isEqualTo(302);
        assertThat(api.get("/api/v1/customers").statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'api_token' order by id")
                .query(String.class).list()).containsExactly("create", "revoke");

        // Tokens found valid are remembered for a while, but a token acts with its owner's access as it is now:
        // a new role at once, and nothing once the owner may no longer sign in.
        Http again = Http.at(port).bearer(tokens.issue("scripter", "second").token());
        assertThat(again.get("/api/v1/customers").statusCode()).isEqualTo(200);
        assertThat(again.post("/api/v1/customers", "{\"externalId\":\"Z1\"}").statusCode()).isEqualTo(403);
        staff.changeAccess("scripter", Role.MANAGER, true);
        assertThat(again.post("/api/v1/customers", "{\"externalId\":\"Z2\"}").statusCode()).isEqualTo(201);
        staff.changeAccess("scripter", Role.MANAGER, false);
        assertThat(again.get("/api/v1/customers").statusCode()).isEqualTo(401);
    }

    @Test
    void pagesFollowTheBrowserLanguageUntilTheUserChoosesOne() {
        staff.create("lin", null, Role.MANAGER, PASSWORD);
        Http lin = Http.browser(port).language("zh-CN,zh;q=0.9,en;q=0.5");
        assertThat(lin.page("/login").body()).contains("用户名").contains("lang=\"zh-CN\"");
        lin.signIn("lin", PASSWORD);
        assertThat(lin.page("/customers").body()).contains("客户经理");
        // Choosing English is remembered for the user, whatever the browser says, also in a new session.
        lin.postForm("/settings/language", "locale=en&_csrf=" + lin.csrfToken());
        assertThat(lin.page("/customers").body()).contains("Account manager").doesNotContain("客户经理");
        Http again = Http.browser(port).language("zh-CN");
        again.signIn("lin", PASSWORD);
        assertThat(again.page("/customers").body()).contains("Account manager");
        assertThat(jdbc.sql("select locale from staff_user where username = 'lin'").query(String.class).single())
                .isEqualTo("en");
    }

    @Test
    void usersAreManagedByAdministratorsAndTheLastAdministratorStays() {
        String csrf = admin.csrfToken();
        assertThat(admin.postForm("/settings/users", "username=new.agent&role=AGENT&password=" + PASSWORD
                + "&_csrf=" + csrf).statusCode()).isEqualTo(302);
        assertThat(admin.page("/settings/users").body()).contains("new.agent");
        Http agent = Http.browser(port);
        assertThat(agent.signIn("new.agent", PASSWORD).headers().firstValue("Location").orElse(""))
                .doesNotContain("error");
        // Demoting the only administrator is refused, and nothing changes.
        admin.postForm("/settings/users/admin", "role=MANAGER&enabled=true&_csrf=" + csrf);
        assertThat(jdbc.sql("select role from staff_user where username = 'admin'").query(String.class).single())
                .isEqualTo("ADMIN");
        assertThat(admin.page("/settings/users").body()).contains("last administrator");
        assertThat(agent.page("/customers").statusCode()).isEqualTo(200);
        // A new role takes effect at once, in the open session too: the agent must sign in again.
        admin.postForm("/settings/users/new.agent", "role=ANALYST&enabled=true&_csrf=" + csrf);
        HttpResponse<String> stale = agent.page("/customers");
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(stale.headers().firstValue("Location").orElse("")).contains("/login?expired");
        assertThat(agent.signIn("new.agent", PASSWORD).headers().firstValue("Location").orElse(""))
                .doesNotContain("error");
        assertThat(agent.getAny("/customers.csv").statusCode()).isEqualTo(200); // analysts export; agents do not
        // Disabling a user stops their sign-in and ends their open session.
        admin.postForm("/settings/users/new.agent", "role=ANALYST&_csrf=" + csrf);
        assertThat(agent.page("/customers").headers().firstValue("Location").orElse("")).contains("/login");
        assertThat(Http.browser(port).signIn("new.agent", PASSWORD).headers().firstValue("Location").orElse(""))
                .contains("error");
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'staff_user' and entity_id ="
                + " 'new.agent' order by id").query(String.class).list()).containsExactly("create", "change-access",
                "change-access");
        // The audit log is searchable by who and what.
        assertThat(admin.page("/settings/audit?entityType=staff_user&entityId=new.agent").body())
                .contains("change-access").doesNotContain(">api_token<");
    }

    @Test
    void staticFilesAndWebJarsAreServedAndLinksAreNotRewritten() {
        // WebConfiguration turns off the link rewriting of the resource chain; the files must still be served, by
        // the URLs the layout writes (the WebJars without their version).
        String page = admin.page("/customers").body();
        assertThat(page).contains("src=\"/webjars/htmx.org/dist/htmx.min.js\"")
                .contains("href=\"/css/fidelis.css\"").contains("src=\"/js/fidelis.js\"");
        for (String file : List.of("/webjars/htmx.org/dist/htmx.min.js", "/webjars/echarts/echarts.min.js",
                "/css/fidelis.css", "/js/fidelis.js")) {
            HttpResponse<String> r = Http.at(port).getAny(file);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.body()).as(file).hasSizeGreaterThan(100);
        }
        assertThat(Http.at(port).getAny("/webjars/htmx.org/dist/no-such-file.js").statusCode()).isEqualTo(404);
    }
}
