package io.fidelis.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.fidelis.app.staff.ApiTokens;
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

/**
 * An account manager sees and changes only the customers assigned to them, through every path: API read, search,
 * export, purchases, summary and update; the web list, search box, filters, export, 360 page and edit form; and an
 * API token acting for them. Another manager's customer answers 404, as if it did not exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RowLevelScenarios {
    static final String PASSWORD = "row-level-password";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ApiTokens tokens;

    Http admin;

    @BeforeEach
    void setUp() {
        TestData.clean(jdbc);
        staff.create("am-one", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("am-two", null, Role.ACCOUNT_MANAGER, PASSWORD);
        admin = Http.at(port).as("admin", "admin-test-password");
        create("MINE-1", "Mina Own", "am-one");
        create("MINE-2", "Mike Own", "am-one");
        create("THEIRS-1", "Mina Other", "am-two");
        assertThat(admin.post("/api/v1/customers/THEIRS-1/purchases", "{\"orderId\":\"T-ORDER\","
                + "\"purchasedAt\":\"2025-01-02T10:00:00Z\",\"lines\":[{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":5}]}")
                .statusCode()).isEqualTo(201);
    }

    private void create(String id, String name, String manager) {
        assertThat(admin.post("/api/v1/customers", "{\"externalId\":\"" + id + "\",\"name\":\"" + name
                + "\",\"email\":\"" + id.toLowerCase() + "@example.com\",\"region\":\"North\",\"accountManager\":\""
                + manager + "\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void theApiHidesAnotherManagersCustomerOnEveryPath() {
        Http am = Http.at(port).as("am-one", PASSWORD);
        assertApiScoped(am);
    }

    @Test
    void anApiTokenActsWithItsOwnersScope() {
        String token = tokens.issue("am-one", "script").token();
        assertApiScoped(Http.at(port).bearer(token));
    }

    private void assertApiScoped(Http am) {
        assertThat(am.get("/api/v1/customers/MINE-1").statusCode()).isEqualTo(200);
        assertThat(am.get("/api/v1/customers/THEIRS-1").statusCode()).isEqualTo(404);
        assertThat(am.get("/api/v1/customers/THEIRS-1/purchases").statusCode()).isEqualTo(404);
        assertThat(am.get("/api/v1/customers/THEIRS-1/summary").statusCode()).isEqualTo(404);
        assertThat(am.put("/api/v1/customers/THEIRS-1", "{\"name\":\"Taken\",\"accountManager\":\"am-one\"}")
                .statusCode()).isEqualTo(404);
        assertThat(am.post("/api/v1/customers/THEIRS-1/purchases", "{\"orderId\":\"X\",\"purchasedAt\":"
                + "\"2025-01-02T10:00:00Z\",\"lines\":[{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":5}]}").statusCode())
                .isEqualTo(404);
        String search = am.get("/api/v1/customers?q=Mina").body();
        assertThat(search).contains("MINE-1").doesNotContain("THEIRS-1");
        assertThat(am.get("/api/v1/customers?manager=am-two").body()).doesNotContain("THEIRS-1");
        String csv = am.getAny("/api/v1/customers.csv").body();
        assertThat(csv).contains("MINE-1", "MINE-2").doesNotContain("THEIRS-1");
        assertThat(jdbc.sql("select name from customer where external_id = 'THEIRS-1'").query(String.class).single())
                .isEqualTo("Mina Other");
        assertThat(jdbc.sql("select count(*) from purchase where order_id = 'X'").query(Long.class).single())
                .isZero();
    }

    @Test
    void theWorkspaceHidesAnotherManagersCustomerOnEveryPage() {
        Http am = Http.browser(port);
        am.signIn("am-one", PASSWORD);
        assertThat(am.page("/customers/MINE-1").statusCode()).isEqualTo(200);
        assertThat(am.page("/customers/THEIRS-1").statusCode()).isEqualTo(404);
        assertThat(am.page("/customers/THEIRS-1/edit").statusCode()).isEqualTo(404);
        String list = am.page("/customers").body();
        assertThat(list).contains("MINE-1", "MINE-2").doesNotContain("THEIRS-1");
        assertThat(am.page("/customers?q=Mina").body()).contains("MINE-1").doesNotContain("THEIRS-1");
        assertThat(am.page("/customers?q=THEIRS-1").body()).doesNotContain("/customers/THEIRS-1");
        assertThat(am.page("/customers?q=theirs-1%40example.com").body()).doesNotContain("Mina Other");
        assertThat(am.page("/customers?manager=am-two").body()).doesNotContain("Mina Other");
        String csv = am.getAny("/customers.csv").body();
        assertThat(csv).contains("MINE-1").doesNotContain("THEIRS-1");
        HttpResponse<String> update = am.postForm("/customers/THEIRS-1", "name=Taken&accountManager=am-one&version=0"
                + "&_csrf=" + am.csrfToken());
        assertThat(update.statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select name from customer where external_id = 'THEIRS-1'").query(String.class).single())
                .isEqualTo("Mina Other");
        // The overview counts only their own customers.
        assertThat(am.page("/").body()).contains("id=\"card-customers\">2<");
    }

    @Test
    void aManagerSeesEveryCustomer() {
        staff.create("boss", null, Role.MANAGER, PASSWORD);
        Http boss = Http.browser(port);
        boss.signIn("boss", PASSWORD);
        assertThat(boss.page("/customers").body()).contains("MINE-1", "MINE-2", "THEIRS-1");
        assertThat(boss.getAny("/customers.csv").body()).contains("MINE-1", "THEIRS-1");
        assertThat(boss.page("/customers?manager=am-two").body()).contains("THEIRS-1").doesNotContain("MINE-1");
    }
}
