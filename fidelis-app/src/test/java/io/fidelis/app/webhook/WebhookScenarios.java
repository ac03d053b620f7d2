package io.fidelis.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.fidelis.app.loyalty.LoyaltyStageChanged;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbound webhooks against a real HTTP receiver on loopback: an administrator sets one up (the secret shown once),
 * a complaint filed through the API reaches the receiver signed (HMAC-SHA256, checked here with the secret), after
 * the receiver's first failure it is retried with the same delivery id, a receiver that keeps failing puts the
 * delivery in the dead-letter list, from which it is sent again, and a lost customer is announced. The same context
 * has a mail server that refuses connections: failed e-mails and deliveries are counted in the metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "fidelis.webhooks.poll=PT0.1S", "fidelis.webhooks.backoff=PT0.05S", "fidelis.webhooks.max-attempts=3",
    // A mail server that refuses connections (port 1 on loopback): e-mails fail and are counted.
    "spring.mail.host=127.0.0.1", "spring.mail.port=1"})
abstract class WebhookScenarios {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    HttpServer receiver;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    Http admin;

    @BeforeEach
    void setUp() throws Exception {
        TestData.clean(jdbc);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(Map.of("path", path, "body", body,
                    "event", String.valueOf(exchange.getRequestHeaders().getFirst("Fidelis-Event")),
                    "delivery", String.valueOf(exchange.getRequestHeaders().getFirst("Fidelis-Delivery")),
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst("Fidelis-Signature"))));
            AtomicInteger left = failuresLeft.get(path);
            int status = left != null && left.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
        jdbc.sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone, created_at,"
                + " updated_at, version) values ('ANN', 'Ann Secretname', 'ann secretname', 'ann@example.com', false,"
                + " 'UTC', current_timestamp, current_timestamp, 0)").update();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    String hook(String path, String... eventTypes) {
        StringBuilder form = new StringBuilder("url=" + Http.encode("http://127.0.0.1:" + receiver.getAddress()
                .getPort() + path));
        for (String e : eventTypes) {
            form.append("&events=").append(e);
        }
        assertThat(admin.postForm("/settings/webhooks", form + "&_csrf=" + admin.csrfToken()).statusCode())
                .isEqualTo(302);
        Matcher m = Pattern.compile("whsec_[A-Za-z0-9_-]{43}").matcher(admin.page("/settings/webhooks").body());
        assertThat(m.find()).as("the secret, shown once").isTrue();
        assertThat(admin.page("/settings/webhooks").body()).doesNotContain(m.group());
        return m.group();
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("waited 15 s for " + what);
            }
            Thread.sleep(20);
        }
    }

    List<Map<String, String>> at(String path) {
        return received.stream().filter(r -> r.get("path").equals(path)).toList();
    }

    @Test
    void aComplaintIsDeliveredSignedAndRetriedUntilTheReceiverTakesIt() throws Exception {
        admin.postForm("/settings/webhooks", "url=" + Http.encode("ftp://example.com/x") + "&events=complaint.opened"
                + "&_csrf=" + admin.csrfToken());
        assertThat(admin.page("/settings/webhooks").body()).contains("an http:// or https:// address");
        String secret = hook("/hook", "complaint.opened", "complaint.resolved");
        failuresLeft.put("/hook", new AtomicInteger(1));
        Http api = Http.at(port).as("admin", "admin-test-password");
        assertThat(api.post("/api/v1/complaints", "{\"customerId\":\"ANN\",\"category\":\"DELIVERY\",\"subject\":"
                + "\"Late\",\"description\":\"Two weeks late\"}").statusCode()).isEqualTo(201);
        String reference = jdbc.sql("select reference from complaint").query(String.class).single();
        waitFor("the retried delivery", () -> at("/hook").size() >= 2);
        List<Map<String, String>> calls = at("/hook");
        assertThat(calls.get(0).get("delivery")).as("the same delivery id on a retry")
                .isEqualTo(calls.get(1).get("delivery"));
        Map<String, String> last = calls.get(1);
        assertThat(last.get("event")).isEqualTo("complaint.opened");
        assertThat(last.get("body")).contains("\"type\":\"complaint.opened\"", "\"complaint\":\"" + reference + "\"",
                "\"customerId\":\"ANN\"").doesNotContain("Secretname", "ann@example.com");
        assertThat(WebhookSignature.verify(last.get("signature"), secret, last.get("body"),
                Instant.now().getEpochSecond(), 300)).as("signed with the secret").isTrue();
        assertThat(WebhookSignature.verify(last.get("signature"), "whsec_wrong", last.get("body"),
                Instant.now().getEpochSecond(), 300)).isFalse();
        waitFor("delivered", () -> "DELIVERED".equals(jdbc.sql("select status from webhook_delivery")
                .query(String.class).single()));
        assertThat(jdbc.sql("select attempts from webhook_delivery").query(Integer.class).single()).isEqualTo(2);
        Thread.sleep(300);
        assertThat(at("/hook")).as("nothing more once delivered").hasSize(2);
        // Metrics: the deliveries, and the complaint's receipt that the mail server refused.
        HttpResponse<String> consent = api.post("/api/v1/customers/ANN/consents/EMAIL/confirmation-request", "{}");
        assertThat(consent.body()).contains("\"mailed\":false").contains("/consent/");
        waitFor("the failed receipt counted", () -> Http.at(port).as("admin", "admin-test-password")
                .getAny("/actuator/prometheus").body().contains("fidelis_mail_failures_total{kind=\"complaint\"}"));
        String metrics = Http.at(port).as("admin", "admin-test-password").getAny("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("fidelis_mail_failures_total\\{kind=\"consent\"} [1-9]")
                .containsPattern("fidelis_webhooks_deliveries_total\\{outcome=\"delivered\"} [1-9]")
                .containsPattern("fidelis_webhooks_deliveries_total\\{outcome=\"failed\"} [1-9]");
    }

    @Test
    void aReceiverThatKeepsFailingFillsTheDeadLetterListAndIsSentAgain() throws Exception {
        hook("/down", "customer.lost", "loyalty.stage_changed");
        failuresLeft.put("/down", new AtomicInteger(1_000));
        long ann = jdbc.sql("select id from customer where external_id = 'ANN'").query(Long.class).single();
        transactions.executeWithoutResult(s -> events.publishEvent(new LoyaltyStageChanged(ann, "TRUST", "TRUST",
                "AT_RISK", "LOST", Instant.now())));
        assertThat(jdbc.sql("select event_type from webhook_delivery order by event_type").query(String.class).list())
                .containsExactly("customer.lost", "loyalty.stage_changed");
        waitFor("two dead deliveries", () -> jdbc.sql("select count(*) from webhook_delivery where status = 'DEAD'")
                .query(Long.class).single() == 2);
        assertThat(at("/down")).as("three attempts each (max-attempts)").hasSize(6);
        String page = admin.page("/settings/webhooks").body();
        assertThat(page).contains("id=\"dead-letters\"").contains("customer.lost").contains("answered 503");
        // The receiver is fixed; the lost-customer delivery is sent again from the list.
        failuresLeft.get("/down").set(0);
        long lost = jdbc.sql("select id from webhook_delivery where event_type = 'customer.lost'").query(Long.class)
                .single();
        assertThat(admin.postForm("/settings/webhooks/deliveries/" + lost + "/retry", "_csrf=" + admin.csrfToken())
                .statusCode()).isEqualTo(302);
        waitFor("the retried delivery", () -> "DELIVERED".equals(jdbc.sql("select status from webhook_delivery where"
                + " id = ?").param(lost).query(String.class).single()));
        assertThat(at("/down").get(6).get("body")).contains("\"type\":\"customer.lost\"", "\"toOverlay\":\"LOST\"");
        assertThat(jdbc.sql("select status from webhook_delivery where event_type = 'loyalty.stage_changed'")
                .query(String.class).single()).isEqualTo("DEAD");
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'webhook-delivery' and action ="
                + " 'retry'").query(Long.class).single()).isOne();
        // A stopped webhook gets nothing new.
        long hookId = jdbc.sql("select id from webhook").query(Long.class).single();
        admin.postForm("/settings/webhooks/" + hookId + "/deactivate", "_csrf=" + admin.csrfToken());
        transactions.executeWithoutResult(s -> events.publishEvent(new LoyaltyStageChanged(ann, "TRUST", "TRUST",
                "LOST", "NONE", Instant.now())));
        assertThat(jdbc.sql("select count(*) from webhook_delivery").query(Long.class).single()).isEqualTo(2);
    }
}
