package io.fidelis.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.fidelis.app.support.Databases;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The public complaint form and tracking page are rate-limited per address over real HTTP: with a limit of three a
 * minute, the fourth submission is refused with 429 and Retry-After, what was typed is kept, and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "fidelis.security.public-form.per-minute=3")
class PublicFormRateLimitIT {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Test
    void theFourthComplaintInAMinuteIsRefusedAndNothingIsStored() {
        TestData.clean(jdbc);
        jdbc.sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone, created_at,"
                + " updated_at, version) values ('ANN', 'Ann', 'ann', 'ann@example.com', true, 'UTC',"
                + " current_timestamp, current_timestamp, 0)").update();
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('SO-1', (select id from"
                + " customer where external_id = 'ANN'), ?, 'ORDER')")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minusDays(2)).update();
        Http visitor = Http.browser(port);
        String csrf = Http.csrfOf(visitor.page("/complain?lang=en").body());
        String form = "orderId=SO-1&contact=ann%40example.com&category=DELIVERY&description=Late&_csrf=" + csrf
                + "&subject=";
        // Two wrong matches and one good complaint use up the three.
        assertThat(visitor.postForm("/complain?lang=en", "orderId=SO-9&contact=x%40y.z&subject=a&description=b"
                + "&_csrf=" + csrf).statusCode()).isEqualTo(422);
        assertThat(visitor.postForm("/complain?lang=en", "orderId=SO-8&contact=x%40y.z&subject=a&description=b"
                + "&_csrf=" + csrf).statusCode()).isEqualTo(422);
        HttpResponse<String> filed = visitor.postForm("/complain?lang=en", form + "First");
        assertThat(filed.statusCode()).isEqualTo(302);
        HttpResponse<String> refused = visitor.postForm("/complain?lang=en", form + "Second+one+typed");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(refused.body()).contains("value=\"Second one typed\"");
        assertThat(jdbc.sql("select subject from complaint").query(String.class).list()).containsExactly("First");
        // The tracking page's replies count against the same limit.
        String location = filed.headers().firstValue("Location").orElseThrow();
        String tracking = java.net.URI.create(location).getRawPath();
        String trackingCsrf = Http.csrfOf(visitor.page(tracking + "?lang=en").body());
        HttpResponse<String> reply = visitor.postForm(tracking + "?lang=en", "action=WRITE&text=Hello&_csrf="
                + trackingCsrf);
        assertThat(reply.statusCode()).isEqualTo(429);
        assertThat(jdbc.sql("select count(*) from complaint_event where kind = 'MESSAGE_IN'").query(Long.class)
                .single()).isZero();
    }
}
