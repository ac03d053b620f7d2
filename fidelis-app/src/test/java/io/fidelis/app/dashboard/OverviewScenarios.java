package io.fidelis.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fidelis.app.purchase.MonthFigures;
import io.fidelis.app.purchase.PurchaseTrends;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The overview's figures from known purchases: customers gained in the month of their first order, lost in the month
 * their silence reaches 365 days, active when they ordered within 90 days, revenue and margin net of returns.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OverviewScenarios {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PurchaseTrends trends;

    @Test
    void gainedLostActiveRevenueAndMarginPerMonth() {
        TestData.clean(jdbc);
        Http api = Http.at(port).as("admin", "admin-test-password");
        Instant now = Instant.now();
        // Gone: first and only orders 420 and 400 days ago, so lost 35 days ago.
        Instant goneFirst = now.minus(420, ChronoUnit.DAYS);
        Instant goneLast = now.minus(400, ChronoUnit.DAYS);
        // Active: first order 200 days ago, another 10 days ago (with a partial return the same day).
        Instant activeFirst = now.minus(200, ChronoUnit.DAYS);
        Instant activeLast = now.minus(10, ChronoUnit.DAYS);
        for (String id : new String[] {"GONE", "ACTIVE", "NEVER"}) {
            assertThat(api.post("/api/v1/customers", "{\"externalId\":\"" + id + "\"}").statusCode()).isEqualTo(201);
        }
        order(api, "GONE", "G1", goneFirst, "2", "10", "4");
        order(api, "GONE", "G2", goneLast, "1", "30", "10");
        order(api, "ACTIVE", "A1", activeFirst, "1", "100", "60");
        order(api, "ACTIVE", "A2", activeLast, "3", "20", "5");
        order(api, "ACTIVE", "A2-R", activeLast.plusSeconds(60), "-1", "20", "5");

        PurchaseTrends.Overview o = trends.overview(24, 90, 365);
        assertThat(o.months()).hasSize(24);
        assertThat(o.months().get(23).month()).isEqualTo(YearMonth.from(now.atZone(ZoneOffset.UTC)));
        assertThat(o.buyers()).isEqualTo(2);
        assertThat(o.active()).isEqualTo(1);
        Map<YearMonth, MonthFigures> byMonth = o.months().stream()
                .collect(Collectors.toMap(MonthFigures::month, Function.identity()));
        assertThat(o.months().stream().mapToLong(MonthFigures::gained).sum()).isEqualTo(2);
        assertThat(byMonth.get(month(goneFirst)).gained()).isEqualTo(1);
        assertThat(byMonth.get(month(activeFirst)).gained()).isGreaterThanOrEqualTo(1);
        assertThat(o.months().stream().mapToLong(MonthFigures::lost).sum()).isEqualTo(1);
        assertThat(byMonth.get(month(goneLast.plus(365, ChronoUnit.DAYS))).lost()).isEqualTo(1);
        // Revenue and margin: 3 x 20 - 1 x 20 = 40 and 3 x 15 - 1 x 15 = 30 in the month of A2 (and its return).
        MonthFigures last = byMonth.get(month(activeLast));
        BigDecimal expectedRevenue = new BigDecimal("40");
        BigDecimal expectedMargin = new BigDecimal("30");
        if (month(activeLast).equals(month(activeFirst))) {
            expectedRevenue = expectedRevenue.add(new BigDecimal("100"));
            expectedMargin = expectedMargin.add(new BigDecimal("40"));
        }
        assertThat(last.revenue()).isEqualByComparingTo(expectedRevenue);
        assertThat(last.margin()).isEqualByComparingTo(expectedMargin);
        assertThat(o.months().stream().map(MonthFigures::revenue).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("190");

        Http admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
        String page = admin.page("/").body();
        assertThat(page).contains("id=\"card-customers\">3<").contains("id=\"card-active\">1<");
        // The supply card: no delivery promised in the last 30 days yet.
        assertThat(page).contains("id=\"card-otif\">–<").contains("id=\"card-late\">0<");
        // A2 promised 10 days ago came 2 days late; A1's delivery, promised 200 days ago, is outside the window.
        assertThat(api.put("/api/v1/orders/A2/delivery", "{\"warehouse\":\"North\",\"promisedOn\":\""
                + activeLast.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1) + "\",\"deliveredAt\":\""
                + activeLast.plus(3, ChronoUnit.DAYS) + "\"}").statusCode()).isEqualTo(200);
        assertThat(api.put("/api/v1/orders/A1/delivery", "{\"warehouse\":\"North\",\"promisedOn\":\""
                + activeFirst.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1) + "\",\"deliveredAt\":\""
                + activeFirst.plus(1, ChronoUnit.DAYS) + "\"}").statusCode()).isEqualTo(200);
        page = admin.page("/").body();
        assertThat(page).contains("id=\"card-late\">1<").containsPattern("id=\"card-otif\">0(\\.0)?\\s?%<");
    }

    private static YearMonth month(Instant t) {
        return YearMonth.from(t.atZone(ZoneOffset.UTC));
    }

    private static void order(Http api, String customer, String orderId, Instant at, String quantity, String price,
                              String cost) {
        assertThat(api.post("/api/v1/customers/" + customer + "/purchases", "{\"orderId\":\"" + orderId
                + "\",\"purchasedAt\":\"" + at + "\",\"lines\":[{\"sku\":\"S\",\"quantity\":" + quantity
                + ",\"unitPrice\":" + price + ",\"unitCost\":" + cost + "}]}").statusCode()).isEqualTo(201);
    }
}
