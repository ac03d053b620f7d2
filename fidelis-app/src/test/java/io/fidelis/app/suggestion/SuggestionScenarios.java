package io.fidelis.app.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Suggestions to product improvements, end to end over real HTTP with a real SMTP server (GreenMail): a customer's
 * idea on the public page, a complaint marked as a suggestion, and an account manager's visit; the proposed grouping
 * accepted and a suggestion moved; the item ranked and moved through its states (an illegal move refused); on
 * delivery each customer who asked is e-mailed in their language only if they consented, their account manager gets
 * a follow-up, and the Customer 360 says "your suggestion led to …"; an account manager sees only their own
 * customers behind the item; everything audited. The effect of a delivered item against a comparison group; and
 * erasure of a customer's words.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SuggestionScenarios {
    static final com.icegreen.greenmail.util.GreenMail SMTP = io.fidelis.app.support.Smtp.started();
    static final String PASSWORD = "suggestion-password-1";

    static void mail(DynamicPropertyRegistry registry) {
        io.fidelis.app.support.Smtp.register(registry, SMTP);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    HandlingComplaints complaints;
    @Autowired
    MeasuringImprovementEffect effects;
    Http boss;
    Http am1;
    long ann;
    long bao;
    long cat;

    @BeforeEach
    void business() throws Exception {
        TestData.clean(jdbc);
        SMTP.purgeEmailFromAllMailboxes();
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("am-2", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("boss", null, Role.MANAGER, PASSWORD);
        ann = customer("ANN", "Ann Archer", "am-1", true);
        bao = customer("BAO", "王宝", "am-2", true);
        cat = customer("CAT", "Cat Cole", "am-1", false);
        product("SOFA-3", "Three-seat sofa", "Sofas");
        product("LAMP-1", "Reading lamp", "Lamps");
        order("SO-1", ann, "SOFA-3", OffsetDateTime.now(ZoneOffset.UTC).minusDays(40));
        order("SO-2", bao, "SOFA-3", OffsetDateTime.now(ZoneOffset.UTC).minusDays(30));
        boss = Http.browser(port);
        boss.signIn("boss", PASSWORD);
        am1 = Http.browser(port);
        am1.signIn("am-1", PASSWORD);
    }

    long customer(String id, String name, String manager, boolean consent) {
        jdbc.sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone, created_at,"
                        + " updated_at, version, account_manager_id, acquired_on) values (?, ?, ?, ?, ?, 'UTC',"
                        + " current_timestamp, current_timestamp, 0, (select id from staff_user where username = ?), ?)")
                .params(id, name, name.toLowerCase(), id.toLowerCase() + "@example.com", consent, manager,
                        LocalDate.now(ZoneOffset.UTC).minusYears(2)).update();
        return jdbc.sql("select id from customer where external_id = ?").param(id).query(Long.class).single();
    }

    void product(String sku, String name, String category) {
        jdbc.sql("insert into product (sku, name, category, created_at, updated_at) values (?, ?, ?,"
                + " current_timestamp, current_timestamp)").params(sku, name, category).update();
    }

    void order(String orderId, long customer, String sku, OffsetDateTime at) {
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                .params(orderId, customer, at).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price, unit_cost)"
                + " values (?, 1, ?, (select category from product where sku = ?), 1, 100, 60)")
                .params(orderId, sku, sku).update();
    }

    String follow(Http who, HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        java.net.URI uri = java.net.URI.create(redirect.headers().firstValue("Location").orElseThrow());
        return who.page(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())).body();
    }

    Long itemOf(String textPart) {
        return jdbc.sql("select item_id from suggestion where text like ?").param("%" + textPart + "%")
                .query(Long.class).single();
    }

    @Test
    void suggestionsFromThreeSourcesBecomeOneItemWhoseDeliveryClosesTheLoopWithEachCustomer() throws Exception {
        // 1. Ann on the public page (no login), in English.
        Http visitor = Http.browser(port);
        String form = visitor.page("/suggest?lang=en").body();
        assertThat(form).contains("Your idea for us").contains("<option value=\"Sofas\"");
        HttpResponse<String> wrong = visitor.postForm("/suggest?lang=en", "orderId=SO-1&contact=nobody%40x.com"
                + "&category=Sofas&text=x&_csrf=" + Http.csrfOf(form));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("We could not find that order");
        HttpResponse<String> sent = visitor.postForm("/suggest?lang=en", "orderId=SO-1&contact=ann%40example.com"
                + "&category=Sofas&text=" + Http.encode("The sofa is too big to get through our warehouse door <b>")
                + "&_csrf=" + Http.csrfOf(form));
        assertThat(follow(visitor, sent)).contains("Thank you");
        // 2. Bao's complaint, in Chinese, about the sofa; the manager marks it as a suggestion (twice: refused).
        String reference = complaints.fileFromForm("SO-2", "bao@example.com", new HandlingComplaints.FileComplaint(
                "SO-2", "PRODUCT_QUALITY", null, "沙发太大", "沙发太大，进不了仓库的门", List.of("SOFA-3"), "zh-CN"))
                .reference();
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).as("the complaint's receipt").isTrue();
        SMTP.purgeEmailFromAllMailboxes();
        String complaintPage = follow(boss, boss.postForm("/suggestions/from-complaint", "reference=" + reference
                + "&subject=&_csrf=" + boss.csrfToken()));
        assertThat(complaintPage).contains("The suggestion is recorded.");
        assertThat(follow(boss, boss.postForm("/suggestions/from-complaint", "reference=" + reference
                + "&_csrf=" + boss.csrfToken()))).contains("is already a suggestion");
        assertThat(jdbc.sql("select status from complaint where reference = ?").param(reference).query(String.class)
                .single()).as("the complaint itself is untouched").isEqualTo("RECEIVED");
        // 3. Cat, heard by am-1 on a visit; and a different need of Ann's, written down by am-1.
        follow(am1, am1.postForm("/customers/CAT/contacts", "kind=VISIT&needs=" + Http.encode(
                "Sofa too big for the door of their warehouse; detachable arms?") + "&_csrf=" + am1.csrfToken()));
        long contact = jdbc.sql("select id from contact where customer_id = ?").param(cat).query(Long.class).single();
        assertThat(follow(am1, am1.postForm("/suggestions/from-contact", "customer=CAT&contactId=" + contact
                + "&subject=SOFA-3&_csrf=" + am1.csrfToken()))).contains("The suggestion is recorded.");
        follow(am1, am1.postForm("/customers/ANN/suggestions", "text=" + Http.encode("A reading lamp in dark green")
                + "&subject=Lamps&_csrf=" + am1.csrfToken()));
        // am-1 cannot write one down for am-2's customer.
        assertThat(am1.postForm("/customers/BAO/suggestions", "text=hello+there&subject=Sofas&_csrf="
                + am1.csrfToken()).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select source || ' ' || coalesce(sku, '-') || ' ' || category || ' ' || language from"
                + " suggestion order by id").query(String.class).list()).containsExactly("PUBLIC - Sofas en",
                "COMPLAINT SOFA-3 Sofas zh-CN", "VISIT SOFA-3 Sofas en", "STAFF - Lamps en");

        // The board: four new suggestions; the two English sofa ones proposed together, the lamp apart.
        String board = boss.page("/improvements").body();
        assertThat(board).contains("id=\"proposals\"").contains("The sofa is too big to get through our warehouse"
                + " door &lt;b&gt;").doesNotContain("door <b>");
        follow(boss, boss.postForm("/improvements/group", "_csrf=" + boss.csrfToken()));
        long sofas = itemOf("warehouse door");
        assertThat(itemOf("detachable arms")).isEqualTo(sofas);
        assertThat(itemOf("reading lamp")).isNotEqualTo(sofas);
        long chinese = itemOf("进不了");
        assertThat(chinese).as("Chinese words do not meet English ones").isNotEqualTo(sofas);
        // The manager moves Bao's suggestion into the sofa item; stale versions are refused.
        long baoSuggestion = jdbc.sql("select id from suggestion where customer_id = ?").param(bao).query(Long.class)
                .single();
        assertThat(follow(boss, boss.postForm("/suggestions/" + baoSuggestion + "/move", "version=0&to=" + sofas
                + "&_csrf=" + boss.csrfToken()))).contains("changed by someone else");
        follow(boss, boss.postForm("/suggestions/" + baoSuggestion + "/move", "version=1&to=" + sofas + "&_csrf="
                + boss.csrfToken()));
        assertThat(itemOf("进不了")).isEqualTo(sofas);
        assertThat(jdbc.sql("select count(*) from improvement_item where id = ?").param(chinese).query(Long.class)
                .single()).as("the item emptied by the move is removed").isZero();
        // Priority: three customers, Bao's complaint about SOFA-3 counts; the item outranks the lamp.
        String item = boss.page("/improvements/" + sofas).body();
        assertThat(item).contains("3 customer(s), 3 suggestion(s)").containsPattern("id=\"item-complaints\">1 \\(");
        // Illegal move: delivered straight from new; then reviewed, planned and delivered.
        assertThat(follow(boss, boss.postForm("/improvements/" + sofas + "/move", "version=0&move=DELIVER&_csrf="
                + boss.csrfToken()))).contains("the item is new; it cannot become delivered");
        follow(boss, boss.postForm("/improvements/" + sofas + "/move", "version=0&move=REVIEW&_csrf="
                + boss.csrfToken()));
        // On the board through htmx: the board alone comes back.
        HttpResponse<String> htmx = boss.request("POST", "/improvements/" + sofas + "/move",
                "application/x-www-form-urlencoded", "version=1&move=PLAN&back=board&_csrf=" + boss.csrfToken(),
                "HX-Request", "true");
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("id=\"improvement-board\"").doesNotContain("<html");
        follow(boss, boss.postForm("/improvements/" + sofas, "version=2&title=" + Http.encode(
                "Detachable sofas that fit through a warehouse door") + "&_csrf=" + boss.csrfToken()));
        follow(boss, boss.postForm("/improvements/" + sofas + "/move", "version=3&move=DELIVER&text=" + Http.encode(
                "Our new sofas have detachable arms and backs.") + "&_csrf=" + boss.csrfToken()));
        assertThat(jdbc.sql("select status from improvement_item where id = ?").param(sofas).query(String.class)
                .single()).isEqualTo("DELIVERED");

        // E-mail: Ann in English, Bao in Chinese; Cat gave no consent and gets none.
        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(2);
        Map<String, MimeMessage> byTo = Arrays.stream(mails).collect(Collectors.toMap(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }, m -> m));
        assertThat(byTo.keySet()).containsExactlyInAnyOrder("ann@example.com", "bao@example.com");
        assertThat(byTo.get("ann@example.com").getSubject()).isEqualTo("Your suggestion led to: Detachable sofas that"
                + " fit through a warehouse door");
        assertThat((String) byTo.get("ann@example.com").getContent()).contains("Hello Ann Archer")
                .contains("detachable arms and backs");
        assertThat(byTo.get("bao@example.com").getSubject()).startsWith("您的建议促成了：");
        assertThat((String) byTo.get("bao@example.com").getContent()).contains("王宝，您好");
        assertThat(jdbc.sql("select c.external_id || ' ' || n.outcome || ' ' || n.language from improvement_notice n"
                + " join customer c on c.id = n.customer_id order by c.external_id").query(String.class).list())
                .containsExactly("ANN SENT en", "BAO SENT zh-CN", "CAT NO_CONSENT en");
        // A follow-up for each customer's account manager, in the manager's day.
        assertThat(jdbc.sql("select s.username || ' ' || c.external_id from task t join staff_user s on s.id ="
                + " t.assignee_id join customer c on c.id = t.customer_id order by c.external_id")
                .query(String.class).list()).containsExactly("am-1 ANN", "am-2 BAO", "am-1 CAT");
        assertThat(am1.page("/my-day").body()).contains("Suggestion delivered, follow up: Detachable sofas");
        // The Customer 360 timeline.
        String annPage = am1.page("/customers/ANN").body();
        assertThat(annPage).contains("Your suggestion led to: Detachable sofas that fit"
                + " through a warehouse door").contains("id=\"suggestions-panel\"");
        // Linked to the item for those who may open it (in the timeline and the panel), as text for an agent.
        assertThat(annPage).contains("<a href=\"/improvements/" + sofas + "\">Your suggestion led to: Detachable"
                + " sofas").contains("<a href=\"/improvements/" + sofas + "\">Detachable sofas");
        staff.create("agent-1", null, Role.AGENT, PASSWORD);
        Http agent = Http.browser(port);
        agent.signIn("agent-1", PASSWORD);
        String agentPage = agent.page("/customers/ANN").body();
        assertThat(agentPage).contains("Your suggestion led to: Detachable sofas that fit through a warehouse door")
                .doesNotContain("href=\"/improvements/");
        assertThat(agent.page("/improvements/" + sofas).statusCode()).isEqualTo(403);
        // am-1 sees Ann and Cat behind the item, not Bao; the notices say what was sent.
        String mine = am1.page("/improvements/" + sofas).body();
        assertThat(mine).contains("ANN · Ann Archer").contains("CAT · Cat Cole").doesNotContain("王宝")
                .contains("and 1 customer(s) of other account managers").contains("Not e-mailed: no consent");
        assertThat(am1.postForm("/improvements/" + sofas + "/move", "version=4&move=DECLINE&text=x&_csrf="
                + am1.csrfToken()).statusCode()).isEqualTo(403);
        // A delivered item takes no more suggestions; the dashboard card counts it.
        long lamp = itemOf("reading lamp");
        long lampSuggestion = jdbc.sql("select id from suggestion where item_id = ?").param(lamp).query(Long.class)
                .single();
        assertThat(follow(boss, boss.postForm("/suggestions/" + lampSuggestion + "/move", "version=1&to=" + sofas
                + "&_csrf=" + boss.csrfToken()))).contains("it takes no more suggestions");
        assertThat(boss.page("/").body()).containsPattern("id=\"card-improvements\">1<")
                .contains("(1 delivered in the last year, 0 new suggestions waiting)");
        // Audited: the suggestions, the grouping, the moves, the notices.
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'suggestion' and action ="
                + " 'create'").query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'improvement' and entity_id = ?"
                + " order by id").param(Long.toString(sofas)).query(String.class).list())
                .containsExactly("create", "review", "plan", "describe", "deliver");
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'improvement' and entity_id = ?")
                .param(Long.toString(chinese)).query(String.class).list()).containsExactly("create", "remove");
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'suggestion' and action ="
                + " 'notify'").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void declinedNeedsAReasonAndSplittingMakesAnItemOfItsOwn() {
        follow(am1, am1.postForm("/customers/ANN/suggestions", "text=" + Http.encode("Sofa too big for the door")
                + "&subject=Sofas&_csrf=" + am1.csrfToken()));
        follow(am1, am1.postForm("/customers/CAT/suggestions", "text=" + Http.encode("The door is too small for the"
                + " sofa") + "&subject=SOFA-3&_csrf=" + am1.csrfToken()));
        follow(boss, boss.postForm("/improvements/group", "_csrf=" + boss.csrfToken()));
        long item = itemOf("Sofa too big");
        assertThat(itemOf("door is too small")).isEqualTo(item);
        long catSuggestion = jdbc.sql("select id from suggestion where customer_id = ?").param(cat).query(Long.class)
                .single();
        follow(boss, boss.postForm("/suggestions/" + catSuggestion + "/move", "version=1&to=new&from=" + item
                + "&_csrf=" + boss.csrfToken()));
        assertThat(itemOf("door is too small")).isNotEqualTo(item);
        assertThat(jdbc.sql("select count(*) from improvement_item").query(Long.class).single()).isEqualTo(2);
        assertThat(follow(boss, boss.postForm("/improvements/" + item + "/move", "version=0&move=DECLINE&_csrf="
                + boss.csrfToken()))).contains("say why the item is declined");
        follow(boss, boss.postForm("/improvements/" + item + "/move", "version=0&move=DECLINE&text=" + Http.encode(
                "The door is the customer's; we sell through dealers") + "&_csrf=" + boss.csrfToken()));
        assertThat(boss.page("/improvements/" + item).body()).contains("id=\"decline-reason\"")
                .contains("we sell through dealers");
        follow(boss, boss.postForm("/improvements/" + item + "/move", "version=1&move=RECONSIDER&_csrf="
                + boss.csrfToken()));
        assertThat(jdbc.sql("select status from improvement_item where id = ?").param(item).query(String.class)
                .single()).isEqualTo("UNDER_REVIEW");
        assertThat(SMTP.getReceivedMessages()).as("a declined item tells nobody").isEmpty();
    }

    /**
     * The same work through the API: suggestions recorded for customers (an account manager's own only), the items
     * ranked, an item's customers as far as the caller may see them, and the moves with their rules and versions.
     */
    @Test
    void suggestionsAndItemsThroughTheApi() {
        Http amApi = Http.at(port).as("am-1", PASSWORD);
        Http bossApi = Http.at(port).as("boss", PASSWORD);
        HttpResponse<String> ann1 = amApi.post("/api/v1/customers/ANN/suggestions",
                "{\"text\":\"Sofa too big for the door\",\"subject\":\"Sofas\"}");
        assertThat(ann1.statusCode()).isEqualTo(201);
        long annSuggestion = jdbc.sql("select id from suggestion where customer_id = ?").param(ann)
                .query(Long.class).single();
        assertThat(ann1.body()).isEqualTo("{\"id\":" + annSuggestion + "}");
        // Bao is am-2's customer: not found for am-1, and nothing stored; a blank text is refused field by field.
        assertThat(amApi.post("/api/v1/customers/BAO/suggestions", "{\"text\":\"x\",\"subject\":\"Sofas\"}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> blank = amApi.post("/api/v1/customers/ANN/suggestions", "{\"text\":\" \",\"subject\""
                + ":\"Sofas\"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("text");
        assertThat(bossApi.post("/api/v1/customers/BAO/suggestions", "{\"text\":\"The door is too small for the"
                + " sofa\",\"subject\":\"SOFA-3\"}").statusCode()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from suggestion").query(Long.class).single()).isEqualTo(2);
        follow(boss, boss.postForm("/improvements/group", "_csrf=" + boss.csrfToken()));
        long item = itemOf("Sofa too big");

        String list = bossApi.get("/api/v1/improvements").body();
        assertThat(list).contains("\"id\":" + item).contains("\"status\":\"NEW\"").contains("\"customers\":2")
                .contains("\"suggestions\":2").contains("\"categories\":[\"Sofas\"]");
        assertThat(bossApi.get("/api/v1/improvements?status=DELIVERED").body()).isEqualTo("[]");
        // am-1 sees Ann behind the item and one customer of another manager; the boss sees both.
        String mine = amApi.get("/api/v1/improvements/" + item).body();
        assertThat(mine).contains("\"customerId\":\"ANN\"").contains("Sofa too big for the door")
                .doesNotContain("BAO").doesNotContain("too small").contains("\"otherCustomers\":1");
        assertThat(bossApi.get("/api/v1/improvements/" + item).body()).contains("\"customerId\":\"BAO\"")
                .contains("\"otherCustomers\":0");
        assertThat(bossApi.get("/api/v1/improvements/999999").statusCode()).isEqualTo(404);

        // Moves: a decline needs a reason (422), a stale version is refused (409), an unknown move is a bad request.
        assertThat(bossApi.post("/api/v1/improvements/" + item + "/moves", "{\"version\":0,\"move\":\"DECLINE\"}")
                .statusCode()).isEqualTo(422);
        assertThat(bossApi.post("/api/v1/improvements/" + item + "/moves", "{\"version\":0,\"move\":\"FLY\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> review = bossApi.post("/api/v1/improvements/" + item + "/moves",
                "{\"version\":0,\"move\":\"REVIEW\"}");
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body()).contains("\"status\":\"UNDER_REVIEW\"").contains("\"version\":1");
        assertThat(bossApi.post("/api/v1/improvements/" + item + "/moves", "{\"version\":0,\"move\":\"PLAN\"}")
                .statusCode()).isEqualTo(409);
        // Account managers read the backlog but do not move it.
        assertThat(amApi.post("/api/v1/improvements/" + item + "/moves", "{\"version\":1,\"move\":\"PLAN\"}")
                .statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'improvement' and entity_id = ?"
                + " order by id").param(Long.toString(item)).query(String.class).list()).containsExactly("create",
                "review");
    }

    @Test
    void erasureRemovesTheCustomersWordsAndKeepsTheSuggestionForTheCounts() {
        follow(am1, am1.postForm("/customers/ANN/suggestions", "text=" + Http.encode("Annabel wants a quieter kettle")
                + "&subject=Lamps&_csrf=" + am1.csrfToken()));
        Http api = Http.at(port).as("boss", PASSWORD);
        assertThat(api.get("/api/v1/customers/ANN/personal-data").body()).contains("\"suggestions\"")
                .contains("Annabel wants a quieter kettle");
        HttpResponse<String> erased = boss.postForm("/customers/ANN/erase", "confirm=ANN&reason=" + Http.encode(
                "request of 2026-12-01") + "&_csrf=" + boss.csrfToken());
        assertThat(erased.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select text || ' ' || category from suggestion").query(String.class).single())
                .isEqualTo("(erased) Lamps");
        assertThat(jdbc.sql("select count(*) from audit_event where coalesce(old_value, '') like '%quieter kettle%'"
                + " or coalesce(new_value, '') like '%quieter kettle%'").query(Long.class).single()).isZero();
    }

    /**
     * An item takes its title from its first suggestion, so the customer's words spread: to the backlog and the API,
     * to the follow-up tasks of the other customers' managers on delivery, and to the audit trail. Erasure takes
     * them from all of these; an item renamed by staff keeps its name.
     */
    @Test
    void erasureAlsoRenamesTheItemNamedAfterTheCustomersWordsAndScrubsTheirCopies() {
        follow(am1, am1.postForm("/customers/ANN/suggestions", "text=" + Http.encode("Annabel Archer at 12 Elm"
                + " Street\nwants a much quieter kettle, the current one wakes the whole house every morning")
                + "&subject=Lamps&_csrf=" + am1.csrfToken()));
        follow(am1, am1.postForm("/customers/CAT/suggestions", "text=" + Http.encode("A much quieter kettle please")
                + "&subject=Lamps&_csrf=" + am1.csrfToken()));
        follow(boss, boss.postForm("/improvements/group", "_csrf=" + boss.csrfToken()));
        long item = itemOf("Annabel");
        if (itemOf("A much quieter kettle") != item) {
            // Not grouped by the proposal: the manager moves Cat's into Ann's item (Cat's own is then removed).
            long catSuggestion = jdbc.sql("select id from suggestion where customer_id = ?").param(cat)
                    .query(Long.class).single();
            follow(boss, boss.postForm("/suggestions/" + catSuggestion + "/move", "version=1&to=" + item
                    + "&_csrf=" + boss.csrfToken()));
        }
        assertThat(itemOf("A much quieter kettle")).isEqualTo(item);
        assertThat(jdbc.sql("select title from improvement_item where id = ?").param(item).query(String.class)
                .single()).startsWith("Annabel Archer at 12 Elm Street wants").endsWith("…").hasSize(80);
        Http api = Http.at(port).as("boss", PASSWORD);
        for (String move : List.of("REVIEW", "PLAN", "DELIVER")) {
            long version = jdbc.sql("select version from improvement_item where id = ?").param(item)
                    .query(Long.class).single();
            assertThat(api.post("/api/v1/improvements/" + item + "/moves", "{\"version\":" + version + ",\"move\":\""
                    + move + "\",\"text\":\"Quiet kettles are in the shop\"}").statusCode()).isEqualTo(200);
        }
        assertThat(jdbc.sql("select count(*) from task where title like '%Annabel%'").query(Long.class).single())
                .isEqualTo(2);

        HttpResponse<String> erased = boss.postForm("/customers/ANN/erase", "confirm=ANN&reason=" + Http.encode(
                "request of 2026-12-01") + "&_csrf=" + boss.csrfToken());
        assertThat(erased.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select title || ' ' || status from improvement_item where id = ?").param(item)
                .query(String.class).single()).isEqualTo("Suggestion about Lamps DELIVERED");
        assertThat(api.get("/api/v1/improvements/" + item).body()).doesNotContain("Annabel")
                .contains("\"customers\":2");
        assertThat(jdbc.sql("select t.title from task t join customer c on c.id = t.customer_id where"
                + " c.external_id = 'CAT'").query(String.class).single())
                .isEqualTo("Suggestion delivered, follow up: [erased]");
        assertThat(jdbc.sql("select count(*) from task where title like '%Annabel%'").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where coalesce(old_value, '') like '%Annabel%'"
                + " or coalesce(new_value, '') like '%Annabel%'").query(Long.class).single()).isZero();
        // Cat's own words and the item's counts stay.
        assertThat(jdbc.sql("select text from suggestion where customer_id = ?").param(cat).query(String.class)
                .single()).isEqualTo("A much quieter kettle please");
    }

    /**
     * A suggestion from a survey answer quotes the answer as stored: a form cannot make up what the customer said,
     * name an answer they did not give, or make two suggestions of one answer.
     */
    @Test
    void aSuggestionFromASurveyAnswerQuotesTheStoredAnswerOnce() {
        jdbc.sql("insert into survey (template, audience, title_en, title_zh, status, invitation_days, created_at,"
                + " created_by, version) values ('csat', 'CUSTOMER', 'After the order', '订单之后', 'OPEN', 14,"
                + " current_timestamp, 'boss', 0)").update();
        long survey = jdbc.sql("select id from survey").query(Long.class).single();
        jdbc.sql("insert into survey_response (survey_id, customer_id, channel, language, submitted_at) values (?, ?,"
                + " 'EMAIL', 'en', current_timestamp)").params(survey, ann).update();
        long response = jdbc.sql("select max(id) from survey_response").query(Long.class).single();
        jdbc.sql("insert into survey_answer (response_id, code, text) values (?, 'IMPROVE', ?)")
                .params(response, "Sofas that fit\nthrough narrow doors").update();
        Http analyst = Http.browser(port);
        staff.create("analyst-1", null, Role.ANALYST, PASSWORD);
        analyst.signIn("analyst-1", PASSWORD);
        String made = follow(analyst, analyst.postForm("/suggestions/from-answer", "surveyId=" + survey
                + "&customer=ANN&code=IMPROVE&text=" + Http.encode("Something Ann never said") + "&subject=Sofas&_csrf="
                + analyst.csrfToken()));
        assertThat(made).contains("id=\"suggestion-message\"");
        assertThat(jdbc.sql("select text || '|' || source || '|' || source_ref || '|' || category from suggestion")
                .query(String.class).single()).isEqualTo("Sofas that fit\nthrough narrow doors|SURVEY|survey:" + survey
                + ":IMPROVE:" + response + "|Sofas");
        // Once per answer; no answer in words to that question, or none by that customer: refused, nothing stored.
        assertThat(follow(analyst, analyst.postForm("/suggestions/from-answer", "surveyId=" + survey
                + "&customer=ANN&code=IMPROVE&subject=Sofas&_csrf=" + analyst.csrfToken())))
                .contains("a suggestion was made from this answer already");
        assertThat(follow(analyst, analyst.postForm("/suggestions/from-answer", "surveyId=" + survey
                + "&customer=CAT&code=IMPROVE&subject=Sofas&_csrf=" + analyst.csrfToken())))
                .contains("CAT gave no answer in words to question IMPROVE of survey " + survey);
        assertThat(analyst.postForm("/suggestions/from-answer", "surveyId=424242&customer=ANN&code=IMPROVE"
                + "&subject=Sofas&_csrf=" + analyst.csrfToken()).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from suggestion").query(Long.class).single()).isOne();
    }

    @Test
    void theEffectComparesTheCustomersWhoAskedWithBuyersWhoDidNot() {
        // Delivered 60 days ago: windows of 60 days before and after. Ann asked and bought before and after; Cat
        // asked and bought after only; Bao (comparison: bought sofas in the year before, did not ask) bought before
        // only. Repurchase: askers 0.5 -> 1.0 (+0.5), comparison 1 -> 0 (-1): difference in differences +1.5.
        Instant delivered = Instant.now().minus(Duration.ofDays(60));
        jdbc.sql("insert into improvement_item (title, status, delivered_at, created_at, created_by, updated_at,"
                        + " version) values ('Detachable sofas', 'DELIVERED', ?, ?, 'boss', ?, 3)")
                .params(delivered.atOffset(ZoneOffset.UTC), delivered.minus(Duration.ofDays(90)).atOffset(
                        ZoneOffset.UTC), delivered.atOffset(ZoneOffset.UTC)).update();
        long item = jdbc.sql("select id from improvement_item").query(Long.class).single();
        for (long c : new long[] {ann, cat}) {
            jdbc.sql("insert into suggestion (customer_id, source, text, category, language, item_id, received_at,"
                    + " created_by, version) values (?, 'STAFF', 'too big', 'Sofas', 'en', ?, ?, 'am-1', 0)")
                    .params(c, item, delivered.minus(Duration.ofDays(80)).atOffset(ZoneOffset.UTC)).update();
        }
        order("SO-3", ann, "LAMP-1", OffsetDateTime.now(ZoneOffset.UTC).minusDays(10));
        order("SO-4", cat, "LAMP-1", OffsetDateTime.now(ZoneOffset.UTC).minusDays(5));
        // Ann's SO-1 was 40 days ago (after delivery); give her one before as well, and Bao's SO-2 is after too:
        jdbc.sql("update purchase set purchased_at = ? where order_id = 'SO-2'").param(OffsetDateTime.now(
                ZoneOffset.UTC).minusDays(90)).update();
        order("SO-5", ann, "SOFA-3", OffsetDateTime.now(ZoneOffset.UTC).minusDays(100));
        // Survey answers: CSAT Ann 2 -> 5, Cat 3 -> 4 (askers +2), Bao 4 -> 3 (comparison -1): +3; NPS Ann 5 -> 9,
        // Bao 8 -> 8: +4. Cat's NPS only after delivery: left out.
        jdbc.sql("insert into survey (template, audience, title_en, title_zh, status, invitation_days, created_at,"
                + " created_by, version) values ('csat', 'CUSTOMER', 'After the order', '订单之后', 'OPEN', 14,"
                + " current_timestamp, 'boss', 0)").update();
        long survey = jdbc.sql("select id from survey").query(Long.class).single();
        for (String[] q : new String[][] {{"CSAT", "CSAT", "1"}, {"NPS", "NPS", "2"}}) {
            jdbc.sql("insert into survey_question (survey_id, position, code, type, required, text_en, text_zh) values"
                    + " (?, ?, ?, ?, false, 'q', 'q')").params(survey, Integer.parseInt(q[2]), q[0], q[1]).update();
        }
        answer(survey, ann, delivered.minus(Duration.ofDays(30)), 2, 5);
        answer(survey, ann, delivered.plus(Duration.ofDays(30)), 5, 9);
        answer(survey, cat, delivered.minus(Duration.ofDays(20)), 3, null);
        answer(survey, cat, delivered.plus(Duration.ofDays(20)), 4, 10);
        answer(survey, bao, delivered.minus(Duration.ofDays(10)), 4, 8);
        answer(survey, bao, delivered.plus(Duration.ofDays(10)), 3, 8);
        MeasuringImprovementEffect.Effect e = effects.of(item).orElseThrow();
        assertThat(e.days()).isEqualTo(60);
        assertThat(e.repurchase().treated()).isEqualTo(2);
        assertThat(e.repurchase().comparison()).isEqualTo(1);
        assertThat(e.repurchase().treatedBefore()).isEqualTo(0.5);
        assertThat(e.repurchase().treatedAfter()).isEqualTo(1.0);
        assertThat(e.repurchase().comparisonBefore()).isEqualTo(1.0);
        assertThat(e.repurchase().comparisonAfter()).isEqualTo(0.0);
        assertThat(e.repurchase().difference()).isEqualTo(1.5);
        assertThat(e.repurchase().lower()).as("one comparison customer: no interval").isNaN();
        assertThat(e.repurchase().enough()).isFalse();
        assertThat(e.satisfaction().treated()).isEqualTo(2);
        assertThat(e.satisfaction().comparison()).isEqualTo(1);
        assertThat(e.satisfaction().treatedBefore()).isEqualTo(2.5);
        assertThat(e.satisfaction().difference()).isEqualTo(3.0);
        assertThat(e.recommendation().treated()).isEqualTo(1);
        assertThat(e.recommendation().difference()).isEqualTo(4.0);
        assertThat(boss.page("/improvements/" + item).body()).contains("id=\"effect-repurchase\"")
                .contains("too few to read").contains("id=\"effect-recommendation\"");
    }

    void answer(long survey, long customer, Instant at, Integer csat, Integer nps) {
        jdbc.sql("insert into survey_response (survey_id, customer_id, channel, language, submitted_at) values (?, ?,"
                + " 'EMAIL', 'en', ?)").params(survey, customer, at.atOffset(ZoneOffset.UTC)).update();
        long response = jdbc.sql("select max(id) from survey_response").query(Long.class).single();
        for (Object[] a : new Object[][] {{"CSAT", csat}, {"NPS", nps}}) {
            if (a[1] != null) {
                jdbc.sql("insert into survey_answer (response_id, code, number) values (?, ?, ?)")
                        .params(response, a[0], a[1]).update();
            }
        }
    }
}
