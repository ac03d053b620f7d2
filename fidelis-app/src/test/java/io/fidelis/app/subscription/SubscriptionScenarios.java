package io.fidelis.app.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;

import io.fidelis.app.importing.ImportFile;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportSummary;
import io.fidelis.app.importing.ImportingCsv;
import io.fidelis.app.loyalty.LoyaltyScoring;
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
 * Subscriptions (issue 9): imported from a file (all or nothing, errors naming line and field, a re-import changing
 * nothing, another export's headers mapped); the churn model fitted in a scoring run on generated subscribers with
 * a planted effect, each current subscriber scored with factors in words; P(stay) in the role of P(alive) in the
 * loyalty stage with the evidence naming the signal used; late deliveries as loyalty evidence; the API, the model
 * page and the Customer 360 panel, with an account manager reaching only their own customers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SubscriptionScenarios {
    static final String HEADER = "subscription_id,customer_id,plan,started_on,ended_on,monthly_charge,contract,"
            + "payment_method,services,payment_issues,support_contacts\n";
    static final String PASSWORD = "subscription-test-password-1";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ImportingCsv importer;
    @Autowired
    LoyaltyScoring scoring;
    @TempDir
    Path dir;

    Http admin;

    @BeforeEach
    void business() {
        TestData.clean(jdbc);
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("am-2", null, Role.ACCOUNT_MANAGER, PASSWORD);
        admin = Http.at(port).as("admin", "admin-test-password");
    }

    ImportSummary run(String name, String content) throws Exception {
        return run(name, content, Map.of());
    }

    ImportSummary run(String name, String content, Map<String, String> mapping) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return importer.importFile(new ImportFile(ImportKind.SUBSCRIPTIONS, f, mapping, false, null, null, null,
                null));
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void aFileOfSubscriptionsIsImportedAndAgainChangesNothing() throws Exception {
        String file = HEADER
                + "S-1,17850.0,Fibre 100,2025-01-15,,39.90,Month-to-month,Card,Internet; Streaming TV;internet,0,1\n"
                + "S-2,C-2,Mobile,2024-06-01,2025-09-30,19.00,One year,,,2,\n"
                + "S-3,C-2,Fibre 100,2025-10-01,,39.90,,,,,\n";
        ImportSummary s = run("subscriptions.csv", file);
        assertThat(s.accepted()).as(s.errors().toString()).isTrue();
        assertThat(s.imported()).isEqualTo(3);
        // Customers named for the first time are created; ids are normalised as for purchases.
        assertThat(count("select count(*) from customer where external_id in ('17850', 'C-2')")).isEqualTo(2);
        assertThat(jdbc.sql("select services from subscription where subscription_id = 'S-1'").query(String.class)
                .single()).isEqualTo("internet;streaming tv");
        assertThat(count("select count(*) from subscription where ended_on is null")).isEqualTo(2);
        assertThat(count("select payment_issues + support_contacts from subscription where subscription_id = 'S-3'"))
                .isZero();

        ImportSummary again = run("subscriptions.csv", file);
        assertThat(again.imported()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);

        // A cancellation arrives in a later export, with its own headers.
        ImportSummary cancelled = run("export.csv", "contract_no,client,product,since,until,fee\n"
                + "S-1,17850,Fibre 100,2025-01-15,2026-02-01,39.90\n", Map.of("subscription_id", "contract_no",
                "customer_id", "client", "plan", "product", "started_on", "since", "ended_on", "until",
                "monthly_charge", "fee"));
        assertThat(cancelled.accepted()).as(cancelled.errors().toString()).isTrue();
        assertThat(cancelled.updated()).isEqualTo(1);
        assertThat(jdbc.sql("select ended_on from subscription where subscription_id = 'S-1'")
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 2, 1));
    }

    @Test
    void anInvalidRowRejectsTheWholeFileNamingLineAndField() throws Exception {
        ImportSummary s = run("bad.csv", HEADER
                + "S-1,C-1,Fibre,2025-01-15,,39.90,,,,,\n"
                + "S-2,C-1,Fibre,2025-01-15,2024-12-31,39.90,,,,,\n"
                + "S-3,C-1,Fibre,2025-01-15,,-1,,,,,\n"
                + "S-4,C-1,Fibre,2025-01-15,,10,,,,1.5,\n"
                + "S-5,C-1,,2025-01-15,,10,,,,,\n"
                + "S-6,C-1,Fibre,15/01/2025,,10,,,,,\n"
                + "S-1,C-1,Fibre,2025-01-15,,39.90,,,,,-2\n");
        assertThat(s.accepted()).isFalse();
        assertThat(count("select count(*) from subscription")).isZero();
        assertThat(count("select count(*) from customer")).isZero();
        assertThat(s.errors()).extracting(e -> e.line() + ":" + e.field()).contains("3:ended_on",
                "4:monthly_charge", "5:payment_issues", "6:plan", "7:started_on", "8:support_contacts");
        assertThat(s.errors().stream().filter(e -> e.line() == 3).findFirst().orElseThrow().reason())
                .contains("before started_on");

        // A subscription named twice, or moved to another customer, is refused too.
        assertThat(run("ok.csv", HEADER + "S-1,C-1,Fibre,2025-01-15,,39.90,,,,,\n").accepted()).isTrue();
        ImportSummary twice = run("twice.csv", HEADER + "S-7,C-1,Fibre,2025-01-15,,39.90,,,,,\n"
                + "S-7,C-1,Fibre,2025-01-15,,39.90,,,,,\n" + "S-1,C-9,Fibre,2025-01-15,,39.90,,,,,\n");
        assertThat(twice.accepted()).isFalse();
        assertThat(twice.errors()).extracting(e -> e.line() + ":" + e.field())
                .containsExactlyInAnyOrder("3:subscription_id", "4:customer_id");
        assertThat(count("select count(*) from subscription")).isEqualTo(1);
    }

    /**
     * 300 generated subscribers (seed 9): a month-to-month contract and support contacts raise the odds of
     * cancelling, tenure lowers them (a planted logistic model), so the fitted model must separate them well.
     */
    String generated(LocalDate today) {
        Random r = new Random(9);
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < 300; i++) {
            boolean monthly = r.nextDouble() < 0.5;
            int contacts = r.nextInt(5);
            int months = 3 + r.nextInt(40);
            double eta = -1.2 + (monthly ? 2.0 : -0.5) + 0.6 * contacts - 0.04 * months;
            boolean churned = r.nextDouble() < 1 / (1 + Math.exp(-eta));
            LocalDate start = today.minusMonths(months);
            LocalDate end = churned ? start.plusMonths(Math.max(1, months - 1 - r.nextInt(3))) : null;
            b.append("G-").append(i).append(",GC-").append(i).append(',').append(r.nextBoolean() ? "Fibre" : "Mobile")
                    .append(',').append(start).append(',').append(end == null ? "" : end.toString()).append(',')
                    .append(20 + r.nextInt(40)).append(',').append(monthly ? "Month-to-month" : "One year")
                    .append(",Card,internet,0,").append(contacts).append('\n');
        }
        return b.toString();
    }

    @Test
    void theChurnModelIsFittedInAScoringRunAndTakesTheRoleOfPAlive() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ImportSummary s = run("generated.csv", generated(today));
        assertThat(s.accepted()).as(s.errors().toString()).isTrue();
        long churned = count("select count(*) from subscription where ended_on is not null");
        assertThat(churned).isBetween(60L, 240L);
        jdbc.sql("update customer set account_manager_id = (select id from staff_user where username = 'am-1')"
                + " where external_id = 'GC-1'").update();

        scoring.scoreAll();

        // The model and its cross-validated evaluation; a score for every current subscriber, none for the others.
        // (The import's own scoring run in the background may have fitted it once before.)
        assertThat(count("select count(*) from subscription_churn_model")).isBetween(1L, 2L);
        assertThat(count("select count(*) from subscription_churn_score")).isEqualTo(300 - churned);
        HttpResponse<String> model = admin.get("/api/v1/subscriptions/churn-model");
        assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
        double auc = Double.parseDouble(model.body().replaceAll("(?s).*\"rocAuc\":([0-9.]+).*", "$1"));
        // The planted effects are strong: a cross-validated AUC well above chance.
        assertThat(auc).isGreaterThan(0.75);
        assertThat(model.body()).contains("\"term\":\"contract=", "\"calibration\"", "\"topDecileLift\"");

        // Pure subscribers get a profile: a cancelled one is lost, by P(stay) 0 from their subscription.
        String cancelled = jdbc.sql("select c.external_id from customer c join subscription s on s.customer_id = c.id"
                + " where s.ended_on is not null order by c.external_id fetch first 1 rows only").query(String.class)
                .single();
        Map<String, Object> lost = jdbc.sql("select p.overlay, p.p_alive, p.evidence from loyalty_profile p join"
                + " customer c on c.id = p.customer_id where c.external_id = ?").param(cancelled).query().singleRow();
        assertThat(lost.get("overlay")).isEqualTo("LOST");
        assertThat(((Number) lost.get("p_alive")).doubleValue()).isZero();
        assertThat((String) lost.get("evidence")).contains("every subscription ended on", "P(stay) 0");
        // A current one: P(stay) = 1 − the stored churn probability, with the factors in the evidence.
        Map<String, Object> current = jdbc.sql("select p.p_alive, s.probability, p.evidence from loyalty_profile p"
                + " join subscription_churn_score s on s.customer_id = p.customer_id order by s.probability desc"
                + " fetch first 1 rows only").query().singleRow();
        assertThat(((Number) current.get("p_alive")).doubleValue())
                .isCloseTo(1 - ((Number) current.get("probability")).doubleValue(), org.assertj.core.data.Offset
                        .offset(1e-9));
        assertThat((String) current.get("evidence")).contains("from the subscription churn model", "P(stay)",
                "contract");
        assertThat(count("select count(*) from loyalty_profile")).isEqualTo(300);

        // The API and the Customer 360 page: the probability and its factors in words.
        HttpResponse<String> one = admin.get("/api/v1/customers/GC-1/subscriptions");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"subscriptionId\":\"G-1\"");
        Http am1 = Http.at(port).as("am-1", PASSWORD);
        Http am2 = Http.at(port).as("am-2", PASSWORD);
        assertThat(am1.get("/api/v1/customers/GC-1/subscriptions").statusCode()).isEqualTo(200);
        assertThat(am2.get("/api/v1/customers/GC-1/subscriptions").statusCode()).isEqualTo(404);
        String scoredCustomer = jdbc.sql("select c.external_id from customer c join subscription_churn_score s on"
                + " s.customer_id = c.id order by c.external_id fetch first 1 rows only").query(String.class).single();
        Http browser = Http.signedIn(port, "admin", "admin-test-password");
        HttpResponse<String> page = browser.page("/customers/" + scoredCustomer);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"subscription-churn\"", "id=\"subscription-factors\"",
                "churn risk");
        // The evidence names the signal used, in words (no missing message).
        assertThat(page.body()).contains("which signal").doesNotContain("??");
        HttpResponse<String> modelPage = browser.page("/subscriptions/churn");
        assertThat(modelPage.statusCode()).isEqualTo(200);
        assertThat(modelPage.body()).contains("id=\"churn-auc\"", "id=\"churn-coefficients\"", "contract=");
    }

    @Test
    void withTooFewSubscribersNoModelIsFittedAndPurchasesDecide() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(run("few.csv", HEADER + "S-1,C-1,Fibre," + today.minusMonths(10) + ",,39.90,,,,,\n"
                + "S-2,C-2,Fibre," + today.minusMonths(10) + "," + today.minusMonths(2) + ",39.90,,,,,\n")
                .accepted()).isTrue();
        long c1 = jdbc.sql("select id from customer where external_id = 'C-1'").query(Long.class).single();
        for (int w : new int[] {30, 20, 10, 2}) {
            order("O-" + w, c1, OffsetDateTime.now(ZoneOffset.UTC).minusWeeks(w));
        }
        scoring.scoreAll();
        assertThat(count("select count(*) from subscription_churn_model")).isZero();
        assertThat(admin.get("/api/v1/subscriptions/churn-model").statusCode()).isEqualTo(404);
        String evidence = jdbc.sql("select evidence from loyalty_profile where customer_id = ?").param(c1)
                .query(String.class).single();
        // Two customers fit no repeat-buying model either: the running subscription counts as staying.
        assertThat(evidence).contains("no subscription churn model yet", "counts as staying");
        assertThat(jdbc.sql("select overlay from loyalty_profile p join customer c on c.id = p.customer_id"
                + " where c.external_id = 'C-2'").query(String.class).single()).isEqualTo("LOST");
    }

    @Test
    void lateDeliveriesAreLoyaltyEvidenceAndPutTheCustomerAtRisk() {
        jdbc.sql("insert into customer (external_id, name, name_key, marketing_consent, time_zone, created_at,"
                + " updated_at, version) values ('LATE', 'Late', 'late', true, 'UTC', current_timestamp,"
                + " current_timestamp, 0)").update();
        long id = jdbc.sql("select id from customer where external_id = 'LATE'").query(Long.class).single();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int[] weeksAgo = {60, 40, 20, 8, 4};
        for (int w : weeksAgo) {
            order("L-" + w, id, now.minusWeeks(w));
        }
        // Two of the recent orders came three days late.
        for (int w : new int[] {8, 4}) {
            jdbc.sql("insert into delivery (order_id, customer_id, warehouse, promised_on, delivered_at, updated_at)"
                    + " values (?, ?, 'North', ?, ?, current_timestamp)").params("L-" + w, id,
                    now.minusWeeks(w).toLocalDate().plusDays(1), now.minusWeeks(w).plusDays(4)).update();
        }
        scoring.scoreAll();
        Map<String, Object> p = jdbc.sql("select overlay, evidence from loyalty_profile where customer_id = ?")
                .param(id).query().singleRow();
        assertThat((String) p.get("evidence")).contains("late-delivery", "[\"late.count\",\"2\",\"2\"]");
        assertThat(p.get("overlay")).isEqualTo("AT_RISK");
    }

    void order(String orderId, long customer, OffsetDateTime at) {
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                .params(orderId, customer, at).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, quantity, unit_price) values (?, 1, null, 1, 10)")
                .param(orderId).update();
    }
}
