package io.fidelis.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.fidelis.app.importing.ImportFile;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportSummary;
import io.fidelis.app.importing.ImportingCsv;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deliveries of orders: imported from a file (all or nothing, errors naming the line and field, a re-import
 * changing nothing, ids normalised as for purchases), recorded and read through the API (audited, validated), and
 * an account manager reaching only their own customers' orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DeliveryScenarios {
    static final String HEADER = "order_id,warehouse,promised_on,delivered_at,sku,quantity_short,out_of_stock\n";
    static final String PASSWORD = "delivery-test-password-1";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ImportingCsv importer;
    @TempDir
    Path dir;

    Http admin;

    @BeforeEach
    void business() {
        TestData.clean(jdbc);
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("am-2", null, Role.ACCOUNT_MANAGER, PASSWORD);
        long ann = customer("ANN", "am-1");
        long bob = customer("BOB", "am-2");
        order("17850", ann, "ORDER");
        order("SO-2", ann, "ORDER");
        order("SO-3", bob, "ORDER");
        order("RT-1", ann, "RETURN");
        admin = Http.at(port).as("admin", "admin-test-password");
    }

    long customer(String id, String manager) {
        jdbc.sql("insert into customer (external_id, name, name_key, marketing_consent, time_zone, created_at,"
                        + " updated_at, version, account_manager_id) values (?, ?, ?, true, 'Asia/Shanghai',"
                        + " current_timestamp, current_timestamp, 0, (select id from staff_user where username = ?))")
                .params(id, "Customer " + id, "customer " + id.toLowerCase(), manager).update();
        return jdbc.sql("select id from customer where external_id = ?").param(id).query(Long.class).single();
    }

    void order(String id, long customer, String kind) {
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, ?)")
                .params(id, customer, OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC), kind).update();
    }

    ImportSummary run(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return importer.importFile(ImportFile.of(ImportKind.DELIVERIES, f));
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void aFileOfDeliveriesWithShortLinesIsImportedAndAgainChangesNothing() throws Exception {
        String file = HEADER
                + "17850.0,East,2026-03-03,2026-03-03 15:00,,,\n"
                + "SO-2,North,2026-03-03,2026-03-05T10:00:00+08:00,SKU-1,2,false\n"
                + "SO-2,North,2026-03-03,2026-03-05T10:00:00+08:00,SKU-2,1,yes\n"
                + "SO-3,North,2026-03-03,,,,\n";
        ImportSummary s = run("deliveries.csv", file);
        assertThat(s.accepted()).as(s.errors().toString()).isTrue();
        assertThat(s.imported()).isEqualTo(3);
        assertThat(count("select count(*) from delivery")).isEqualTo(3);
        assertThat(count("select count(*) from delivery_shortfall where order_id = 'SO-2'")).isEqualTo(2);
        assertThat(count("select count(*) from delivery_shortfall where out_of_stock")).isEqualTo(1);
        assertThat(count("select count(*) from delivery where order_id = '17850' and customer_id ="
                + " (select id from customer where external_id = 'ANN')")).isEqualTo(1);
        assertThat(count("select count(*) from delivery where delivered_at is null")).isEqualTo(1);

        ImportSummary again = run("deliveries.csv", file);
        assertThat(again.imported()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);

        // A changed file replaces an order's delivery whole: SO-2 was delivered in full after all.
        ImportSummary changed = run("changed.csv", HEADER + "SO-2,North,2026-03-03,2026-03-05T10:00:00+08:00,,,\n");
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(count("select count(*) from delivery_shortfall")).isZero();
    }

    @Test
    void anInvalidRowRejectsTheWholeFileNamingLineAndField() throws Exception {
        ImportSummary s = run("bad.csv", HEADER
                + "SO-2,North,2026-03-03,2026-03-04 10:00,,,\n"
                + "SO-9,North,2026-03-03,,,,\n"
                + "RT-1,North,2026-03-03,,,,\n"
                + "SO-3,North,not-a-day,,,,\n"
                + "SO-3,North,2026-03-03,,,-1,\n"
                + "17850,North,2026-03-03,,,2,\n");
        assertThat(s.accepted()).isFalse();
        assertThat(count("select count(*) from delivery")).isZero();
        assertThat(s.errors()).extracting(e -> e.line() + ":" + e.field()).contains("3:order_id", "4:order_id",
                "5:promised_on", "6:quantity_short", "7:sku");
        assertThat(s.errors().stream().filter(e -> e.line() == 3).findFirst().orElseThrow().reason())
                .contains("no order 'SO-9'");

        // Rows of one order that disagree on its delivery are refused too.
        ImportSummary mixed = run("mixed.csv", HEADER + "SO-2,North,2026-03-03,,SKU-1,1,\n"
                + "SO-2,South,2026-03-03,,SKU-2,1,\n");
        assertThat(mixed.accepted()).isFalse();
        assertThat(mixed.errors()).extracting(e -> e.line() + ":" + e.field()).containsExactly("3:order_id");
    }

    @Test
    void aDeliveryIsRecordedAndReadThroughTheApiAndAudited() {
        HttpResponse<String> put = admin.put("/api/v1/orders/SO-2/delivery", "{\"warehouse\":\"North\","
                + "\"promisedOn\":\"2026-03-03\",\"deliveredAt\":\"2026-03-04T02:00:00Z\",\"shortfalls\":"
                + "[{\"sku\":\"SKU-1\",\"quantityShort\":2,\"outOfStock\":true}]}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        // 02:00 UTC is 10:00 in Shanghai on the 4th: a day late.
        assertThat(put.body()).contains("\"onTime\":false", "\"inFull\":false", "\"customerId\":\"ANN\"",
                "\"sku\":\"SKU-1\"");
        HttpResponse<String> get = admin.get("/api/v1/orders/SO-2/delivery");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).contains("\"warehouse\":\"North\"", "\"outOfStock\":true");

        HttpResponse<String> again = admin.put("/api/v1/orders/SO-2/delivery", "{\"warehouse\":\"North\","
                + "\"promisedOn\":\"2026-03-03\",\"deliveredAt\":\"2026-03-03T01:00:00Z\"}");
        assertThat(again.body()).contains("\"onTime\":true", "\"inFull\":true");
        assertThat(count("select count(*) from audit_event where entity_type = 'delivery' and entity_id = 'SO-2'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from audit_event where entity_type = 'delivery' and action = 'update'"
                + " and old_value like '%SKU-1%'")).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedAndNothingIsStored() {
        assertThat(admin.put("/api/v1/orders/SO-2/delivery", "{\"promisedOn\":\"2026-03-03\"}").statusCode())
                .isEqualTo(400);
        assertThat(admin.put("/api/v1/orders/SO-2/delivery", "{\"warehouse\":\"North\",\"promisedOn\":"
                + "\"2026-03-03\",\"shortfalls\":[{\"sku\":\"A\",\"quantityShort\":1},{\"sku\":\"A\","
                + "\"quantityShort\":1}]}").statusCode()).isEqualTo(422);
        assertThat(admin.put("/api/v1/orders/NOPE/delivery", "{\"warehouse\":\"North\",\"promisedOn\":"
                + "\"2026-03-03\"}").statusCode()).isEqualTo(404);
        assertThat(admin.get("/api/v1/orders/SO-3/delivery").statusCode()).isEqualTo(404);
        assertThat(count("select count(*) from delivery")).isZero();
    }

    @Test
    void anAccountManagerReachesOnlyTheirOwnCustomersOrders() {
        Http am1 = Http.at(port).as("am-1", PASSWORD);
        String body = "{\"warehouse\":\"North\",\"promisedOn\":\"2026-03-03\"}";
        assertThat(am1.put("/api/v1/orders/SO-2/delivery", body).statusCode()).isEqualTo(200);
        assertThat(am1.put("/api/v1/orders/SO-3/delivery", body).statusCode()).isEqualTo(404);
        assertThat(admin.put("/api/v1/orders/SO-3/delivery", body).statusCode()).isEqualTo(200);
        assertThat(am1.get("/api/v1/orders/SO-3/delivery").statusCode()).isEqualTo(404);
        assertThat(am1.get("/api/v1/orders/SO-2/delivery").statusCode()).isEqualTo(200);
        assertThat(Http.at(port).as("am-2", PASSWORD).get("/api/v1/orders/SO-3/delivery").statusCode())
                .isEqualTo(200);
    }
}
