package io.fidelis.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fidelis.app.support.Databases;
import io.fidelis.app.survey.SurveyManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Fuzzes the customers' public forms through the whole application (security, CSRF, controllers, services and the
 * database): the complaint form, the complaint tracking page's actions, a survey's answer page and the suggestion
 * form. No input may give a server error. In a normal build only the stored inputs run (regression mode);
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/benchmarks.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "fidelis.security.public-form.per-minute=1000000000", "fidelis.complaints.watch-every=PT24H"})
// No printing: by default MockMvc keeps every request and answer to print if the test fails, which over a long
// fuzzing run grew by about 11 KB an execution (6.6 GB after 584,532) until the run itself broke.
@AutoConfigureMockMvc(print = org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint.NONE)
class PublicFormsFuzzIT {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SurveyManagement surveys;
    private static String kiosk;
    private static String tracking;

    /** An order to complain about, an open survey with a public link, and a complaint's tracking link. */
    private void business() throws Exception {
        if (kiosk != null) {
            return;
        }
        jdbc.sql("insert into customer (external_id, name, name_key, email, phone, marketing_consent, time_zone,"
                + " created_at, updated_at, version) values ('FZ-1', 'Fuzz', 'fuzz', 'fuzz@example.com', '+1 555 0100',"
                + " false, 'UTC', current_timestamp, current_timestamp, 0)").update();
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('FZ-ORDER', (select id from"
                + " customer where external_id = 'FZ-1'), ?, 'ORDER')").param(OffsetDateTime.now(ZoneOffset.UTC)
                .minusDays(3)).update();
        jdbc.sql("insert into product (sku, name, category, created_at, updated_at) values ('FZ-SKU', 'Fuzz',"
                + " 'Fuzz things', current_timestamp, current_timestamp)").update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price, unit_cost) values"
                + " ('FZ-ORDER', 1, 'FZ-SKU', 'Fuzz things', 1, 10, 5)").update();
        long survey = surveys.create("conscious-loyalty");
        surveys.open(survey, surveys.get(survey).version());
        kiosk = surveys.newPublicLink(survey, surveys.get(survey).version());
        MockHttpServletResponse filed = mvc.perform(post("/complain").with(csrf()).param("orderId", "FZ-ORDER")
                .param("contact", "fuzz@example.com").param("category", "OTHER").param("subject", "Seed")
                .param("description", "A complaint to track")).andReturn().getResponse();
        String location = filed.getRedirectedUrl();
        assertThat(location).as("the seed complaint was filed").contains("/complain/track/");
        tracking = location.replaceAll(".*/complain/track/([^?]+).*", "$1");
    }

    private static String text(FuzzedDataProvider data, int max) {
        return data.consumeBoolean() ? null : data.consumeString(max);
    }

    private void expectNoServerError(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
        assertThat(r.getStatus()).as("status").isLessThan(500);
    }

    private static MockHttpServletRequestBuilder param(MockHttpServletRequestBuilder b, String name, String value) {
        return value == null ? b : b.param(name, value);
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void theComplaintFormNeverFails(FuzzedDataProvider data) throws Exception {
        business();
        boolean known = data.consumeBoolean() && data.consumeBoolean() && data.consumeBoolean();
        MockHttpServletRequestBuilder b = post("/complain").with(csrf());
        b = param(b, "orderId", known ? "FZ-ORDER" : text(data, 120));
        b = param(b, "contact", known ? "fuzz@example.com" : text(data, 300));
        b = param(b, "category", text(data, 60));
        b = param(b, "subject", text(data, 300));
        b = param(b, "description", text(data, 9000));
        b = param(b, "lang", text(data, 12));
        expectNoServerError(b);
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void theTrackingPageNeverFails(FuzzedDataProvider data) throws Exception {
        business();
        String token = data.consumeBoolean() ? tracking : data.consumeString(40).replace("/", "_");
        MockHttpServletRequestBuilder b = post("/complain/track/{token}", token.isEmpty() ? "x" : token)
                .with(csrf());
        b = param(b, "action", data.consumeBoolean() ? data.pickValue(new String[] {"write", "accept", "reject",
                "withdraw", "WRITE"}) : data.consumeString(20));
        b = param(b, "text", text(data, 9000));
        b = param(b, "lang", text(data, 12));
        expectNoServerError(b);
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void theSurveyAnswerPageNeverFails(FuzzedDataProvider data) throws Exception {
        business();
        String token = data.consumeBoolean() ? kiosk : data.consumeString(40).replace("/", "_");
        MockHttpServletRequestBuilder b = post("/s/{token}", token.isEmpty() ? "x" : token).with(csrf());
        int fields = data.consumeInt(0, 8);
        for (int i = 0; i < fields; i++) {
            String name = data.consumeBoolean() ? data.pickValue(new String[] {"q_INTEND_REPURCHASE",
                    "q_COMPETITOR_OFFER", "q_RESIST_OFFER", "q_WHY_STAY", "lang"}) : data.consumeString(30);
            String value = data.consumeBoolean() ? Integer.toString(data.consumeInt(-5, 15)) : data.consumeString(200);
            if (!name.isEmpty()) {
                b = b.param(name, value);
            }
        }
        expectNoServerError(b);
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void theSuggestionFormNeverFails(FuzzedDataProvider data) throws Exception {
        business();
        boolean known = data.consumeBoolean() && data.consumeBoolean();
        MockHttpServletRequestBuilder b = post("/suggest").with(csrf());
        b = param(b, "orderId", known ? "FZ-ORDER" : text(data, 120));
        b = param(b, "contact", known ? "+1 555 0100" : text(data, 300));
        b = param(b, "category", data.consumeBoolean() ? "Fuzz things" : text(data, 200));
        b = param(b, "sku", data.consumeBoolean() ? "FZ-SKU" : text(data, 200));
        b = param(b, "text", text(data, 3000));
        b = param(b, "lang", text(data, 12));
        expectNoServerError(b);
    }
}
