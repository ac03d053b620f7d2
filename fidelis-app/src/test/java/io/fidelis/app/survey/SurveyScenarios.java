package io.fidelis.app.survey;

import io.fidelis.app.shared.SecretTokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Surveys end to end over real HTTP, with a real SMTP server (GreenMail) receiving the invitations: creating one from
 * a template, inviting customers (consent, the contact cap), answering once through the e-mailed link, kindly refused
 * the second time, answers checked, the closed loop to the account manager, the kiosk link, results with intervals,
 * the CSV export, loyalty signals, and the purchase rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "fidelis.surveys.public-url=https://surveys.example.com/")
abstract class SurveyScenarios {
    static final com.icegreen.greenmail.util.GreenMail SMTP = io.fidelis.app.support.Smtp.started();

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
    SurveySignals signals;
    @Autowired
    SurveyRules rules;
    @Autowired
    SurveyRepository repository;
    @Autowired
    SatisfactionOverview overview;
    @Autowired
    SurveyManagement management;

    Http admin;
    long ann;
    long bob;

    static final String PASSWORD = "survey-test-password-1";

    @BeforeEach
    void business() throws Exception {
        TestData.clean(jdbc);
        SMTP.purgeEmailFromAllMailboxes();
        staff.create("am-1", "Ada Manager", Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("am-2", "Other Manager", Role.ACCOUNT_MANAGER, PASSWORD);
        ann = customer("ANN", "ann@example.com", true, "am-1", "Retail");
        bob = customer("BOB", "bob@example.com", true, "am-2", "Trade");
        customer("CY", "cy@example.com", false, "am-1", "Retail"); // no consent
        customer("DEE", null, true, "am-1", "Retail"); // no e-mail
        admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
    }

    long customer(String id, String email, boolean consent, String manager, String segment) {
        jdbc.sql("insert into customer (external_id, name, name_key, email, segment, region, marketing_consent,"
                        + " time_zone, created_at, updated_at, version, account_manager_id) values (?, ?, ?, ?, ?,"
                        + " 'East', ?, 'UTC', current_timestamp, current_timestamp, 0,"
                        + " (select id from staff_user where username = ?))")
                .params(id, "Customer " + id, "customer " + id.toLowerCase(), email, segment, consent, manager)
                .update();
        return jdbc.sql("select id from customer where external_id = ?").param(id).query(Long.class).single();
    }

    long createSurvey(String template) {
        HttpResponse<String> r = admin.postForm("/surveys", "template=" + template + "&_csrf=" + admin.csrfToken());
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    long version(long survey) {
        return jdbc.sql("select version from survey where id = ?").param(survey).query(Long.class).single();
    }

    /** Posts a form of the survey page as the admin and follows the redirect, as a browser does; the page shown. */
    String post(long survey, String action, String form) {
        HttpResponse<String> r = admin.postForm("/surveys/" + survey + "/" + action, form + "&version="
                + version(survey) + "&_csrf=" + admin.csrfToken());
        assertThat(r.statusCode()).as(action).isEqualTo(302);
        java.net.URI location = java.net.URI.create(r.headers().firstValue("Location").orElseThrow());
        return admin.page(location.getRawPath()).body();
    }

    static final Pattern LINK = Pattern.compile("(https?://\\S+/s/[A-Za-z0-9_-]{22})\\s");

    static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    List<String> mailedLinks(int expected) throws Exception {
        assertThat(SMTP.waitForIncomingEmail(10_000, expected)).as("mails arrived; invitations: "
                + jdbc.sql("select customer_id || ' ' || coalesce(cast(sent_at as varchar(40)), '-') from"
                + " survey_invitation").query(String.class).list()).isTrue();
        MimeMessage[] messages = SMTP.getReceivedMessages();
        assertThat(messages).hasSize(expected);
        List<String> links = new java.util.ArrayList<>();
        for (MimeMessage m : messages) {
            Matcher link = LINK.matcher((String) m.getContent());
            assertThat(link.find()).isTrue();
            links.add(link.group(1));
        }
        return links;
    }

    HttpResponse<String> answer(Http visitor, String token, String answers) {
        String page = visitor.page("/s/" + token).body();
        // A page without a form (a closed survey) has no token: the session's token from the login page.
        String csrf = page.contains("name=\"_csrf\"") ? Http.csrfOf(page) : visitor.csrfToken();
        HttpResponse<String> r = visitor.postForm("/s/" + token, answers + "&_csrf=" + csrf);
        if (r.statusCode() == 302) {
            // Taken: on to the thank-you page, as the browser goes (reloading it sends nothing again).
            String location = r.headers().firstValue("Location").orElseThrow();
            assertThat(location).contains("/s/" + token + "?done");
            java.net.URI uri = java.net.URI.create(location);
            return visitor.page(uri.getRawPath() + "?" + uri.getRawQuery());
        }
        return r;
    }

    @Test
    void invitationsRespectConsentAndTheCapAndAreAnsweredOnceThroughTheMailedLink() throws Exception {
        long survey = createSurvey("relationship-nps");
        post(survey, "open", "");
        String page = post(survey, "invitations", "segment=Retail&language=zh-CN");
        // Ann is invited; Cy has no consent, Dee no e-mail; Bob is not in Retail.
        assertThat(page).contains("Invited 1 (queued for e-mail 1)").doesNotContain("<code>http");
        List<String> links = mailedLinks(1);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(mail.getSubject()).isEqualTo("我们做得怎么样？");
        // Marked sent once the mail server took it (in the background, just after delivery).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from survey_invitation where sent_at is not null").query(Long.class).single() == 1);
        // The contact cap: Ann is not invited again to another survey within a month.
        long second = createSurvey("post-purchase-csat");
        post(second, "open", "");
        assertThat(post(second, "invitations", "segment=Retail&language=en")).contains("1 contacted recently");

        Http visitor = Http.browser(port);
        String token = token(links.get(0));
        HttpResponse<String> form = visitor.page("/s/" + token);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("您向朋友或同事推荐我们的可能性有多大？").contains("lang=\"zh-CN\"");
        assertThat(visitor.page("/s/" + token + "?lang=en").body())
                .contains("How likely are you to recommend us to a friend or colleague?");
        HttpResponse<String> sent = answer(visitor, token, "q_NPS=10&q_NPS_REASON=" + Http.encode("Great tea"));
        assertThat(sent.statusCode()).isEqualTo(200);
        // In the invitation's language.
        assertThat(sent.body()).contains("谢谢！");
        HttpResponse<String> again = answer(Http.browser(port), token, "q_NPS=0");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("您已经回答过这份调查");
        assertThat(jdbc.sql("select count(*) from survey_response").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select number from survey_answer where code = 'NPS'").query(Integer.class).single())
                .isEqualTo(10);
        // A promoter with a 10: a loyalty signal for the customer.
        assertThat(signals.promoters()).containsExactly(ann);
        assertThat(signals.satisfied()).containsExactly(ann);
    }

    @Test
    void answersAreCheckedAndABadSubmissionStoresNothing() {
        long survey = createSurvey("conscious-loyalty");
        post(survey, "open", "");
        post(survey, "kiosk", "");
        String token = jdbc.sql("select kiosk_token from survey where id = ?").param(survey).query(String.class)
                .single();
        Http visitor = Http.browser(port);
        HttpResponse<String> missing = answer(visitor, token, "q_INTEND_REPURCHASE=9&q_COMPETITOR_OFFER=1");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.body()).contains("Please answer this question.");
        HttpResponse<String> range = answer(visitor, token, "q_INTEND_REPURCHASE=12&q_COMPETITOR_OFFER=0");
        assertThat(range.statusCode()).isEqualTo(422);
        assertThat(range.body()).contains("Please choose a number from 1 to 10.");
        // Without a valid CSRF token (a form kept open past its session): back to the form, kindly, nothing taken.
        HttpResponse<String> noCsrf = Http.browser(port).postForm("/s/" + token,
                "q_INTEND_REPURCHASE=9&q_COMPETITOR_OFFER=0");
        assertThat(noCsrf.statusCode()).isEqualTo(302);
        assertThat(noCsrf.headers().firstValue("Location").orElse("")).endsWith("/s/" + token + "?expired");
        assertThat(visitor.page("/s/" + token + "?expired").body()).contains("open for a long time");
        assertThat(jdbc.sql("select count(*) from survey_response").query(Long.class).single()).isZero();
        // The kiosk takes answers from anyone, any number of times; skip logic drops an answer not asked for.
        assertThat(answer(visitor, token, "q_INTEND_REPURCHASE=9&q_COMPETITOR_OFFER=0&q_RESIST_OFFER=1")
                .statusCode()).isEqualTo(200);
        assertThat(answer(visitor, token, "q_INTEND_REPURCHASE=3&q_COMPETITOR_OFFER=1&q_RESIST_OFFER=0")
                .statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from survey_response").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from survey_answer where code = 'RESIST_OFFER'").query(Long.class)
                .single()).isEqualTo(1);
        assertThat(visitor.page("/s/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        assertThat(visitor.page("/s/not-a-token").body()).contains("Survey not found");
    }

    @Test
    void aDetractorAsksTheAccountManagerToCallBackAndClosingTheLoopIsMeasured() throws Exception {
        long survey = createSurvey("relationship-nps");
        post(survey, "open", "");
        post(survey, "invitations", "language=en");
        List<String> links = mailedLinks(2); // Ann and Bob
        for (String link : links) {
            String token = token(link);
            long customer = jdbc.sql("select customer_id from survey_invitation where token_hash = ?")
                    .param(SecretTokens.hash(token)).query(Long.class).single();
            String answers = customer == ann ? "q_NPS=3&q_IMPROVE=" + Http.encode("The delivery was late, I want a"
                    + " refund") : "q_NPS=9";
            assertThat(answer(Http.browser(port), token, answers).statusCode()).isEqualTo(200);
        }
        // Ann's answer: a detractor and a complaint in words, for her account manager am-1.
        assertThat(jdbc.sql("select reason from survey_follow_up order by reason").query(String.class).list())
                .containsExactly("COMPLAINT_TEXT", "DETRACTOR");
        Http am1 = Http.browser(port);
        am1.signIn("am-1", PASSWORD);
        String list = am1.page("/follow-ups").body();
        assertThat(list).contains("ANN").contains("Detractor (NPS 0–6)");
        Http am2 = Http.browser(port);
        am2.signIn("am-2", PASSWORD);
        assertThat(am2.page("/follow-ups").body()).contains("Nothing to follow up.");
        long id = jdbc.sql("select id from survey_follow_up where reason = 'DETRACTOR'").query(Long.class).single();
        HttpResponse<String> otherTries = am2.postForm("/follow-ups/" + id + "/close", "note=x&_csrf="
                + am2.csrfToken());
        assertThat(otherTries.statusCode()).isEqualTo(404);
        HttpResponse<String> closed = am1.postForm("/follow-ups/" + id + "/close", "note="
                + Http.encode("Called Ann, refunded the delivery fee") + "&_csrf=" + am1.csrfToken());
        assertThat(closed.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select closed_by from survey_follow_up where id = ?").param(id).query(String.class)
                .single()).isEqualTo("am-1");
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'follow-up'").query(Long.class)
                .single()).isEqualTo(1);
        String results = admin.page("/surveys/" + survey + "/results").body();
        assertThat(results).contains("1 / 2").contains("median time to close the loop");
        // Two answers: NPS = 50 − 50 = 0; the response rate 2 of 2.
        assertThat(results).contains("NPS: 0.0").contains("100%");
        // Ann's answer and her follow-ups on the Customer 360.
        assertThat(am1.page("/customers/ANN").body()).contains("NPS 3").contains("Called Ann");
        // Ann is handed to am-2: her open follow-up goes with her.
        jdbc.sql("update customer set account_manager_id = (select id from staff_user where username = 'am-2')"
                + " where id = ?").param(ann).update();
        assertThat(am1.page("/follow-ups").body()).contains("Nothing to follow up.");
        assertThat(am2.page("/follow-ups").body()).contains("ANN").contains("Complaint in free text");
    }

    @Test
    void resultsExportAndOnlyADraftChangesQuestions() {
        long survey = createSurvey("post-purchase-csat");
        post(survey, "questions", "code=WHY&type=TEXT&textEn=" + Http.encode("Why?") + "&textZh=" + Http.encode("为什么？")
                + "&showIfCode=CSAT&showIfValues=1,2");
        post(survey, "open", "");
        assertThat(post(survey, "questions", "code=MORE&type=TEXT&textEn=More"))
                .contains("only while the survey is a draft");
        post(survey, "kiosk", "");
        String token = jdbc.sql("select kiosk_token from survey where id = ?").param(survey).query(String.class)
                .single();
        Http visitor = Http.browser(port);
        int[] csat = {5, 4, 4, 3, 5, 2, 5, 4};
        for (int c : csat) {
            assertThat(answer(visitor, token, "q_CSAT=" + c + "&q_CES=6&q_WHY=" + Http.encode("slow, \"really\""))
                    .statusCode()).isEqualTo(200);
        }
        // A script in an answer is shown as text.
        assertThat(answer(visitor, token, "q_CSAT=1&q_WHY=" + Http.encode("<script>alert(1)</script>"))
                .statusCode()).isEqualTo(200);
        // Top-2-box: 6 of 9 = 66.7 %, Wilson 95 % interval 35.4 % to 87.9 % (computed by hand, z = 1.95996:
        // centre (6 + z²/2)/(9 + z²), half-width z·√(6·3/9 + z²/4)/(9 + z²)).
        String results = admin.page("/surveys/" + survey + "/results").body();
        assertThat(results).contains("66.7").contains("35.4").contains("87.9");
        assertThat(results).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        // Only the answer with CSAT 2 was asked "why".
        assertThat(results).containsOnlyOnce("slow, &quot;really&quot;");
        HttpResponse<String> csv = admin.page("/surveys/" + survey + "/responses.csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).isEqualTo("\uFEFFresponse_id,submitted_at,channel,language,customer_id,CSAT,CES,COMMENT,WHY");
        assertThat(lines).filteredOn(l -> l.endsWith(",\"slow, \"\"really\"\"\"")).hasSize(1);
        // Analysts read the results but cannot change the survey.
        staff.create("analyst-1", null, Role.ANALYST, PASSWORD);
        Http analyst = Http.browser(port);
        analyst.signIn("analyst-1", PASSWORD);
        assertThat(analyst.page("/surveys/" + survey + "/results").statusCode()).isEqualTo(200);
        assertThat(analyst.postForm("/surveys/" + survey + "/close", "version=" + version(survey) + "&_csrf="
                + analyst.csrfToken()).statusCode()).isEqualTo(403);
    }

    @Test
    void expiredAndClosedLinksAreRefusedKindly() throws Exception {
        long survey = createSurvey("relationship-nps");
        post(survey, "open", "");
        post(survey, "invitations", "language=en");
        List<String> links = mailedLinks(2);
        jdbc.sql("update survey_invitation set expires_at = ? where token_hash = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), SecretTokens.hash(token(links.get(0)))).update();
        assertThat(Http.browser(port).page("/s/" + token(links.get(0))).body()).contains("This link has expired");
        post(survey, "close", "");
        assertThat(Http.browser(port).page("/s/" + token(links.get(1))).body()).contains("This survey is closed");
        assertThat(answer(Http.browser(port), token(links.get(1)), "q_NPS=5").statusCode()).isEqualTo(409);
    }

    @Test
    void buyersAreInvitedTheConfiguredDaysAfterAPurchase() throws Exception {
        long survey = createSurvey("post-purchase-csat");
        post(survey, "schedule", "invitationDays=14&afterPurchaseDays=3");
        post(survey, "open", "");
        Instant threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS);
        for (long c : List.of(ann, bob)) {
            jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                    .params("O" + c, c, threeDaysAgo.atOffset(ZoneOffset.UTC)).update();
        }
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('OLD', ?, ?, 'ORDER')")
                .params(ann, threeDaysAgo.minus(10, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).update();
        assertThat(rules.invitePurchasers(Instant.now())).isEqualTo(2);
        assertThat(mailedLinks(2)).hasSize(2);
        assertThat(jdbc.sql("select count(*) from survey_invitation where reason = 'after-purchase'")
                .query(Long.class).single()).isEqualTo(2);
        // The next day, nobody new; run again the same day, nobody twice.
        assertThat(rules.invitePurchasers(Instant.now())).isZero();
    }

    @Test
    void theSatisfactionPageEstimatesTheEcsiIndexFromTheAnswers() throws Exception {
        // The 250 answers of the ECSI "mobi" survey (test resources data/mobi.csv, see the README there) as answers
        // to an ECSI survey: the page's path coefficients are those of plspm 0.5.1 on the same data, such as
        // Quality -> Satisfaction 0.51202394 and Satisfaction -> Loyalty 0.48547762, R² of Satisfaction 0.68107829.
        long survey = createSurvey("ecsi");
        post(survey, "open", "");
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(getClass()
                .getResource("/data/mobi.csv").toURI()));
        String[] header = lines.get(0).split(",");
        Instant at = Instant.now().minus(10, ChronoUnit.DAYS);
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            java.util.Map<String, Answer> answers = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                answers.put(header[i], Answer.of(Integer.parseInt(v[i])));
            }
            repository.insertResponse(survey, null, null, null, "KIOSK", "en", at, answers);
        }
        // A pulse per team, and a team for Ann's account manager; the mystery-shopper benchmark.
        staff.changeContact("am-1", null, "North team");
        long pulse = createSurvey("employee-pulse");
        post(pulse, "open", "");
        // Five North answers; two South ones, too few to show without revealing who said what.
        for (int i = 0; i < 7; i++) {
            repository.insertResponse(pulse, null, null, null, "KIOSK", "en", at, java.util.Map.of("TEAM",
                    Answer.text(i < 5 ? "North team" : "South team"), "ENPS", Answer.of(i < 5 ? 10 : 3), "EQUIPPED",
                    Answer.of(8), "HEARD", Answer.of(7), "KNOW_CUSTOMERS", Answer.of(9)));
        }
        long csat = createSurvey("post-purchase-csat");
        post(csat, "open", "");
        repository.insertResponse(csat, null, ann, null, "EMAIL", "en", at, java.util.Map.of("CSAT", Answer.of(5)));
        long shopper = createSurvey("mystery-shopper");
        post(shopper, "open", "");
        for (int store = 0; store < 3; store++) {
            repository.insertResponse(shopper, null, null, null, "KIOSK", "en", at, java.util.Map.of("SUBJECT",
                    Answer.of(store), "GREETING", Answer.of(8 - store), "WAITING", Answer.of(5 + store)));
        }
        String page = admin.page("/satisfaction").body();
        assertThat(page).contains("from 250 complete answers".replace("from", "")).contains("QUAL-&gt;SAT")
                .contains("0.512").contains("0.485");
        assertThat(page).containsPattern("(?s)id=\"index-SAT\">\\d{2}\\.\\d<");
        // North team: eNPS 100, and their customers' CSAT (Ann, a 5): 100 % satisfied.
        assertThat(page).containsPattern("(?s)North team</th>\\s*<td class=\"num\">5</td>\\s*<td class=\"num\">100</td>");
        assertThat(page).doesNotContain("South team");
        assertThat(page).containsPattern("(?s)<td class=\"num\">100</td>\\s*<td class=\"num\">1</td>");
        assertThat(page).contains("Our store (1)").contains("Competitor B (1)");
        SatisfactionOverview.Index index = overview.overview().index();
        assertThat(index.respondents()).isEqualTo(250);
        assertThat(index.paths().get("QUAL->SAT")).isCloseTo(0.51202394, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(index.rSquared().get("SAT")).isCloseTo(0.68107829, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aResolvedComplaintInvitesToTheResolutionSurveyInTheLanguageTheCustomerAnswersIn() throws Exception {
        // Ann answered a survey in Chinese before.
        long nps = createSurvey("relationship-nps");
        post(nps, "open", "");
        post(nps, "kiosk", "");
        post(nps, "invitations", "segment=Retail&language=en");
        String token = token(mailedLinks(1).get(0));
        Http visitor = Http.browser(port);
        String csrf = Http.csrfOf(visitor.page("/s/" + token + "?lang=zh-CN").body());
        assertThat(visitor.postForm("/s/" + token + "?lang=zh-CN", "q_NPS=8&_csrf=" + csrf).statusCode())
                .isEqualTo(302);
        SMTP.purgeEmailFromAllMailboxes();
        // The contact cap applies to a follow-up after a complaint too: lift it for Ann by ageing her invitation.
        jdbc.sql("update survey_invitation set created_at = ?").param(OffsetDateTime.now(ZoneOffset.UTC)
                .minusDays(60)).update();
        // The business has no complaint-resolution survey: the built-in one is created, opened and sent, in the
        // language Ann answers in, naming the complaint.
        var run = management.inviteAfterComplaint(ann, "CP-TEST0001", "en");
        assertThat(run).isPresent();
        assertThat(run.get().invited()).isEqualTo(1);
        mailedLinks(1);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("我们如何处理您的投诉");
        long resolution = jdbc.sql("select id from survey where template = 'complaint-resolution' and status = 'OPEN'"
                + " and created_by = 'system'").query(Long.class).single();
        assertThat(jdbc.sql("select reason from survey_invitation where survey_id = ?").param(resolution)
                .query(String.class).single()).isEqualTo("complaint-resolved:CP-TEST0001");
        assertThat(jdbc.sql("select action from audit_event where entity_type = 'survey' and actor = 'system'"
                + " order by id").query(String.class).list()).containsExactly("create", "open", "invite");
        // Once the business closes it, complaints no longer invite (and no new one is made).
        post(resolution, "close", "");
        assertThat(management.inviteAfterComplaint(bob, "CP-TEST0002", "en")).isEmpty();
        assertThat(jdbc.sql("select count(*) from survey where template = 'complaint-resolution'")
                .query(Long.class).single()).isEqualTo(1);
    }
}
