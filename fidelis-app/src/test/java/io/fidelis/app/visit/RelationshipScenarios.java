package io.fidelis.app.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.fidelis.app.loyalty.LoyaltyStageChanged;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import io.fidelis.app.winback.LostCases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Relationship work over real HTTP: an account manager logs a visit on the Customer 360, raises a complaint from it
 * and sets a follow-up, which land in their day with the tasks generated from other capabilities; coverage by value
 * tier; a customer who becomes lost opens a case (and the exit survey) that the manager works and that a purchase
 * settles as won back; the reasons taxonomy; another manager sees none of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RelationshipScenarios {
    static final String PASSWORD = "relationship-password-1";
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    LostCases lostCases;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    io.fidelis.app.purchase.PurchaseSuggestions suggestions;
    Http am1;
    long ann;
    long bob;
    long cat;

    @BeforeEach
    void business() {
        TestData.clean(jdbc);
        suggestions.forget();
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("am-2", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("boss", null, Role.MANAGER, PASSWORD);
        ann = customer("ANN", "am-1", true);
        bob = customer("BOB", "am-1", false);
        cat = customer("CAT", "am-2", true);
        am1 = Http.browser(port);
        am1.signIn("am-1", PASSWORD);
    }

    long customer(String id, String manager, boolean consent) {
        jdbc.sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone, created_at,"
                        + " updated_at, version, account_manager_id, acquired_on) values (?, ?, ?, ?, ?, 'UTC',"
                        + " current_timestamp, current_timestamp, 0, (select id from staff_user where username = ?), ?)")
                .params(id, "Customer " + id, "customer " + id.toLowerCase(), id.toLowerCase() + "@example.com",
                        consent, manager, LocalDate.now(ZoneOffset.UTC).minusYears(3)).update();
        return jdbc.sql("select id from customer where external_id = ?").param(id).query(Long.class).single();
    }

    void profile(long customer, String stage, String overlay, double pAlive, double clv) {
        jdbc.sql("insert into loyalty_profile (customer_id, scored_at, stage, overlay, loyalty_index, p_alive, clv,"
                        + " occasions, t_x_weeks, t_weeks, monetary, evidence) values (?, current_timestamp, ?, ?,"
                        + " 0.5, ?, ?, 3, 10, 50, 20, '[]')")
                .params(customer, stage, overlay, pAlive, clv).update();
    }

    String follow(HttpResponse<String> redirect) {
        java.net.URI uri = java.net.URI.create(redirect.headers().firstValue("Location").orElseThrow());
        return am1.page(uri.getRawPath()).body();
    }

    @Test
    void aVisitWithAComplaintAndAFollowUpLandsInTheManagersDay() {
        String due = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
        HttpResponse<String> logged = am1.postForm("/customers/ANN/contacts", "kind=VISIT&notes=" + Http.encode(
                "Visited the shop") + "&needs=" + Http.encode("Wants a bigger teapot") + "&opinions="
                + Http.encode("The last delivery came late & broken") + "&raiseComplaint=true"
                + "&complaintCategory=DELIVERY&followUp=" + Http.encode("Bring the catalogue") + "&followUpDue=" + due
                + "&_csrf=" + am1.csrfToken());
        assertThat(logged.statusCode()).isEqualTo(302);
        String page = follow(logged);
        assertThat(page).contains("The contact is logged, and the complaint is filed")
                .contains("Wants a bigger teapot").contains("late &amp; broken");
        String reference = jdbc.sql("select complaint_reference from contact").query(String.class).single();
        assertThat(reference).startsWith("CP-");
        assertThat(jdbc.sql("select channel || ' ' || category from complaint where reference = ?").param(reference)
                .query(String.class).single()).isEqualTo("STAFF DELIVERY");
        assertThat(jdbc.sql("select action from audit_event where entity_type in ('contact', 'task', 'complaint')"
                + " order by id").query(String.class).list()).containsExactly("create", "create", "create");
        // My day: the follow-up and the complaint, each with its reason.
        String day = am1.page("/my-day").body();
        assertThat(day).contains("Your follow-up: Bring the catalogue").contains("Complaint " + reference)
                .contains("due " + due);
        // Done with a stale version: refused; with the right one: gone from the day.
        long task = jdbc.sql("select id from task").query(Long.class).single();
        follow(am1.postForm("/tasks/" + task + "/done", "version=7&outcome=x&_csrf=" + am1.csrfToken()));
        assertThat(jdbc.sql("select count(*) from task where done_at is null").query(Long.class).single()).isOne();
        follow(am1.postForm("/tasks/" + task + "/done", "version=0&outcome=" + Http.encode("Left the catalogue")
                + "&_csrf=" + am1.csrfToken()));
        assertThat(am1.page("/my-day").body()).doesNotContain("Bring the catalogue");
        // Bad input changes nothing: a follow-up without its day.
        HttpResponse<String> bad = am1.postForm("/customers/ANN/contacts", "kind=CALL&followUp=x&_csrf="
                + am1.csrfToken());
        assertThat(follow(bad)).contains("a follow-up needs the day it is due");
        assertThat(jdbc.sql("select count(*) from contact").query(Long.class).single()).isOne();
        // Another manager's customer: not found, nothing stored; the API says the same.
        HttpResponse<String> others = am1.postForm("/customers/CAT/contacts", "kind=CALL&notes=x&_csrf="
                + am1.csrfToken());
        assertThat(others.statusCode()).as(others.body()).isEqualTo(404);
        Http api = Http.at(port).as("am-1", PASSWORD);
        assertThat(api.post("/api/v1/customers/CAT/contacts", "{\"kind\":\"CALL\"}").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/customers/BOB/contacts", "{\"kind\":\"MEETING\",\"notes\":\"Lunch\"}")
                .statusCode()).isEqualTo(201);
        assertThat(api.get("/api/v1/customers/BOB/contacts").body()).contains("\"kind\":\"MEETING\"")
                .contains("Lunch");
        assertThat(jdbc.sql("select count(*) from contact").query(Long.class).single()).isEqualTo(2);
    }

    /** A follow-up goes with its customer: handed to another manager, it leaves the old one's day for the new one's. */
    @Test
    void followUpsGoWithTheCustomerWhenTheyAreHandedToAnotherManager() {
        String due = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        assertThat(am1.postForm("/customers/ANN/contacts", "kind=CALL&followUp=" + Http.encode("Take the samples")
                + "&followUpDue=" + due + "&_csrf=" + am1.csrfToken()).statusCode()).isEqualTo(302);
        long task = jdbc.sql("select id from task").query(Long.class).single();
        assertThat(am1.page("/my-day").body()).contains("Take the samples");
        jdbc.sql("update customer set account_manager_id = (select id from staff_user where username = 'am-2'),"
                + " version = version + 1 where id = ?").param(ann).update();
        assertThat(am1.page("/my-day").body()).doesNotContain("Take the samples").doesNotContain("Customer ANN");
        assertThat(Http.at(port).as("am-1", PASSWORD).get("/api/v1/my-day").body()).doesNotContain("ANN");
        Http am2 = Http.browser(port);
        am2.signIn("am-2", PASSWORD);
        assertThat(am2.page("/my-day").body()).contains("Take the samples");
        // The old manager cannot close it any more; the new one can.
        assertThat(am1.postForm("/tasks/" + task + "/done", "version=0&outcome=x&_csrf=" + am1.csrfToken())
                .statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from task where done_at is null").query(Long.class).single()).isOne();
        follow(am2.postForm("/tasks/" + task + "/done", "version=0&outcome=" + Http.encode("Samples left")
                + "&_csrf=" + am2.csrfToken()));
        assertThat(jdbc.sql("select done_by || ' ' || outcome from task where id = ?").param(task)
                .query(String.class).single()).isEqualTo("am-2 Samples left");
    }

    @Test
    void valuableCustomersAtRiskAndCoverageShowInTheDay() {
        // CLVs 100, 200, 900: the top fifth starts at 900 (the 0.8 quantile of three values is the third).
        profile(ann, "BEHAVIOURAL", "AT_RISK", 0.34, 900);
        profile(bob, "BEHAVIOURAL", "NONE", 0.9, 100);
        profile(cat, "BEHAVIOURAL", "AT_RISK", 0.2, 200);
        String day = am1.page("/my-day").body();
        assertThat(day).contains("Valuable and at risk: P(alive) 34 %, 12-month CLV 900");
        // Coverage: nobody contacted yet; then Ann (tier A) is.
        assertThat(day).containsPattern("(?s)id=\"coverage\".*A \\(top 20 %\\)</th>\\s*<td class=\"num\">1</td>\\s*"
                + "<td class=\"num\">0</td>");
        am1.postForm("/customers/ANN/contacts", "kind=CALL&notes=ok&_csrf=" + am1.csrfToken());
        day = am1.page("/my-day").body();
        assertThat(day).doesNotContain("Valuable and at risk");
        assertThat(day).containsPattern("(?s)id=\"coverage\".*A \\(top 20 %\\)</th>\\s*<td class=\"num\">1</td>\\s*"
                + "<td class=\"num\">1</td>\\s*<td class=\"num\">100");
        // The manager sees each account manager's coverage.
        Http boss = Http.browser(port);
        boss.signIn("boss", PASSWORD);
        assertThat(boss.page("/my-day").body()).contains("id=\"team-coverage\"").contains(">am-1<")
                .contains(">am-2<");
    }

    @Test
    void aCustomerWhoBecomesLostOpensACaseThatIsWorkedAndWonBack() {
        Instant now = Instant.now();
        // A first scoring does not open cases; a move to LOST does, with the exit survey when consent allows.
        events.publishEvent(new LoyaltyStageChanged(ann, null, "BEHAVIOURAL", null, "LOST", now));
        assertThat(jdbc.sql("select count(*) from lost_case").query(Long.class).single()).isZero();
        events.publishEvent(new LoyaltyStageChanged(ann, "BEHAVIOURAL", "BEHAVIOURAL", "AT_RISK", "LOST", now));
        events.publishEvent(new LoyaltyStageChanged(bob, "BEHAVIOURAL", "BEHAVIOURAL", "NONE", "LOST", now));
        events.publishEvent(new LoyaltyStageChanged(cat, "BEHAVIOURAL", "BEHAVIOURAL", "NONE", "LOST", now));
        events.publishEvent(new LoyaltyStageChanged(ann, "BEHAVIOURAL", "BEHAVIOURAL", "AT_RISK", "LOST", now));
        assertThat(jdbc.sql("select count(*) from lost_case").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select s.template || ' ' || i.reason from survey_invitation i join survey s on"
                + " s.id = i.survey_id order by i.id").query(String.class).list())
                .hasSize(2).allMatch(r -> r.startsWith("exit lost-case:"));
        long annCase = jdbc.sql("select id from lost_case where customer_id = ?").param(ann).query(Long.class)
                .single();
        long bobCase = jdbc.sql("select id from lost_case where customer_id = ?").param(bob).query(Long.class)
                .single();
        long catCase = jdbc.sql("select id from lost_case where customer_id = ?").param(cat).query(Long.class)
                .single();
        // In am-1's day, with its reason; am-1 cannot open am-2's customer's case.
        assertThat(am1.page("/my-day").body()).contains("Stopped buying (lost since");
        assertThat(am1.page("/lost/" + catCase).statusCode()).isEqualTo(404);
        assertThat(am1.page("/lost").body()).contains("Customer ANN").doesNotContain("Customer CAT");
        assertThat(am1.page("/lost?status=open").statusCode()).isEqualTo(200);
        // Declined needs a reason; then it is recorded and ended; an ended case does not change again.
        assertThat(follow(am1.postForm("/lost/" + bobCase, "version=0&action=CALL&end=DECLINED&_csrf="
                + am1.csrfToken()))).contains("say why the customer declined");
        follow(am1.postForm("/lost/" + bobCase, "version=0&reason=PRICE&action=CALL&note=" + Http.encode(
                "Found it cheaper") + "&end=DECLINED&_csrf=" + am1.csrfToken()));
        assertThat(jdbc.sql("select status || ' ' || reason || ' ' || action from lost_case where id = ?")
                .param(bobCase).query(String.class).single()).isEqualTo("DECLINED PRICE CALL");
        assertThat(follow(am1.postForm("/lost/" + bobCase, "version=1&reason=MOVED_AWAY&_csrf="
                + am1.csrfToken()))).contains("the case is declined; an ended case cannot record");
        // Ann is called with an offer and buys again within the window: won back, her revenue recovered.
        follow(am1.postForm("/lost/" + annCase, "version=0&reason=POOR_SERVICE&action=OFFER&_csrf="
                + am1.csrfToken()));
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('SO-9', ?, ?, 'ORDER')")
                .params(ann, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1)).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, quantity, unit_price, unit_cost) values"
                + " ('SO-9', 1, 'TEA', 2, 12.50, 5)").update();
        assertThat(lostCases.settle()).isOne();
        String lost = am1.page("/lost").body();
        assertThat(lost).containsPattern("id=\"lost-won\">1<").containsPattern("id=\"lost-revenue\">[^<]*25\\.00");
        // Won back by reason and action: poor service 1 of 1, price 0 of 1.
        assertThat(lost).containsPattern("(?s)id=\"winback-by-reason\".*Poor service</th>\\s*<td class=\"num\">1 / 1");
        assertThat(lost).containsPattern("(?s)id=\"winback-by-reason\".*Price</th>\\s*<td class=\"num\">0 / 1");
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'lost-case' order by id")
                .query(String.class).list()).contains("open", "record", "won back");
    }

    /**
     * The daily settlement reads the open cases, then marks those with a purchase won back. A manager who ends one of
     * them in between (here: their transaction holds the row until the settlement waits for it) keeps their outcome,
     * and the other case is still settled: the one that changed must not undo the whole run.
     */
    @Test
    void aCaseEndedWhileTheDailyRunSettlesKeepsItsOutcomeAndTheOthersAreSettled() throws Exception {
        Instant now = Instant.now();
        events.publishEvent(new LoyaltyStageChanged(ann, "BEHAVIOURAL", "BEHAVIOURAL", "AT_RISK", "LOST", now));
        events.publishEvent(new LoyaltyStageChanged(cat, "BEHAVIOURAL", "BEHAVIOURAL", "NONE", "LOST", now));
        long annCase = jdbc.sql("select id from lost_case where customer_id = ?").param(ann).query(Long.class)
                .single();
        long catCase = jdbc.sql("select id from lost_case where customer_id = ?").param(cat).query(Long.class)
                .single();
        assertThat(annCase).isLessThan(catCase);
        for (long c : new long[] {ann, cat}) {
            jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                    .params("SO-R" + c, c, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1)).update();
            jdbc.sql("insert into purchase_line (order_id, line_no, sku, quantity, unit_price, unit_cost) values"
                    + " (?, 1, 'TEA', 1, 10, 5)").param("SO-R" + c).update();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Future<?> manager = pool.submit(() -> transactions.executeWithoutResult(t -> {
                jdbc.sql("update lost_case set status = 'UNREACHABLE', closed_at = current_timestamp, closed_by ="
                        + " 'am-1', version = version + 1 where id = ? and version = 0").param(annCase).update();
                ended.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(ended.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.Future<Integer> settling = pool.submit(() -> lostCases.settle());
            // The settlement read Ann's case as open, and now waits for the manager's row.
            Thread.sleep(1500);
            assertThat(settling.isDone()).as("the settlement waits for the manager's transaction").isFalse();
            commit.countDown();
            manager.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(settling.get(20, java.util.concurrent.TimeUnit.SECONDS)).isOne();
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select status || ' ' || closed_by || ' ' || version from lost_case where id = ?")
                .param(annCase).query(String.class).single()).isEqualTo("UNREACHABLE am-1 1");
        assertThat(jdbc.sql("select status || ' ' || closed_by from lost_case where id = ?").param(catCase)
                .query(String.class).single()).isEqualTo("WON_BACK system");
        assertThat(jdbc.sql("select entity_id from audit_event where entity_type = 'lost-case' and action ="
                + " 'won back'").query(String.class).list()).containsExactly(Long.toString(catCase));
    }

    @Test
    void theReasonsTaxonomyIsKeptByManagers() {
        assertThat(am1.page("/lost/reasons").statusCode()).isEqualTo(403);
        Http boss = Http.browser(port);
        boss.signIn("boss", PASSWORD);
        HttpResponse<String> added = boss.postForm("/lost/reasons", "code=competitor_offer&nameEn=" + Http.encode(
                "A competitor's offer") + "&nameZh=" + Http.encode("竞争对手的优惠") + "&controllable=true&_csrf="
                + boss.csrfToken());
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select controllable from lost_reason where code = 'COMPETITOR_OFFER'")
                .query(Boolean.class).single()).isTrue();
        HttpResponse<String> bad = boss.postForm("/lost/reasons", "code=1&nameEn=a&nameZh=b&_csrf=" + boss.csrfToken());
        java.net.URI uri = java.net.URI.create(bad.headers().firstValue("Location").orElseThrow());
        assertThat(boss.page(uri.getRawPath()).body()).contains("2 to 40 capital letters");
        boss.postForm("/lost/reasons/PRICE", "nameEn=Price&nameZh=" + Http.encode("价格") + "&controllable=true&_csrf="
                + boss.csrfToken());
        assertThat(jdbc.sql("select active from lost_reason where code = 'PRICE'").query(Boolean.class).single())
                .isFalse();
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'lost-reason'").query(Long.class)
                .single()).isEqualTo(2);
    }

    @Test
    void aReferralLinkBringsANewCustomerAndTheChainIsValued() {
        String page = am1.page("/customers/ANN").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"referral-link\">[^<]*/join/([A-Z0-9]{8})<")
                .matcher(page);
        assertThat(m.find()).as("the referral link on the 360").isTrue();
        String code = m.group(1);
        // The same code every time.
        assertThat(am1.page("/customers/ANN").body()).contains("/join/" + code);
        Http visitor = Http.browser(port);
        assertThat(visitor.page("/join/NOSUCHXX").statusCode()).isEqualTo(404);
        String form = visitor.page("/join/" + code + "?lang=en").body();
        assertThat(form).contains("You are invited");
        String csrf = Http.csrfOf(form);
        assertThat(visitor.postForm("/join/" + code, "name=Dan&email=dan%40example.com").statusCode()).isEqualTo(403);
        HttpResponse<String> bad = visitor.postForm("/join/" + code + "?lang=en", "name=Dan&email=not-an-address"
                + "&_csrf=" + csrf);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("A valid e-mail address, please.").contains("value=\"Dan\"");
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isEqualTo(3);
        HttpResponse<String> joined = visitor.postForm("/join/" + code + "?lang=en", "name=" + Http.encode(
                "Dan <b>Wu</b>") + "&email=Dan%40Example.com&consent=true&_csrf=" + csrf);
        assertThat(joined.statusCode()).isEqualTo(302);
        assertThat(joined.headers().firstValue("Location").orElseThrow()).contains("/join/" + code + "/thanks");
        long dan = jdbc.sql("select id from customer where email = 'dan@example.com'").query(Long.class).single();
        assertThat(jdbc.sql("select r.external_id || ' ' || c.acquisition_channel || ' ' || u.username"
                + " from customer c join customer r on r.id = c.referred_by_id join staff_user u"
                + " on u.id = c.account_manager_id where c.id = ?").param(dan).query(String.class).single())
                .isEqualTo("ANN referral am-1");
        // Anyone may type any address: "send me news" asks the address's owner to confirm (double opt-in); until
        // then there is no consent.
        assertThat(jdbc.sql("select marketing_consent from customer where id = ?").param(dan).query(Boolean.class)
                .single()).isFalse();
        assertThat(jdbc.sql("select email || ' ' || language || ' ' || requested_by from consent_request where"
                + " customer_id = ?").param(dan).query(String.class).single())
                .isEqualTo("dan@example.com en referral link");
        // The same address again: the same answer, no second customer.
        HttpResponse<String> again = visitor.postForm("/join/" + code + "?lang=en", "name=Dan&email=dan%40example.com"
                + "&_csrf=" + csrf);
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isEqualTo(4);
        // Bob came through Ann too, and Eve through Bob; Bob and Eve bought.
        long eve = customer("EVE", "am-1", false);
        jdbc.sql("update customer set referred_by_id = ? where id = ?").params(ann, bob).update();
        jdbc.sql("update customer set referred_by_id = ? where id = ?").params(bob, eve).update();
        buy("SO-B", bob, "10.00");
        buy("SO-E", eve, "5.00");
        String tree = am1.page("/referrals/ANN").body();
        assertThat(tree).containsPattern("id=\"chain-direct\">2<").containsPattern("id=\"chain-size\">3<")
                .containsPattern("id=\"revenue-direct\">[^<]*10\\.00").containsPattern("id=\"revenue-indirect\">[^<]*5\\.00")
                .contains("Dan &lt;b&gt;Wu&lt;/b&gt;");
        assertThat(am1.page("/referrals/BOB").body()).contains("id=\"path-to-root\"").contains(">ANN<");
        // Cat, another manager's customer, also came through Ann: am-1 sees that someone did, not who.
        jdbc.sql("update customer set referred_by_id = ? where id = ?").params(ann, cat).update();
        assertThat(am1.page("/referrals/ANN").body()).contains("another account manager&#39;s customer")
                .doesNotContain("Customer CAT");
        jdbc.sql("update customer set referred_by_id = null where id = ?").param(cat).update();
        Http am2 = Http.browser(port);
        am2.signIn("am-2", PASSWORD);
        assertThat(am2.page("/referrals/ANN").statusCode()).isEqualTo(404);
        String json = Http.at(port).as("am-1", PASSWORD).get("/api/v1/customers/ANN/referrals").body();
        assertThat(json).contains("\"direct\":2").contains("\"chain\":3").contains("\"revenueDirect\":10.0")
                .contains("\"code\":\"" + code + "\"");
        // Business-wide: 3 of 5 came by referral; 3 referrals over 5 customers.
        String overview = am1.page("/referrals").body();
        assertThat(overview).containsPattern("id=\"referred-count\">3<").containsPattern("id=\"multiplier\">0\\.60<");
    }

    void buy(String order, long customer, String price) {
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                .params(order, customer, OffsetDateTime.now(ZoneOffset.UTC).minusDays(3)).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, quantity, unit_price, unit_cost) values"
                + " (?, 1, 'TEA', 1, ?, 1)").params(order, new java.math.BigDecimal(price)).update();
    }

    @Test
    void theNextBestActionExplainsItselfAndChangesWhenAComplaintIsRaised() {
        // Ann is valuable and at risk; CLVs 100 (Bob), 200 (Cat), 900 (Ann): Ann is at the 100th percentile.
        profile(ann, "BEHAVIOURAL", "AT_RISK", 0.3, 900);
        profile(bob, "BEHAVIOURAL", "NONE", 0.9, 100);
        profile(cat, "BEHAVIOURAL", "NONE", 0.9, 200);
        // Twenty orders of tea with a cup, five of tea alone; Ann bought tea alone: the rules suggest the cup.
        for (int i = 0; i < 20; i++) {
            jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                    .params("TC-" + i, i % 2 == 0 ? bob : cat, OffsetDateTime.now(ZoneOffset.UTC).minusDays(40 + i))
                    .update();
            jdbc.sql("insert into purchase_line (order_id, line_no, sku, quantity, unit_price, unit_cost) values"
                    + " (?, 1, 'TEA', 1, 10, 4), (?, 2, 'CUP', 1, 6, 2)").params("TC-" + i, "TC-" + i).update();
        }
        for (int i = 0; i < 5; i++) {
            buy("T-" + i, i == 0 ? ann : bob, "10.00");
        }
        String page = am1.page("/customers/ANN").body();
        assertThat(page).containsPattern("(?s)id=\"next-best-actions\">\\s*<li data-kind=\"CALL_AT_RISK\" class=\"best\">");
        assertThat(page).contains("customers who buy TEA often buy CUP (confidence 80 %, lift 1.");
        // A complaint raised on a call: resolving it comes first now.
        am1.postForm("/customers/ANN/contacts", "kind=CALL&opinions=" + Http.encode("The cup I got was chipped")
                + "&raiseComplaint=true&complaintCategory=PRODUCT_QUALITY&_csrf=" + am1.csrfToken());
        assertThat(am1.page("/customers/ANN").body())
                .containsPattern("(?s)id=\"next-best-actions\">\\s*<li data-kind=\"RESOLVE_COMPLAINT\" class=\"best\">");
        // My day lists the customers' best actions.
        assertThat(am1.page("/my-day").body()).containsPattern("(?s)id=\"my-next-best-actions\".*Customer ANN.*"
                + "Resolve the complaint first");
    }
}
