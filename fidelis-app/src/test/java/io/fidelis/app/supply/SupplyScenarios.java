package io.fidelis.app.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
 * Where supply shows, over real HTTP: the Supply page (OTIF by warehouse and month for ECharts, stock-outs, the
 * late-delivery effects in words, estimated from the business's own deliveries, complaints and orders), scoped to an
 * account manager's customers; the deliveries on the Customer 360 page as evidence; and the delivery of the order on
 * a delivery complaint, its likely root cause.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SupplyScenarios {
    static final String PASSWORD = "supply-test-password-1";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;

    Http admin;

    @BeforeEach
    void business() {
        TestData.clean(jdbc);
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("am-2", null, Role.ACCOUNT_MANAGER, PASSWORD);
        // 80 customers of am-1 served from "Beijing", each with four orders two months apart; every fourth
        // customer's second delivery comes three days late, and half of those bring a complaint a few days later (as
        // does an on-time delivery of every ninth customer). BOB (am-2) is served from "Rotterdam".
        int complaint = 0;
        for (int i = 0; i < 80; i++) {
            long id = customer(String.format("C%03d", i), "am-1", i % 3 == 0 ? "Key account" : "Consumer");
            for (int k = 0; k < 4; k++) {
                LocalDate day = TODAY.minusDays(300 - 60L * k - i % 7);
                String order = String.format("SO-%03d-%d", i, k);
                boolean late = k == 1 && i % 4 == 0;
                order(order, id, day);
                delivery(order, id, "Beijing", day.plusDays(1), day.plusDays(late ? 4 : 1),
                        k == 2 && i % 10 == 0 ? "SKU-9" : null);
                if (late && i % 8 == 0 || k == 2 && i % 9 == 1) {
                    complaint(++complaint, id, order, day.plusDays(6));
                }
            }
        }
        long bob = customer("BOB", "am-2", "Consumer");
        order("SO-BOB", bob, TODAY.minusDays(20));
        delivery("SO-BOB", bob, "Rotterdam", TODAY.minusDays(19), TODAY.minusDays(12), null);
        admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
    }

    long customer(String id, String manager, String segment) {
        jdbc.sql("insert into customer (external_id, name, name_key, segment, region, marketing_consent, time_zone,"
                        + " created_at, updated_at, version, account_manager_id) values (?, ?, ?, ?, 'North', true,"
                        + " 'UTC', current_timestamp, current_timestamp, 0, (select id from staff_user where username"
                        + " = ?))")
                .params(id, "Customer " + id, "customer " + id.toLowerCase(), segment, manager).update();
        return jdbc.sql("select id from customer where external_id = ?").param(id).query(Long.class).single();
    }

    void order(String order, long customer, LocalDate day) {
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                .params(order, customer, day.atTime(10, 0).atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, quantity, unit_price) values (?, 1, 'SKU-9', 2,"
                + " 5)").param(order).update();
    }

    void delivery(String order, long customer, String warehouse, LocalDate promised, LocalDate delivered,
                  String outOfStock) {
        jdbc.sql("insert into delivery (order_id, customer_id, warehouse, promised_on, delivered_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, current_timestamp)")
                .params(order, customer, warehouse, promised, delivered.atTime(15, 0).atOffset(ZoneOffset.UTC))
                .update();
        if (outOfStock != null) {
            jdbc.sql("insert into delivery_shortfall (order_id, sku, quantity_short, out_of_stock)"
                    + " values (?, ?, 2, true)").params(order, outOfStock).update();
        }
    }

    void complaint(int n, long customer, String order, LocalDate day) {
        OffsetDateTime at = day.atTime(11, 0).atOffset(ZoneOffset.UTC);
        jdbc.sql("insert into complaint (reference, customer_id, order_id, category, severity, status, channel,"
                        + " subject, description, tracking_hash, language, received_at, created_by, version)"
                        + " values (?, ?, ?, 'DELIVERY', 'MEDIUM', 'RECEIVED', 'STAFF', 'Late', 'It came late', ?,"
                        + " 'en', ?, 'test', 0)")
                .params(String.format("CP-T%04d", n), customer, order, String.format("%064d", n), at).update();
    }

    @Test
    void theSupplyPageShowsOtifByWarehouseAndMonthAndTheEffectOfALateDelivery() {
        var page = admin.page("/supply?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("id=\"chart-otif\"", "data-series=", "Beijing", "Rotterdam", "echarts.min.js");
        // 321 deliveries: 20 late (Beijing) + 1 late (Rotterdam), 8 out of stock (SKU-9).
        assertThat(body).contains("SKU-9", "id=\"supply-stock-outs\"");
        // The complaints follow the late deliveries: the odds-ratio sentence, not "too few".
        assertThat(body).contains("multiplies the odds of a complaint within 30 days by");
        assertThat(body).doesNotContain("Too few deliveries (or late ones)");
        Http chinese = Http.browser(port).language("zh-CN");
        chinese.signIn("admin", "admin-test-password");
        assertThat(chinese.page("/supply").body()).contains("准时足额交付");
    }

    @Test
    void anAccountManagerSeesTheirOwnCustomersDeliveriesOnly() {
        Http am2 = Http.browser(port);
        am2.signIn("am-2", PASSWORD);
        String body = am2.page("/supply?lang=en").body();
        assertThat(body).contains("Rotterdam").doesNotContain("Beijing").doesNotContain("C000");
        Http agent = Http.browser(port);
        staff.create("agent-1", null, Role.AGENT, PASSWORD);
        agent.signIn("agent-1", PASSWORD);
        assertThat(agent.page("/supply").statusCode()).isEqualTo(403);
    }

    @Test
    void lateDeliveriesAreEvidenceOnTheCustomerPage() {
        String body = admin.page("/customers/C000?lang=en").body();
        assertThat(body).contains("id=\"customer-late-deliveries\"", "4 deliveries, 1 late, 1 short or out of stock",
                "id=\"delivery-SO-000-1\"");
        assertThat(body).contains("Delivery of SO-000-1 came 3 days late (warehouse Beijing)");
        assertThat(admin.page("/customers/C001?lang=en").body()).contains("4 deliveries, 0 late, 0 short");
    }

    @Test
    void aDeliveryComplaintLinksToTheOrdersDelivery() {
        String body = admin.page("/complaints/CP-T0001?lang=en").body();
        assertThat(body).contains("id=\"complaint-delivery\"", "order SO-000-1 from Beijing", "It came late.",
                "/customers/C000#delivery-SO-000-1");
    }
}
