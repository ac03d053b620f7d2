package io.fidelis.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Data subject requests over real HTTP on both databases: a manager exports everything held about a customer (JSON
 * and CSV), an account manager may not; an erasure with a wrong confirmation changes nothing; the erasure itself
 * leaves none of the customer's personal data anywhere in the database (every column of every table is read back)
 * nor their attachment on disk, while their purchases and complaint still count in the figures, and it is audited.
 * Consent per channel, and the e-mail double opt-in through a real SMTP server (GreenMail): the link cannot be
 * guessed or reused, needs the button (a POST with CSRF), and stops counting when the address changes. Retention:
 * old free text and attachments are deleted after their periods, the records kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "fidelis.retention.free-text=P2Y", "fidelis.retention.attachments=P1Y", "fidelis.retention.schedule=-"})
abstract class PrivacyScenarios {
    static final String PASSWORD = "privacy-password-1";
    // Distinctive values, so that finding any of them in the database means it was not erased.
    static final String NAME = "Annabel Quintana-Fuchs";
    static final String EMAIL = "annabel.qf@example.net";
    static final String PHONE = "+44 7700 900123";
    static final String COMPLAINT_TEXT = "The teapot arrived broken at Rua Augusta 17, my neighbour Zebulon saw it";
    static final String CONTACT_NOTES = "Prefers calls after six; her daughter Philippa runs the shop now";
    static final String FILE_NAME = "quintana-receipt.png";
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
    @Value("${fidelis.data-dir}")
    String dataDir;
    Http boss;
    Http bossApi;

    @BeforeEach
    void business() throws Exception {
        TestData.clean(jdbc);
        SMTP.purgeEmailFromAllMailboxes();
        staff.create("boss", null, Role.MANAGER, PASSWORD);
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        boss = Http.browser(port);
        boss.signIn("boss", PASSWORD);
        bossApi = Http.at(port).as("boss", PASSWORD);
        assertThat(bossApi.post("/api/v1/customers", "{\"externalId\":\"ANN\",\"name\":\"" + NAME + "\",\"email\":\""
                + EMAIL + "\",\"phone\":\"" + PHONE + "\",\"region\":\"North\",\"marketingConsent\":true,"
                + "\"accountManager\":\"am-1\"}").statusCode()).isEqualTo(201);
        assertThat(bossApi.post("/api/v1/customers", "{\"externalId\":\"BOB\",\"name\":\"Bob Keeps-His-Data\","
                + "\"email\":\"bob@example.org\"}").statusCode()).isEqualTo(201);
        // A change of the customer through the API, so that the audit trail holds a before and after with the name.
        assertThat(bossApi.request("PUT", "/api/v1/customers/ANN", "application/json", "{\"name\":\"" + NAME
                + "\",\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\",\"region\":\"South\","
                + "\"marketingConsent\":true,\"accountManager\":\"am-1\",\"version\":0}").statusCode()).isEqualTo(200);
        assertThat(bossApi.post("/api/v1/customers/ANN/purchases", "{\"orderId\":\"ANN-1\",\"purchasedAt\":\""
                + Instant.now().minus(3, ChronoUnit.DAYS) + "\",\"lines\":[{\"sku\":\"TEAPOT\",\"quantity\":1,"
                + "\"unitPrice\":40,\"unitCost\":25}]}").statusCode()).isEqualTo(201);
        assertThat(bossApi.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"PRODUCT_QUALITY\","
                + "\"subject\":\"Broken teapot for " + NAME + "\",\"description\":\"" + COMPLAINT_TEXT + "\"}")
                .statusCode()).isEqualTo(201);
        assertThat(bossApi.post("/api/v1/customers/ANN/contacts", "{\"kind\":\"CALL\",\"notes\":\"" + CONTACT_NOTES
                + "\"}").statusCode()).isEqualTo(201);
    }

    /** An attachment on the complaint: its row and its file under the data directory. */
    Path attach() throws Exception {
        long complaint = jdbc.sql("select id from complaint").query(Long.class).single();
        Path dir = Path.of(dataDir, "attachments", Long.toString(complaint));
        Files.createDirectories(dir);
        Path file = dir.resolve("f0e1d2c3.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3});
        jdbc.sql("insert into complaint_attachment (complaint_id, file_name, content_type, size_bytes, stored_name, at,"
                + " actor) values (?, ?, 'image/png', 11, 'f0e1d2c3.png', current_timestamp, 'customer')")
                .params(complaint, FILE_NAME).update();
        return file;
    }

    /** Every value of every column of every table of the application's schema, as text. */
    String everything() {
        StringBuilder all = new StringBuilder();
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where lower(table_schema) ="
                + " 'public' and table_type in ('BASE TABLE', 'TABLE')").query(String.class).list();
        assertThat(tables).as("the tables read back").hasSizeGreaterThan(30);
        for (String t : tables) {
            for (Map<String, Object> row : jdbc.sql("select * from \"" + t + "\"").query().listOfRows()) {
                row.values().forEach(v -> all.append(v).append('\u0001'));
            }
        }
        return all.toString();
    }

    @Test
    void aManagerExportsEverythingHeldAndAnAccountManagerMayNot() {
        HttpResponse<String> json = bossApi.get("/api/v1/customers/ANN/personal-data");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains(NAME, EMAIL, COMPLAINT_TEXT, CONTACT_NOTES, "ANN-1", "TEAPOT")
                .contains("\"customer\"", "\"purchases\"", "\"complaints\"", "\"contacts\"")
                .doesNotContain("Bob Keeps-His-Data");
        HttpResponse<String> csv = boss.page("/customers/ANN/personal-data.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"personal-data-ANN.csv\"");
        assertThat(csv.body()).startsWith("\uFEFFsection,record,field,value\r\n")
                .contains("customer,1,email," + EMAIL + "\r\n")
                .contains("customer,1,phone,+44 7700 900123\r\n") // a number-like value is not defused
                .contains("complaints,1,description,\"" + COMPLAINT_TEXT + "\"\r\n");
        assertThat(boss.page("/customers/ANN").body()).contains("id=\"privacy-panel\"");
        Http am = Http.browser(port);
        am.signIn("am-1", PASSWORD);
        assertThat(am.page("/customers/ANN").body()).doesNotContain("id=\"privacy-panel\"");
        assertThat(am.page("/customers/ANN/personal-data.json").statusCode()).isEqualTo(403);
        assertThat(Http.at(port).as("am-1", PASSWORD).get("/api/v1/customers/ANN/personal-data").statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'export personal data' and entity_id ="
                + " 'ANN' and actor = 'boss'").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void erasureLeavesNoPersonalDataAndKeepsTheFigures() throws Exception {
        Path file = attach();
        boss.page("/customers/ANN"); // the first view gives the customer a referral code; the erasure removes it
        String before = everything();
        for (String personal : List.of(NAME, EMAIL, PHONE, COMPLAINT_TEXT, CONTACT_NOTES, FILE_NAME)) {
            assertThat(before.contains(personal)).as("%s in the database before", personal).isTrue();
        }
        long audits = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        // A wrong confirmation, or no reason: refused, nothing changed.
        HttpResponse<String> wrong = bossApi.post("/api/v1/customers/ANN/erasure", "{\"confirm\":\"BOB\","
                + "\"reason\":\"request by e-mail\"}");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("type the customer's id (ANN) to confirm the erasure");
        boss.postForm("/customers/ANN/erase", "confirm=ANN&reason=&_csrf=" + boss.csrfToken());
        assertThat(boss.page("/customers/ANN").body()).contains("say why");
        assertThat(everything().equals(before)).as("nothing changed by the refused requests").isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isEqualTo(audits);

        // The erasure, from the Customer 360: the customer is now known by a pseudonym.
        HttpResponse<String> erased = boss.postForm("/customers/ANN/erase", "confirm=ANN&reason="
                + Http.encode("request of 2026-12-01 by e-mail") + "&_csrf=" + boss.csrfToken());
        assertThat(erased.statusCode()).isEqualTo(302);
        String pseudonym = erased.headers().firstValue("Location").orElseThrow().replaceAll(".*/customers/", "");
        assertThat(pseudonym).matches("ERASED-[A-Z0-9]{12}");
        assertThat(boss.page("/customers/" + pseudonym).body()).contains("personal data is erased");
        assertThat(boss.page("/customers/ANN").statusCode()).isEqualTo(404);

        // No personal value is left in any column of any table (the audit trail included), nor the file on disk.
        String after = everything();
        for (String personal : List.of(NAME, EMAIL, PHONE, COMPLAINT_TEXT, CONTACT_NOTES, FILE_NAME, "Quintana",
                "annabel")) {
            assertThat(after.toLowerCase(java.util.Locale.ROOT).contains(personal.toLowerCase(java.util.Locale.ROOT)))
                    .as("%s left in the database", personal).isFalse();
        }
        assertThat(after.contains("Bob Keeps-His-Data") && after.contains("bob@example.org"))
                .as("the other customer is untouched").isTrue();
        assertThat(file).doesNotExist();
        // The figures keep the purchase and the complaint, detached from the person.
        assertThat(jdbc.sql("select c.external_id from purchase p join customer c on c.id = p.customer_id where"
                + " p.order_id = 'ANN-1'").query(String.class).single()).isEqualTo(pseudonym);
        assertThat(jdbc.sql("select category from complaint").query(String.class).single()).isEqualTo(
                "PRODUCT_QUALITY");
        assertThat(jdbc.sql("select region from customer where external_id = ?").param(pseudonym)
                .query(String.class).single()).isEqualTo("South");
        // Audited, without the person's details; the earlier events keep who and when.
        assertThat(jdbc.sql("select new_value from audit_event where action = 'erase' and entity_id = ? and actor ="
                + " 'boss'").param(pseudonym).query(String.class).single()).contains("request of 2026-12-01");
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'customer' and entity_id = ?")
                .param(pseudonym).query(Long.class).single()).isEqualTo(3); // create, update, erase
        // Erased once: a second erasure is refused.
        assertThat(bossApi.post("/api/v1/customers/" + pseudonym + "/erasure", "{\"confirm\":\"" + pseudonym
                + "\",\"reason\":\"again\"}").statusCode()).isEqualTo(422);
    }

    /** The message with this subject, waiting up to 10 s for it (others, such as a complaint's receipt, may come too). */
    static jakarta.mail.internet.MimeMessage letter(String subject) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            for (jakarta.mail.internet.MimeMessage m : SMTP.getReceivedMessages()) {
                if (subject.equals(m.getSubject())) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no e-mail \"" + subject + "\" within 10 s");
    }

    @Test
    void consentIsKeptPerChannelAndEmailConsentIsConfirmedByTheCustomer() throws Exception {
        Http am = Http.browser(port);
        am.signIn("am-1", PASSWORD);
        // BOB has no e-mail consent; a text-message consent recorded by hand needs its source.
        am.postForm("/customers/ANN/consents", "channel=SMS&given=true&source=&_csrf=" + am.csrfToken());
        assertThat(am.page("/customers/ANN").body()).contains("say how the customer gave or withdrew consent");
        am.postForm("/customers/ANN/consents", "channel=SMS&given=true&source=" + Http.encode("signed form in the shop")
                + "&_csrf=" + am.csrfToken());
        Http api = Http.at(port).as("am-1", PASSWORD);
        String consents = api.get("/api/v1/customers/ANN/consents").body();
        assertThat(consents).contains("\"channel\":\"SMS\",\"given\":true")
                .contains("signed form in the shop (recorded by am-1)");
        // ANN withdraws e-mail consent through the API, then is asked to confirm it again by e-mail.
        assertThat(api.request("PUT", "/api/v1/customers/ANN/consents/EMAIL", "application/json",
                "{\"given\":false,\"source\":\"asked on the phone\"}").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select marketing_consent from customer where external_id = 'ANN'").query(Boolean.class)
                .single()).isFalse();
        am.postForm("/customers/ANN/consents/confirmation-request", "language=en&_csrf=" + am.csrfToken());
        jakarta.mail.internet.MimeMessage letter = letter("Please confirm you would like our e-mails");
        assertThat(letter.getAllRecipients()[0].toString()).isEqualTo(EMAIL);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/consent/([A-Za-z0-9_-]{22})")
                .matcher((String) letter.getContent());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(am.page("/customers/ANN").body()).contains("no (confirmation awaited)");
        // Opening the link (as a mail scanner would) confirms nothing; a forged token is not found.
        Http customer = Http.browser(port);
        HttpResponse<String> page = customer.page("/consent/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("a…@example.net").doesNotContain(EMAIL);
        assertThat(customer.page("/consent/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select marketing_consent from customer where external_id = 'ANN'").query(Boolean.class)
                .single()).isFalse();
        // The button without the page's CSRF token is refused; with it, consent is given, sourced as a double opt-in.
        assertThat(Http.browser(port).request("POST", "/consent/" + token, "application/x-www-form-urlencoded", "")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> confirmed = customer.postForm("/consent/" + token, "_csrf=" + Http.csrfOf(page.body()));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Thank you: confirmed.");
        assertThat(jdbc.sql("select consent_source from customer where external_id = 'ANN' and marketing_consent")
                .query(String.class).single()).startsWith("double opt-in: confirmed by the customer at ");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'consent' and actor = 'customer'")
                .query(Long.class).single()).isOne();
        // Used once.
        assertThat(customer.page("/consent/" + token).statusCode()).isEqualTo(404);
        // A link sent to an address the customer no longer has does not count.
        api.request("PUT", "/api/v1/customers/ANN/consents/EMAIL", "application/json",
                "{\"given\":false,\"source\":\"unsubscribed\"}");
        assertThat(api.post("/api/v1/customers/ANN/consents/EMAIL/confirmation-request", "{\"language\":\"zh\"}")
                .statusCode()).isEqualTo(202);
        java.util.regex.Matcher second = java.util.regex.Pattern.compile("/consent/([A-Za-z0-9_-]{22})")
                .matcher((String) letter("请确认您愿意接收我们的邮件").getContent());
        assertThat(second.find()).isTrue();
        jdbc.sql("update customer set email = 'new-address@example.net' where external_id = 'ANN'").update();
        assertThat(customer.page("/consent/" + second.group(1)).statusCode()).isEqualTo(404);
        // Survey invitations obey e-mail consent: the consent is withdrawn, so CustomerConsents says no.
        assertThat(api.get("/api/v1/customers/ANN/consents").body()).contains("\"channel\":\"EMAIL\",\"given\":false");
    }

    @Autowired
    RetentionPolicy retention;

    @Test
    void oldFreeTextAndAttachmentsAreDeletedAfterTheirPeriods() throws Exception {
        Path file = attach();
        java.time.OffsetDateTime threeYearsAgo = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusYears(3);
        // The complaint ended three years ago; the contact was three years ago. A second, recent complaint stays.
        jdbc.sql("update complaint set status = 'CLOSED', received_at = ?, closed_at = ?").params(threeYearsAgo,
                threeYearsAgo).update();
        jdbc.sql("update contact set contacted_at = ?").param(threeYearsAgo).update();
        assertThat(bossApi.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"OTHER\","
                + "\"subject\":\"Recent\",\"description\":\"A recent complaint stays as written\"}").statusCode())
                .isEqualTo(201);
        Map<String, Integer> removed = retention.apply();
        assertThat(removed).containsEntry("complaint texts", 1).containsEntry("contact notes", 1)
                .containsEntry("attachments", 1);
        assertThat(file).doesNotExist();
        assertThat(jdbc.sql("select description from complaint order by received_at").query(String.class).list())
                .containsExactly("[erased]", "A recent complaint stays as written");
        assertThat(jdbc.sql("select count(*) from complaint").query(Long.class).single()).as("records kept")
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from contact where notes is null").query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'retention'").query(Long.class)
                .single()).isOne();
        // Run again: nothing left to remove, nothing audited.
        assertThat(retention.apply().values()).allMatch(n -> n == 0);
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'retention'").query(Long.class)
                .single()).isOne();
    }
}
