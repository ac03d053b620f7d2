package io.fidelis.app.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.fidelis.app.shared.SecretTokens;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Complaints end to end over real HTTP: a customer files one on the public form (identified by order and e-mail or
 * phone; abuse refused), follows it on the tracking page (internal notes never shown), the handler moves it through
 * its states, two agents editing at once get a conflict, an account manager sees only their own customers'
 * complaints, text is escaped, every change is audited, and the accepted resolution invites the customer to the
 * resolution survey and counts for the loyalty stage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "fidelis.complaints.rotation.DELIVERY=Logistics,Customer service",
    "fidelis.complaints.rotation.PRICE_BILLING=Logistics",
    "fidelis.complaints.assignment=round-robin",
    "fidelis.complaints.watch-every=PT24H"})
abstract class ComplaintScenarios {
    static final com.icegreen.greenmail.util.GreenMail SMTP = io.fidelis.app.support.Smtp.started();

    static void mail(org.springframework.test.context.DynamicPropertyRegistry registry) {
        io.fidelis.app.support.Smtp.register(registry, SMTP);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ComplaintSignals signals;
    @Autowired
    ComplaintSlaWatch watch;
    @Autowired
    ComplaintSpikeWatch spikes;

    static final String PASSWORD = "complaint-test-password-1";
    Http admin;
    long ann;

    @BeforeEach
    void business() throws Exception {
        TestData.clean(jdbc);
        SMTP.purgeEmailFromAllMailboxes();
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("am-2", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("agent-1", null, Role.AGENT, PASSWORD);
        staff.create("agent-2", null, Role.AGENT, PASSWORD);
        ann = customer("ANN", "ann@example.com", "+86 139 1234 5678", "am-1");
        customer("BOB", "bob@example.com", null, "am-2");
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('SO-1', ?, ?, 'ORDER')")
                .params(ann, OffsetDateTime.now(ZoneOffset.UTC).minusDays(10)).update();
        admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
    }

    long customer(String id, String email, String phone, String manager) {
        jdbc.sql("insert into customer (external_id, name, name_key, email, phone, marketing_consent, time_zone,"
                        + " created_at, updated_at, version, account_manager_id) values (?, ?, ?, ?, ?, true, 'UTC',"
                        + " current_timestamp, current_timestamp, 0, (select id from staff_user where username = ?))")
                .params(id, "Customer " + id, "customer " + id.toLowerCase(), email, phone, manager).update();
        return jdbc.sql("select id from customer where external_id = ?").param(id).query(Long.class).single();
    }

    HttpResponse<String> fileOnTheForm(Http visitor, String order, String contact, String subject) {
        String csrf = Http.csrfOf(visitor.page("/complain?lang=en").body());
        return visitor.postForm("/complain?lang=en", "orderId=" + Http.encode(order) + "&contact="
                + Http.encode(contact) + "&category=DELIVERY&subject=" + Http.encode(subject)
                + "&description=" + Http.encode("It came a week late") + "&_csrf=" + csrf);
    }

    String tokenOf(HttpResponse<String> filed) {
        String location = filed.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("/track/") + 7, location.indexOf('?'));
    }

    String reference() {
        return jdbc.sql("select reference from complaint").query(String.class).single();
    }

    long version(String reference) {
        return jdbc.sql("select version from complaint where reference = ?").param(reference).query(Long.class)
                .single();
    }

    /** Takes a step on the complaint page and follows the redirect as a browser does; the page shown. */
    String act(Http who, String reference, long version, String action, String more) {
        HttpResponse<String> r = who.postForm("/complaints/" + reference + "/act", "version=" + version + "&action="
                + action + (more == null ? "" : "&" + more) + "&_csrf=" + who.csrfToken());
        assertThat(r.statusCode()).as(action).isEqualTo(302);
        return page(who, r);
    }

    String page(Http who, HttpResponse<String> redirect) {
        java.net.URI uri = java.net.URI.create(redirect.headers().firstValue("Location").orElseThrow());
        return who.page(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())).body();
    }

    @Test
    void theCustomerIsIdentifiedByOrderAndContactAndFollowsTheComplaint() {
        Http visitor = Http.browser(port);
        // A wrong e-mail, an unknown order, a missing contact: refused, the same words each time, nothing stored.
        for (String[] bad : new String[][] {{"SO-1", "bob@example.com"}, {"SO-404", "ann@example.com"},
            {"SO-1", ""}}) {
            HttpResponse<String> r = fileOnTheForm(visitor, bad[0], bad[1], "Late");
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("We could not find that order with that e-mail address or phone number");
        }
        HttpResponse<String> noCsrf = visitor.postForm("/complain", "orderId=SO-1&contact=ann@example.com");
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from complaint").query(Long.class).single()).isZero();
        // The phone number works too (its digits, whatever the spaces).
        HttpResponse<String> filed = fileOnTheForm(visitor, "SO-1", "139-1234-5678", "<script>alert(1)</script>");
        assertThat(filed.statusCode()).isEqualTo(302);
        String token = tokenOf(filed);
        assertThat(SecretTokens.wellFormed(token)).isTrue();
        // Only the token's hash is stored.
        assertThat(jdbc.sql("select tracking_hash from complaint").query(String.class).single())
                .isEqualTo(SecretTokens.hash(token)).isNotEqualTo(token);
        String tracking = page(visitor, filed);
        assertThat(tracking).contains("we have received your complaint " + reference())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        String ref = reference();
        // An open complaint holds the loyalty stage back until it is resolved.
        assertThat(signals.unresolvedComplaints()).containsExactly(ann);
        // The handler: acknowledge, investigate, an internal note and a message, propose.
        assertThat(act(admin, ref, version(ref), "ACKNOWLEDGE", null)).contains("Saved.");
        act(admin, ref, version(ref), "INVESTIGATE", null);
        act(admin, ref, version(ref), "NOTE", "text=" + Http.encode("Courier XYZ again; escalate with them"));
        act(admin, ref, version(ref), "MESSAGE", "text=" + Http.encode("We are looking into it"));
        act(admin, ref, version(ref), "PROPOSE", "text=" + Http.encode("A refund of the delivery fee")
                + "&rootCause=" + Http.encode("Courier delay"));
        String customerView = visitor.page("/complain/track/" + token).body();
        assertThat(customerView).contains("A refund of the delivery fee").contains("We are looking into it")
                .doesNotContain("Courier XYZ").doesNotContain("Courier delay");
        // The customer accepts on the tracking page.
        String csrf = Http.csrfOf(customerView);
        assertThat(visitor.postForm("/complain/track/" + token, "action=ACCEPT&_csrf=" + csrf).statusCode())
                .isEqualTo(302);
        assertThat(jdbc.sql("select status from complaint").query(String.class).single()).isEqualTo("RESOLVED");
        assertThat(signals.unresolvedComplaints()).isEmpty();
        // Accepting again is refused kindly.
        HttpResponse<String> again = visitor.postForm("/complain/track/" + token, "action=ACCEPT&_csrf=" + csrf);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("That is not possible at this stage of your complaint.");
        assertThat(visitor.page("/complain/track/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        // Every change audited; the resolution counts as satisfaction for the loyalty stage.
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'complaint'").query(Long.class)
                .single()).isGreaterThanOrEqualTo(7);
        assertThat(signals.satisfied()).containsExactly(ann);
        assertThat(signals.keptThroughComplaint()).isEmpty();
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('SO-2', ?, ?, 'ORDER')")
                .params(ann, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1)).update();
        assertThat(signals.keptThroughComplaint()).containsExactly(ann);
        // Closing needs the resolved state; closing twice is refused with the rule's words.
        act(admin, ref, version(ref), "CLOSE", null);
        assertThat(act(admin, ref, version(ref), "CLOSE", null))
                .contains("a complaint that is closed cannot become closed");
    }

    @Test
    void twoAgentsAtOnceGetAConflictNotALostUpdate() {
        Http am1 = Http.browser(port);
        am1.signIn("am-1", PASSWORD);
        HttpResponse<String> filed = am1.postForm("/complaints", "customer=ANN&category=PRODUCT_QUALITY"
                + "&severity=HIGH&subject=Broken&description=" + Http.encode("The teapot arrived broken")
                + "&orderId=SO-1&_csrf=" + am1.csrfToken());
        assertThat(filed.statusCode()).isEqualTo(302);
        String ref = reference();
        long read = version(ref);
        Http one = Http.browser(port);
        one.signIn("agent-1", PASSWORD);
        Http two = Http.browser(port);
        two.signIn("agent-2", PASSWORD);
        assertThat(act(one, ref, read, "ACKNOWLEDGE", null)).contains("Saved.");
        String second = act(two, ref, read, "NOTE", "text=late");
        assertThat(second).contains("was changed by someone else in the meantime");
        assertThat(jdbc.sql("select count(*) from complaint_event where kind = 'NOTE'").query(Long.class).single())
                .isZero();
        // An account manager sees their own customers' complaints only; others answer 404 as if absent.
        Http am2 = Http.browser(port);
        am2.signIn("am-2", PASSWORD);
        assertThat(am2.page("/complaints/" + ref).statusCode()).isEqualTo(404);
        assertThat(am2.page("/complaints").body()).doesNotContain(ref);
        assertThat(am1.page("/complaints").body()).contains(ref);
        assertThat(am1.page("/customers/ANN").body()).contains(ref).contains("File a complaint");
        // Filing for someone else's customer is refused like a missing customer.
        assertThat(am2.postForm("/complaints", "customer=ANN&category=OTHER&subject=x&description=y&_csrf="
                + am2.csrfToken()).statusCode()).isEqualTo(404);
        // An order of another customer is refused.
        String wrong = page(am1, am1.postForm("/complaints", "customer=ANN&category=OTHER&subject=x&description=y"
                + "&orderId=SO-404&_csrf=" + am1.csrfToken()));
        assertThat(wrong).contains("order SO-404 is not an order of ANN");
    }

    /** Delivery's department this month: this test's settings rotate it monthly, Logistics in even months. */
    static String deliveryTurn() {
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        return (month.getYear() * 12L + month.getMonthValue() - 1) % 2 == 0 ? "Logistics" : "Customer service";
    }

    @Test
    void theApiFilesAndReadsAComplaint() {
        Http api = Http.at(port).as("agent-1", PASSWORD);
        HttpResponse<String> created = api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":"
                + "\"DELIVERY\",\"severity\":\"CRITICAL\",\"subject\":\"Never arrived\",\"description\":\"Ordered"
                + " two weeks ago\",\"skus\":[\"TEA-1\",\"TEA-2\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String ref = reference();
        HttpResponse<String> read = api.getAny("/api/v1/complaints/" + ref);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"status\":\"RECEIVED\"").contains("\"channel\":\"API\"")
                .contains("\"department\":\"" + deliveryTurn() + "\"").contains("TEA-2");
        assertThat(api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"NOPE\",\"subject\":\"x\","
                + "\"description\":\"y\"}").statusCode()).isEqualTo(422);
        assertThat(api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"OTHER\"}").statusCode())
                .isEqualTo(400);
        assertThat(Http.at(port).as("am-2", PASSWORD).getAny("/api/v1/complaints/" + ref).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theApiTakesStepsOnAComplaintGuardedByItsVersion() {
        Http api = Http.at(port).as("agent-1", PASSWORD);
        api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"DELIVERY\",\"subject\":\"Late\","
                + "\"description\":\"Three days late\"}");
        String ref = reference();
        long version = jdbc.sql("select version from complaint where reference = ?").param(ref).query(Long.class)
                .single();
        HttpResponse<String> acknowledged = api.post("/api/v1/complaints/" + ref + "/steps",
                "{\"version\":" + version + ",\"action\":\"acknowledge\"}");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.body()).contains("\"status\":\"ACKNOWLEDGED\"")
                .contains("\"version\":" + (version + 1));
        HttpResponse<String> stale = api.post("/api/v1/complaints/" + ref + "/steps",
                "{\"version\":" + version + ",\"action\":\"note\",\"text\":\"called\"}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("changed by someone else");
        HttpResponse<String> unknown = api.post("/api/v1/complaints/" + ref + "/steps",
                "{\"version\":" + (version + 1) + ",\"action\":\"escalate-to-ceo\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("no step 'escalate-to-ceo'").contains("acknowledge");
        assertThat(api.post("/api/v1/complaints/" + ref + "/steps", "{\"action\":\"close\"}").statusCode())
                .as("no version").isEqualTo(400);
        HttpResponse<String> noted = api.post("/api/v1/complaints/" + ref + "/steps",
                "{\"version\":" + (version + 1) + ",\"action\":\"NOTE\",\"text\":\"Courier called\"}");
        assertThat(noted.statusCode()).as(noted.body()).isEqualTo(200);
        assertThat(noted.body()).contains("Courier called").contains("\"status\":\"ACKNOWLEDGED\"");
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'complaint' and entity_id = ?")
                .param(ref).query(Long.class).single()).as("each step audited").isGreaterThanOrEqualTo(3L);
        assertThat(Http.at(port).as("am-2", PASSWORD).post("/api/v1/complaints/" + ref + "/steps",
                "{\"version\":" + (version + 2) + ",\"action\":\"close\"}").statusCode())
                .as("another manager's customer").isEqualTo(404);
    }

    @Test
    void anAcceptedResolutionInvitesTheCustomerToTheResolutionSurvey() {
        long survey = jdbc.sql("select count(*) from survey").query(Long.class).single();
        assertThat(survey).isZero();
        HttpResponse<String> created = admin.postForm("/surveys", "template=complaint-resolution&_csrf="
                + admin.csrfToken());
        String location = created.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        admin.postForm("/surveys/" + id + "/open", "version=0&_csrf=" + admin.csrfToken());
        HttpResponse<String> filed = fileOnTheForm(Http.browser(port), "SO-1", "ann@example.com", "Late");
        String ref = reference();
        act(admin, ref, version(ref), "ACKNOWLEDGE", null);
        act(admin, ref, version(ref), "INVESTIGATE", null);
        act(admin, ref, version(ref), "PROPOSE", "text=refund&rootCause=courier");
        act(admin, ref, version(ref), "ACCEPT_FOR_CUSTOMER", null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from survey_invitation where reason like 'complaint-resolved:CP-%' and customer_id = ?")
                .param(ann).query(Long.class).single() == 1);
        assertThat(filed.statusCode()).isEqualTo(302);
    }

    @Test
    void complaintsGoToTheDepartmentWhoseTurnItIsAndTakeTurnsWithinIt() {
        staff.create("log-1", null, Role.AGENT, PASSWORD);
        staff.create("log-2", null, Role.AGENT, PASSWORD);
        staff.create("cs-1", null, Role.AGENT, PASSWORD);
        staff.changeContact("log-1", null, "Logistics");
        staff.changeContact("log-2", null, "Logistics");
        staff.changeContact("cs-1", null, "Customer service");
        Http api = Http.at(port).as("agent-1", PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"PRICE_BILLING\","
                    + "\"subject\":\"Charged twice\",\"description\":\"Two charges\"}").statusCode()).isEqualTo(201);
        }
        // Price and billing rotates to Logistics only (instead of Finance): round-robin between its two agents.
        assertThat(jdbc.sql("select s.username from complaint c join staff_user s on s.id = c.assignee_id where"
                + " c.category = 'PRICE_BILLING' order by c.id").query(String.class).list())
                .containsExactly("log-1", "log-2", "log-1");
        assertThat(jdbc.sql("select distinct department from complaint").query(String.class).list())
                .containsExactly("Logistics");
        // Delivery takes turns month by month between Logistics and Customer service.
        api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"DELIVERY\",\"subject\":\"Late\","
                + "\"description\":\"Late again\"}");
        java.time.YearMonth month = java.time.YearMonth.now(ZoneOffset.UTC);
        String turn = ((month.getYear() * 12L + month.getMonthValue() - 1) % 2 == 0) ? "Logistics"
                : "Customer service";
        assertThat(jdbc.sql("select department from complaint where category = 'DELIVERY'").query(String.class)
                .single()).isEqualTo(turn);
    }

    @Test
    void breachesAreEscalatedToTheDepartmentHeadThenTheManagers() {
        staff.create("head-1", null, Role.MANAGER, PASSWORD);
        staff.changeContact("head-1", null, "Logistics");
        Http api = Http.at(port).as("agent-1", PASSWORD);
        api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"PRICE_BILLING\",\"severity\":"
                + "\"CRITICAL\",\"subject\":\"Charged twice\",\"description\":\"Two charges\"}");
        String ref = reference();
        // Received two weeks ago and never acknowledged: a critical complaint (1 business hour to acknowledge, 8 to
        // resolve) is far past both.
        jdbc.sql("update complaint set received_at = ?").param(OffsetDateTime.now(ZoneOffset.UTC).minusDays(14))
                .update();
        assertThat(admin.page("/complaints/" + ref).body()).contains("breached");
        assertThat(watch.watch(java.time.Instant.now())).isEqualTo(1);
        assertThat(jdbc.sql("select escalation from complaint").query(Integer.class).single()).isEqualTo(1);
        assertThat(Http.at(port).as("admin", "admin-test-password").getAny("/actuator/prometheus").body())
                .containsPattern("fidelis_complaints_sla_breaches_total\\{severity=\"CRITICAL\"} [1-9]");
        assertThat(jdbc.sql("select text from complaint_event where kind = 'ESCALATED'").query(String.class).single())
                .contains("head of Logistics").contains("head-1");
        assertThat(watch.watch(java.time.Instant.now())).isEqualTo(1);
        assertThat(jdbc.sql("select escalation from complaint").query(Integer.class).single()).isEqualTo(2);
        assertThat(watch.watch(java.time.Instant.now())).isZero();
        // Waiting for the customer pauses the clocks: a fresh complaint waiting since it came is paused, not due.
        api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"OTHER\",\"subject\":\"Question\","
                + "\"description\":\"About my bill\"}");
        String other = jdbc.sql("select reference from complaint where category = 'OTHER'").query(String.class)
                .single();
        act(admin, other, version(other), "ACKNOWLEDGE", null);
        assertThat(act(admin, other, version(other), "WAIT", null)).contains("paused");
    }

    @Test
    void recoveryActionsAreRecordedWithTheirCost() {
        Http api = Http.at(port).as("agent-1", PASSWORD);
        api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"DELIVERY\",\"subject\":\"Late\","
                + "\"description\":\"Late again\"}");
        String ref = reference();
        for (String form : new String[] {"kind=APOLOGY&cost=0", "kind=REFUND&cost=12.50&note=delivery+fee",
            "kind=GIFT&cost=-5", "kind=BRIBE&cost=1"}) {
            admin.postForm("/complaints/" + ref + "/recovery", form + "&_csrf=" + admin.csrfToken());
        }
        String page = admin.page("/complaints/" + ref).body();
        assertThat(page).contains("Apology").contains("Refund").contains("12.50").contains("delivery fee");
        assertThat(jdbc.sql("select sum(cost) from complaint_recovery").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("12.50");
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'complaint' and action ="
                + " 'recovery'").query(Long.class).single()).isEqualTo(2);
        assertThat(admin.page("/complaints/analytics").body()).containsPattern("id=\"recovery-cost\">[^<]*12\\.50");
    }

    @Test
    void theCustomerHearsAboutTheirComplaintByMailInTheirLanguage() throws Exception {
        Http visitor = Http.browser(port);
        String csrf = Http.csrfOf(visitor.page("/complain?lang=zh-CN").body());
        HttpResponse<String> filed = visitor.postForm("/complain?lang=zh-CN", "orderId=SO-1&contact=ann%40example.com"
                + "&category=DELIVERY&subject=" + Http.encode("送货太慢") + "&description=" + Http.encode("晚了一周")
                + "&_csrf=" + csrf);
        String token = tokenOf(filed);
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        jakarta.mail.internet.MimeMessage receipt = SMTP.getReceivedMessages()[0];
        assertThat(receipt.getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(receipt.getSubject()).isEqualTo("我们已收到您的投诉 " + reference());
        assertThat((String) receipt.getContent()).contains("/complain/track/" + token);
        String ref = reference();
        act(admin, ref, version(ref), "ACKNOWLEDGE", null);
        act(admin, ref, version(ref), "INVESTIGATE", null);
        act(admin, ref, version(ref), "MESSAGE", "text=" + Http.encode("快递公司已确认延误"));
        act(admin, ref, version(ref), "NOTE", "text=" + Http.encode("internal only"));
        act(admin, ref, version(ref), "PROPOSE", "text=" + Http.encode("退还运费") + "&rootCause=courier");
        assertThat(SMTP.waitForIncomingEmail(10_000, 3)).isTrue();
        jakarta.mail.internet.MimeMessage[] all = SMTP.getReceivedMessages();
        assertThat(all).hasSize(3);
        assertThat((String) all[1].getContent()).contains("快递公司已确认延误").doesNotContain("/complain/track/");
        assertThat(all[2].getSubject()).contains("解决方案");
        assertThat((String) all[2].getContent()).contains("退还运费");
        for (jakarta.mail.internet.MimeMessage m : all) {
            assertThat((String) m.getContent()).doesNotContain("internal only");
        }
    }

    @Test
    void theDatabaseFindsComplaintsAndTheAlarmCatchesASpike() {
        int made = aYearThenASpike(2);
        String analytics = admin.page("/complaints/analytics").body();
        assertThat(analytics).contains("unusual rise on").contains("Delivery and supply");
        assertThat(analytics).containsPattern("(?s)id=\"complaint-count\">" + made + "<");
        // The database: words, product and period; the CSV with the same rows.
        String found = admin.page("/complaints/database?q=courier+AGAIN&sku=TEA-1").body();
        long withTea1 = jdbc.sql("select count(*) from complaint_product where sku = 'TEA-1'").query(Long.class)
                .single();
        assertThat(found.split("href=\"/complaints/CP-").length - 1).isEqualTo((int) withTea1);
        assertThat(admin.page("/complaints/database?q=nothing+like+this").body()).contains("No complaints found.");
        String csv = admin.page("/complaints.csv?sku=TEA-1").body();
        assertThat(csv.lines().count()).isEqualTo(withTea1 + 1);
        assertThat(csv).startsWith("\uFEFFreference,received_at,customer_id");
        // Account managers cannot open the analytics (every customer's complaints).
        Http am2 = Http.browser(port);
        am2.signIn("am-2", PASSWORD);
        assertThat(am2.page("/complaints/analytics").statusCode()).isEqualTo(403);
        assertThat(am2.page("/complaints/database?q=courier").body()).contains("No complaints found.");
    }

    /** A quiet year of delivery complaints (one every ten days), then {@code perDay} a day in the last four. */
    int aYearThenASpike(int perDay) {
        Http api = Http.at(port).as("agent-1", PASSWORD);
        java.time.Instant now = java.time.Instant.now();
        int made = 0;
        java.util.List<Integer> daysAgoList = new java.util.ArrayList<>();
        for (int d = 360; d > 3; d -= 10) {
            daysAgoList.add(d);
        }
        daysAgoList.addAll(java.util.List.of(3, 2, 1, 0));
        for (int daysAgo : daysAgoList) {
            for (int k = 0; k < (daysAgo <= 3 ? perDay : 1); k++) {
                api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"DELIVERY\",\"subject\":"
                        + "\"Late " + made + "\",\"description\":\"Courier was late, again\",\"skus\":[\"TEA-" + (made % 3)
                        + "\"]}");
                jdbc.sql("update complaint set received_at = ? where subject = ?").params(now.minus(daysAgo,
                        java.time.temporal.ChronoUnit.DAYS).atOffset(ZoneOffset.UTC), "Late " + made).update();
                made++;
            }
        }
        return made;
    }

    /** The subjects of the mails to the manager "boss". */
    static List<String> toBoss() throws Exception {
        List<String> subjects = new java.util.ArrayList<>();
        for (jakarta.mail.internet.MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals("boss@example.com")) {
                subjects.add(m.getSubject());
            }
        }
        return subjects;
    }

    @Test
    void aSpikeRaisesOneAlertOnTheDashboardAndByMail() throws Exception {
        staff.create("boss", null, Role.MANAGER, PASSWORD);
        staff.changeContact("boss", "boss@example.com", null);
        // Four a day, spread over three products: the category alerts; each product, one or two a day, stays below
        // the three a day that make an alert (alert-min-count), though its CUSUM may alarm.
        aYearThenASpike(4);
        SMTP.purgeEmailFromAllMailboxes();
        java.time.Instant now = java.time.Instant.now();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, ZoneOffset.UTC);
        java.util.List<ComplaintRepository.Alert> raised = spikes.check(today, now);
        assertThat(raised).extracting(ComplaintRepository.Alert::kind, ComplaintRepository.Alert::subject)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("category", "DELIVERY"));
        ComplaintRepository.Alert delivery = raised.stream().filter(a -> a.subject().equals("DELIVERY")).findFirst()
                .orElseThrow();
        assertThat(delivery.count()).isEqualTo(4);
        assertThat(delivery.baseline()).isCloseTo(0.1, org.assertj.core.api.Assertions.offset(0.05));
        // One mail per subject whose episode starts (a run of alarm days is one episode), to the managers.
        long subjects = raised.stream().map(a -> a.kind() + a.subject()).distinct().count();
        // (The customer's receipts of the filed complaints may still be arriving: only the manager's mail counts.)
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> toBoss().size() >= subjects);
        List<String> alerts = toBoss();
        assertThat(alerts).hasSize((int) subjects)
                .anyMatch(subject -> subject.startsWith("Complaint alert: Delivery and supply rose on"));
        // Checked again: nothing new, no more mail.
        assertThat(spikes.check(today, now)).isEmpty();
        Thread.sleep(300);
        assertThat(toBoss()).hasSize((int) subjects);
        // The overview shows it, linking to those complaints in the database.
        String overview = admin.page("/").body();
        assertThat(overview).contains("id=\"dashboard-alerts\"")
                .contains("Complaints about Delivery and supply rose: 4 on " + today)
                .contains("/complaints/database?from=");
    }

    @Test
    void theAnalyticsNarrowByPeriodProductAndRegionAndShowWhoHandledWhat() {
        jdbc.sql("update customer set region = 'North' where external_id = 'ANN'").update();
        long bob = jdbc.sql("select id from customer where external_id = 'BOB'").query(Long.class).single();
        jdbc.sql("update customer set region = 'South' where id = ?").param(bob).update();
        staff.create("log-1", null, Role.AGENT, PASSWORD);
        staff.changeContact("log-1", null, "Logistics");
        Http api = Http.at(port).as("agent-1", PASSWORD);
        for (String body : new String[] {
            "{\"customerId\":\"ANN\",\"category\":\"PRICE_BILLING\",\"subject\":\"A\",\"description\":\"x\",\"skus\":[\"TEA-1\"]}",
            "{\"customerId\":\"ANN\",\"category\":\"PRICE_BILLING\",\"subject\":\"B\",\"description\":\"x\",\"skus\":[\"TEA-2\"]}",
            "{\"customerId\":\"BOB\",\"category\":\"OTHER\",\"subject\":\"C\",\"description\":\"x\",\"skus\":[\"TEA-1\"]}"}) {
            assertThat(api.post("/api/v1/complaints", body).statusCode()).isEqualTo(201);
        }
        String all = admin.page("/complaints/analytics").body();
        assertThat(all).containsPattern("id=\"complaint-count\">3<");
        assertThat(all).containsPattern("(?s)id=\"pareto-regions\".*North</a></th>\\s*<td class=\"num\">2<");
        assertThat(all).containsPattern("(?s)id=\"pareto-products\".*TEA-1</a></th>\\s*<td class=\"num\">2<");
        // Who handled what: price and billing rotates to Logistics in this test's settings, and log-1 had both.
        assertThat(all).containsPattern("(?s)id=\"handling\".*Price and billing</th><td>Logistics</td>\\s*"
                + "<td class=\"num\">2</td><td>log-1</td>");
        assertThat(all).containsPattern("(?s)id=\"rotation\".*Delivery and supply</th>");
        assertThat(admin.page("/complaints/analytics?region=south").body()).containsPattern("id=\"complaint-count\">1<");
        assertThat(admin.page("/complaints/analytics?sku=TEA-2").body()).containsPattern("id=\"complaint-count\">1<");
        String tomorrow = java.time.LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(admin.page("/complaints/analytics?from=" + tomorrow).body())
                .containsPattern("id=\"complaint-count\">0<");
    }

    @Test
    void theCategoryTreeIsSetUpByManagersAndAudited() {
        Http agent = Http.browser(port);
        agent.signIn("agent-1", PASSWORD);
        assertThat(agent.page("/complaints/categories").statusCode()).isEqualTo(403);
        assertThat(agent.postForm("/complaints/categories", "code=X1&nameEn=x&nameZh=x&_csrf=" + agent.csrfToken())
                .statusCode()).isEqualTo(403);
        assertThat(admin.page("/complaints/categories").body()).contains("id=\"category-DELIVERY\"");
        // A sub-category without a department of its own goes to its parent's.
        HttpResponse<String> added = admin.postForm("/complaints/categories", "code=late_delivery&parent=DELIVERY"
                + "&nameEn=Late+delivery&nameZh=" + Http.encode("送货延迟") + "&_csrf=" + admin.csrfToken());
        assertThat(page(admin, added)).contains("The category is added.").contains("id=\"category-LATE_DELIVERY\"");
        // Refused: a bad code, a duplicate, an unknown parent, a cycle; nothing changes.
        for (String[] bad : new String[][] {
            {"/complaints/categories", "code=9x&nameEn=a&nameZh=b", "2 to 40 capital letters"},
            {"/complaints/categories", "code=DELIVERY&nameEn=a&nameZh=b", "already a category DELIVERY"},
            {"/complaints/categories", "code=NEW_ONE&parent=NOPE&nameEn=a&nameZh=b", "no category NOPE"},
            {"/complaints/categories/DELIVERY", "parent=LATE_DELIVERY&nameEn=a&nameZh=b&active=true",
                "under itself or one of its sub-categories"},
            {"/complaints/categories/OTHER", "nameEn=&nameZh=b&active=true", "English name is required"}}) {
            HttpResponse<String> r = admin.postForm(bad[0], bad[1] + "&_csrf=" + admin.csrfToken());
            assertThat(page(admin, r)).as(bad[1]).contains(bad[2]);
        }
        assertThat(jdbc.sql("select count(*) from complaint_category").query(Long.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("select name_en from complaint_category where code = 'DELIVERY'").query(String.class)
                .single()).isEqualTo("Delivery and supply");
        Http api = Http.at(port).as("agent-1", PASSWORD);
        assertThat(api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"LATE_DELIVERY\","
                + "\"subject\":\"Late\",\"description\":\"x\"}").statusCode()).isEqualTo(201);
        assertThat(jdbc.sql("select department from complaint").query(String.class).single()).isEqualTo("Logistics");
        assertThat(admin.page("/complaints/" + reference()).body()).contains("Delivery and supply › Late delivery");
        // Retiring the parent takes the sub-category out of use too: not offered, not accepted.
        admin.postForm("/complaints/categories/DELIVERY", "nameEn=Delivery+and+supply&nameZh=" + Http.encode("配送与供货")
                + "&department=Logistics&_csrf=" + admin.csrfToken());
        assertThat(Http.browser(port).page("/complain?lang=en").body()).doesNotContain("value=\"DELIVERY\"")
                .doesNotContain("value=\"LATE_DELIVERY\"").contains("value=\"OTHER\"");
        assertThat(api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"LATE_DELIVERY\","
                + "\"subject\":\"Late\",\"description\":\"x\"}").statusCode()).isEqualTo(422);
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'complaint-category' order by id")
                .query(String.class).list()).containsExactly("create", "change");
    }

    /** A multipart form with text fields and one file. */
    static HttpResponse<String> multipart(Http who, String path, java.util.Map<String, String> fields, String fileField,
                                          String fileName, byte[] content) {
        String boundary = "----fidelis" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(utf8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        return who.requestBytes("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static byte[] png(int size) {
        byte[] b = new byte[size];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }

    @Test
    void attachmentsAreCheckedByTheirBytesAndStoredOutsideTheDatabase() {
        Http visitor = Http.browser(port);
        String csrf = Http.csrfOf(visitor.page("/complain?lang=en").body());
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("orderId", "SO-1");
        form.put("contact", "ann@example.com");
        form.put("category", "PRODUCT_QUALITY");
        form.put("subject", "Broken");
        form.put("description", "The teapot arrived broken");
        // A program renamed to .png, and a picture over 5 MB: refused, and no complaint is filed.
        byte[] program = "MZ\u0090\u0000 not a picture".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<String> exe = multipart(visitor, "/complain?lang=en&_csrf=" + csrf, form, "attachment",
                "photo.png", program);
        assertThat(exe.statusCode()).isEqualTo(422);
        assertThat(exe.body()).contains("only JPEG, PNG or PDF files of at most 5 MB");
        HttpResponse<String> big = multipart(visitor, "/complain?lang=en&_csrf=" + csrf, form, "attachment",
                "big.png", png(5 * 1024 * 1024 + 1));
        assertThat(big.statusCode()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from complaint").query(Long.class).single()).isZero();
        // A real PNG with a hostile name is taken; the name is made safe.
        HttpResponse<String> ok = multipart(visitor, "/complain?lang=en&_csrf=" + csrf, form, "attachment",
                "..\\\\..\\\\etc\\\\tea pot<script>.png", png(2048));
        assertThat(ok.statusCode()).isEqualTo(302);
        String ref = reference();
        assertThat(jdbc.sql("select file_name from complaint_attachment").query(String.class).single())
                .isEqualTo("tea_pot_script_.png");
        long id = jdbc.sql("select id from complaint_attachment").query(Long.class).single();
        HttpResponse<String> download = admin.get("/complaints/" + ref + "/attachments/" + id);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        assertThat(download.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(download.headers().firstValue("Content-Length").orElse("")).isEqualTo("2048");
        Http am2 = Http.browser(port);
        am2.signIn("am-2", PASSWORD);
        assertThat(am2.get("/complaints/" + ref + "/attachments/" + id).statusCode()).isEqualTo(404);
        // Staff attach a PDF from the complaint page.
        byte[] pdf = "%PDF-1.4 a bill".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        HttpResponse<String> staffUpload = multipart(admin, "/complaints/" + ref + "/attachments?_csrf="
                + admin.csrfToken(), java.util.Map.of(), "file", "bill.pdf", pdf);
        assertThat(staffUpload.statusCode()).isEqualTo(302);
        assertThat(admin.page("/complaints/" + ref).body()).contains("bill.pdf").contains("tea_pot_script_.png");
    }
}
