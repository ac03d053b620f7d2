package io.fidelis.app.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fidelis.app.shared.BusinessRuleException;
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
 * The loyalty programme over real HTTP and on both databases: enrolment, points on orders after joining (double on
 * tea), a return reversing them, a referral bonus once the referee kept their first purchase, expiry, redemption
 * against stock, two redemptions racing for one balance (never below zero), a manager's tier override (audited, not
 * for account managers), the member's own card page behind its link, and gifts (buy 3 coffee, get a mug; a tea
 * sampler for a referral kept): pending until handed over, reduced or cancelled by a return, audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fidelis.programme.double-points=TEA:2:2020-01-01:2099-12-31",
                "fidelis.programme.gift-rules=COFFEE:3:Mug", "fidelis.programme.referral-gift=Tea sampler"})
abstract class ProgrammeScenarios {
    static final String PASSWORD = "programme-password-1";
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    LoyaltyProgramme programme;
    Http am1;
    long ann;
    long bob;

    @BeforeEach
    void business() {
        TestData.clean(jdbc);
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("boss", null, Role.MANAGER, PASSWORD);
        ann = customer("ANN");
        bob = customer("BOB");
        am1 = Http.browser(port);
        am1.signIn("am-1", PASSWORD);
    }

    long customer(String id) {
        jdbc.sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone, created_at,"
                        + " updated_at, version, account_manager_id) values (?, ?, ?, ?, true, 'UTC', current_timestamp,"
                        + " current_timestamp, 0, (select id from staff_user where username = 'am-1'))")
                .params(id, "Customer " + id, "customer " + id.toLowerCase(), id.toLowerCase() + "@example.com")
                .update();
        return jdbc.sql("select id from customer where external_id = ?").param(id).query(Long.class).single();
    }

    void order(String id, long customer, int daysAgo, String kind, String original, String sku, String category,
               int quantity, String price) {
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind, original_order_id) values (?, ?, ?,"
                        + " ?, ?)")
                .params(id, customer, OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo).plusMinutes(1), kind,
                        original).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price, unit_cost)"
                + " values (?, 1, ?, ?, ?, ?, 1)").params(id, sku, category, quantity, new java.math.BigDecimal(price))
                .update();
    }

    String enrolAnn() {
        HttpResponse<String> r = am1.postForm("/customers/ANN/programme/enrol", "_csrf=" + am1.csrfToken());
        assertThat(r.statusCode()).isEqualTo(302);
        String page = am1.page("/customers/ANN").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/card/([A-Za-z0-9_-]{22})<").matcher(page);
        assertThat(m.find()).as("the card link, once").isTrue();
        return m.group(1);
    }

    long balance() {
        return programme.member("ANN").orElseThrow().balance();
    }

    @Test
    void pointsAreEarnedReversedGrantedForAReferralAndExpire() {
        order("OLD-1", ann, 10, "ORDER", null, "CUP", "Cups", 1, "50.00");
        String card = enrolAnn();
        // A lot earned long ago that expired 35 days ago (as if migrated from an older programme): not usable.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        jdbc.sql("insert into points_entry (customer_id, kind, entry_date, lot_id, points, expires_on, reason,"
                + " created_at, created_by) values (?, 'EARN', ?, 'OLD', 100, ?, 'an old lot', current_timestamp, 'x')")
                .params(ann, today.minusDays(400), today.minusDays(35)).update();
        // Bought before joining: nothing. After joining: 12.50 of cups (12 points) and 2 × 10.00 of tea, double (40).
        assertThat(balance()).isZero();
        order("SO-1", ann, 0, "ORDER", null, "CUP", "Cups", 1, "12.50");
        order("SO-2", ann, 0, "ORDER", null, "TEA", "TEA", 2, "10.00");
        assertThat(programme.accrueAll()).as("two orders and the expiry written").isEqualTo(3);
        assertThat(balance()).isEqualTo(52);
        assertThat(jdbc.sql("select points from points_entry where kind = 'EXPIRE'").query(Long.class).single())
                .isEqualTo(100);
        assertThat(programme.accrueAll()).as("idempotent").isZero();
        // One tea returned: its 20 points go back.
        order("RT-2", ann, 0, "RETURN", "SO-2", "TEA", "TEA", -1, "10.00");
        programme.accrueAll();
        assertThat(balance()).isEqualTo(32);
        // A return whose lines are worth more than its order earned (three cups back from an order of one) takes
        // back what the order earned, no more, and says so.
        order("SO-3", ann, 0, "ORDER", null, "CUP", "Cups", 1, "10.00");
        order("RT-3", ann, 0, "RETURN", "SO-3", "CUP", "Cups", -3, "10.00");
        programme.accrueAll();
        assertThat(balance()).isEqualTo(32);
        assertThat(jdbc.sql("select reason from points_entry where source = 'RT-3'").query(String.class).single())
                .contains("capped at the 10");
        // Bob, referred by Ann, kept the first purchase he made 40 days ago: Ann earns the referral bonus, once.
        jdbc.sql("update customer set referred_by_id = ? where id = ?").params(ann, bob).update();
        order("B-1", bob, 40, "ORDER", null, "CUP", "Cups", 1, "5.00");
        programme.accrueAll();
        programme.accrueAll();
        assertThat(balance()).isEqualTo(232);
        assertThat(jdbc.sql("select count(*) from points_entry where source like 'referral:%'").query(Long.class)
                .single()).isOne();
        // The card page: tier, balance, expiry dates, rewards, the rules; a wrong token is not found.
        Http visitor = Http.browser(port);
        String page = visitor.page("/card/" + card).body();
        assertThat(page).containsPattern("id=\"card-balance\">232<").contains("Member")
                .contains("points usable until " + today.plusMonths(24));
        assertThat(visitor.page("/card/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
    }

    @Test
    void redemptionsUseStockAndTwoAtOnceNeverOverdraw() throws Exception {
        enrolAnn();
        order("SO-1", ann, 0, "ORDER", null, "CUP", "Cups", 1, "100.00");
        programme.accrueAll();
        assertThat(balance()).isEqualTo(100);
        Http boss = Http.browser(port);
        boss.signIn("boss", PASSWORD);
        boss.postForm("/programme/rewards", "code=mug&nameEn=Mug&nameZh=" + Http.encode("杯子")
                + "&points=80&stock=10&active=true&_csrf=" + boss.csrfToken());
        boss.postForm("/programme/rewards", "code=SET&nameEn=Tea+set&nameZh=" + Http.encode("茶具")
                + "&points=10&stock=0&active=true&_csrf=" + boss.csrfToken());
        assertThat(am1.postForm("/programme/rewards", "code=X1&nameEn=x&nameZh=x&points=1&stock=1&_csrf="
                + am1.csrfToken()).statusCode()).isEqualTo(403);
        // Out of stock: refused, nothing spent.
        am1.postForm("/customers/ANN/programme/redeem", "reward=SET&_csrf=" + am1.csrfToken());
        assertThat(am1.page("/customers/ANN").body()).contains("Tea set is out of stock");
        assertThat(balance()).isEqualTo(100);
        // Two redemptions of 80 race for a balance of 100: one wins, the other is refused; never below zero.
        ExecutorService two = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(two.submit(() -> {
                go.await();
                try {
                    programme.redeem("ANN", "MUG");
                    return "ok";
                } catch (BusinessRuleException e) {
                    return e.getMessage();
                }
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        two.shutdown();
        assertThat(outcomes).containsExactlyInAnyOrder("ok", "not enough points: the balance is 20, Mug needs 80");
        assertThat(balance()).isEqualTo(20);
        assertThat(jdbc.sql("select stock from reward where code = 'MUG'").query(Integer.class).single())
                .isEqualTo(9);
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'programme-member' and action ="
                + " 'redeem'").query(Long.class).single()).isOne();
    }

    @Test
    void aManagerOverridesTheTierUntilADateAndItIsAudited() {
        enrolAnn();
        String until = LocalDate.now(ZoneOffset.UTC).plusMonths(2).toString();
        assertThat(am1.postForm("/customers/ANN/programme/tier", "tier=Gold&until=" + until + "&note=x&_csrf="
                + am1.csrfToken()).statusCode()).isEqualTo(403);
        Http boss = Http.browser(port);
        boss.signIn("boss", PASSWORD);
        boss.postForm("/customers/ANN/programme/tier", "tier=Gold&until=" + until + "&note="
                + Http.encode("Opened our second shop") + "&_csrf=" + boss.csrfToken());
        String page = boss.page("/customers/ANN").body();
        assertThat(page).containsPattern("id=\"member-tier\">Gold<").contains("boss");
        assertThat(jdbc.sql("select new_value from audit_event where action = 'override tier'").query(String.class)
                .single()).contains("Gold").contains(until);
        // The override ends after its last day: the earned tier applies again.
        jdbc.sql("update programme_member set override_until = ?").param(LocalDate.now(ZoneOffset.UTC).minusDays(1))
                .update();
        assertThat(boss.page("/customers/ANN").body()).containsPattern("id=\"member-tier\">Member<");
        // The overview counts members by tier and values the points outstanding.
        assertThat(boss.page("/programme").body()).containsPattern("id=\"members\">1<");
    }

    record Gift(String gift, int quantity, String status, String note) {
    }

    List<Gift> gifts() {
        return jdbc.sql("select gift, quantity, status, note from gift_entitlement where customer_id = ? order by id")
                .param(ann).query((rs, n) -> new Gift(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    @Test
    void giftsArePendingUntilHandedOverAndAReturnReducesThem() {
        String card = enrolAnn();
        // 7 bags of coffee in one order: one mug per 3 bought, so 2 mugs; accrued once however often it runs.
        order("SO-C", ann, 0, "ORDER", null, "COFFEE", "Coffee", 7, "5.00");
        programme.accrueAll();
        programme.accrueAll();
        assertThat(gifts()).containsExactly(new Gift("Mug", 2, "PENDING", null));
        assertThat(balance()).isEqualTo(35);
        // Two bags returned: 5 kept still earn one mug. Three more returned: none, so the gift is cancelled.
        order("RT-C1", ann, 0, "RETURN", "SO-C", "COFFEE", "Coffee", -2, "5.00");
        programme.accrueAll();
        assertThat(gifts()).containsExactly(new Gift("Mug", 1, "PENDING", "order SO-C partly or wholly returned"));
        order("RT-C2", ann, 0, "RETURN", "SO-C", "COFFEE", "Coffee", -3, "5.00");
        programme.accrueAll();
        assertThat(gifts()).containsExactly(new Gift("Mug", 0, "CANCELLED", "order SO-C partly or wholly returned"));
        // A second order earns a mug, and it shows on the member's card.
        order("SO-D", ann, 0, "ORDER", null, "COFFEE", "Coffee", 3, "5.00");
        programme.accrueAll();
        Http visitor = Http.browser(port);
        assertThat(visitor.page("/card/" + card).body()).contains("id=\"card-gifts\"").contains("1 × Mug");
        long mug = jdbc.sql("select id from gift_entitlement where source = 'SO-D'").query(Long.class).single();
        // The account manager hands it over from the Customer 360 (CSRF, audited); a second time is refused.
        assertThat(am1.postForm("/customers/ANN/programme/gifts/" + mug + "/hand-over", "note="
                + Http.encode("given at the shop") + "&_csrf=" + am1.csrfToken()).statusCode()).isEqualTo(302);
        assertThat(am1.page("/customers/ANN").body()).contains("The gift is marked as handed over.")
                .contains("given at the shop");
        am1.postForm("/customers/ANN/programme/gifts/" + mug + "/hand-over", "_csrf=" + am1.csrfToken());
        assertThat(am1.page("/customers/ANN").body()).contains("the gift Mug is handed over already");
        assertThat(jdbc.sql("select new_value from audit_event where action = 'hand over gift'").query(String.class)
                .single()).contains("HANDED_OVER").contains("given at the shop");
        // Returning the order after the mug was given leaves the gift as it was (it is in the customer's hands).
        order("RT-D", ann, 0, "RETURN", "SO-D", "COFFEE", "Coffee", -3, "5.00");
        programme.accrueAll();
        assertThat(gifts().get(1)).isEqualTo(new Gift("Mug", 1, "HANDED_OVER", "given at the shop"));
        assertThat(visitor.page("/card/" + card).body()).doesNotContain("id=\"card-gifts\"");
        // A referral kept earns both the points and the configured gift; the API lists the gifts.
        jdbc.sql("update customer set referred_by_id = ? where id = ?").params(ann, bob).update();
        order("B-1", bob, 40, "ORDER", null, "CUP", "Cups", 1, "5.00");
        programme.accrueAll();
        programme.accrueAll();
        assertThat(gifts()).hasSize(3).last().isEqualTo(new Gift("Tea sampler", 1, "PENDING", null));
        Http api = Http.at(port).as("am-1", PASSWORD);
        HttpResponse<String> listed = api.get("/api/v1/customers/ANN/programme/gifts");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"gift\":\"Tea sampler\"").contains("\"status\":\"PENDING\"")
                .contains("kept their first purchase");
        long sampler = jdbc.sql("select id from gift_entitlement where gift = 'Tea sampler'").query(Long.class)
                .single();
        HttpResponse<String> handed = api.post("/api/v1/customers/ANN/programme/gifts/" + sampler + "/hand-over",
                "{\"note\":\"posted\"}");
        assertThat(handed.statusCode()).isEqualTo(200);
        assertThat(handed.body()).contains("\"status\":\"HANDED_OVER\"").contains("\"settledBy\":\"am-1\"");
        assertThat(api.post("/api/v1/customers/ANN/programme/gifts/" + sampler + "/hand-over", "{}").statusCode())
                .isEqualTo(422);
        // The overview counts what is still to hand over: nothing now.
        Http boss = Http.browser(port);
        boss.signIn("boss", PASSWORD);
        assertThat(boss.page("/programme").body()).containsPattern("id=\"pending-gifts\">0<");
    }
}
