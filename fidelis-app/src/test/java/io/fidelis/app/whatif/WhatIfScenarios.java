package io.fidelis.app.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;

import io.fidelis.app.loyalty.LoyaltyScoring;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import io.fidelis.core.clv.FittedBgNbd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The retention what-if over real HTTP on a scored business: 400 customers in two segments who buy and drop out at
 * their own random rates (seed 10), scored by the real scoring run. With no change the baseline is the stored model's closed-form
 * expected purchases summed over the stored summaries; +5 points lower the annual dropout by five points and raise
 * the margin within a band; a segment or stage narrows the customers; the page redraws its results for htmx; the
 * owner, managers and analysts may run it, account managers and agents may not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WhatIfScenarios {
    static final String PASSWORD = "whatif-test-password-1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    LoyaltyScoring scoring;

    Http api;

    @BeforeEach
    void business() {
        TestData.clean(jdbc);
        jdbc.sql("delete from loyalty_population").update();
        staff.create("manager-1", null, Role.MANAGER, PASSWORD);
        staff.create("analyst-1", null, Role.ANALYST, PASSWORD);
        staff.create("am-1", null, Role.ACCOUNT_MANAGER, PASSWORD);
        staff.create("agent-1", null, Role.AGENT, PASSWORD);
        Random random = new Random(10);
        Instant now = Instant.now();
        int order = 0;
        for (int i = 0; i < 400; i++) {
            String segment = i % 4 == 0 ? "Wholesale" : "Retail";
            jdbc.sql("insert into customer (external_id, name, name_key, segment, region, marketing_consent,"
                            + " time_zone, created_at, updated_at, version) values (?, ?, ?, ?, 'North', true, 'UTC',"
                            + " current_timestamp, current_timestamp, 0)")
                    .params("W" + i, "Customer " + i, "customer " + i, segment).update();
            long id = jdbc.sql("select id from customer where external_id = ?").param("W" + i).query(Long.class)
                    .single();
            // Born within the first of two years; each customer buys at their own rate (every 15 to 150 days,
            // wholesale twice as often) and drops out after a purchase with their own probability (0.02 to 0.4):
            // heterogeneous enough for an interior BG/NBD fit.
            double day = random.nextInt(365);
            double mean = Math.exp(Math.log(15) + random.nextDouble() * Math.log(10))
                    / (segment.equals("Wholesale") ? 2 : 1);
            double dropout = 0.02 + 0.38 * random.nextDouble() * random.nextDouble();
            while (day < 730) {
                order++;
                String orderId = "WO" + order;
                jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                        .params(orderId, id, now.minus(730 - (long) day, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                        .update();
                jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price,"
                                + " unit_cost) values (?, 1, 'S', 'Tea', 1, ?, ?)")
                        .params(orderId, 20 + random.nextInt(60), 12).update();
                if (random.nextDouble() < dropout) {
                    break;
                }
                day += -mean * Math.log(1 - random.nextDouble()) + 1;
            }
        }
        scoring.scoreAll();
        api = Http.at(port).as("admin", "admin-test-password");
    }

    JsonNode whatIf(String query) {
        HttpResponse<String> r = api.get("/api/v1/whatif?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void withNoChangeTheBaselineIsTheStoredModelsExpectedPurchases() {
        JsonNode r = whatIf("retention=0");
        JsonNode p = r.get("model").get("params");
        FittedBgNbd model = FittedBgNbd.of(p.get("r").asDouble(), p.get("alpha").asDouble(), p.get("a").asDouble(),
                p.get("b").asDouble());
        double horizon = 12 * 365.25 / 12 / 7;
        double[] closedForm = {0};
        long[] customers = {0};
        jdbc.sql("select occasions, t_x_weeks, t_weeks from loyalty_profile").query(rs -> {
            closedForm[0] += model.expectedPurchases(horizon, rs.getInt(1) - 1, rs.getDouble(2), rs.getDouble(3));
            customers[0]++;
        });
        assertThat(customers[0]).isGreaterThan(300);
        assertThat(r.get("scope").get("customers").asLong()).isEqualTo(customers[0]);
        assertThat(r.get("baseline").get("purchases").asDouble()).isCloseTo(closedForm[0], offset(1e-6));
        assertThat(r.get("scenario").get("purchases").asDouble()).isEqualTo(r.get("baseline").get("purchases")
                .asDouble());
        assertThat(r.get("dropoutFactor").asDouble()).isEqualTo(1.0);
        // Every line's cost is known: the 80/20 comparison is on past margin.
        assertThat(r.get("pareto").get("pastMeasure").asString()).isEqualTo("margin");
        assertThat(r.get("pareto").get("topSharePast").asDouble()).isBetween(0.2, 1.0);
    }

    @Test
    void fivePointsMoreRetentionLowerTheAnnualDropoutAndRaiseTheMarginWithinItsBand() {
        JsonNode r = whatIf("retention=5&acquisitionCost=100&costPerCustomerYear=10");
        JsonNode dropout = r.get("annualDropout");
        assertThat(dropout.get("scenario").asDouble()).isCloseTo(dropout.get("baseline").asDouble() - 0.05,
                offset(1e-9));
        assertThat(r.get("dropoutFactor").asDouble()).isBetween(0.0, 1.0);
        JsonNode uplift = r.get("marginUplift");
        double share = uplift.get("share").asDouble();
        assertThat(share).isPositive();
        assertThat(uplift.get("draws").asInt()).isEqualTo(200);
        assertThat(uplift.get("lower").asDouble()).isLessThanOrEqualTo(share);
        assertThat(uplift.get("upper").asDouble()).isGreaterThanOrEqualTo(share);
        assertThat(r.get("scenario").get("activeAtEnd").asDouble()).isGreaterThan(r.get("baseline").get("activeAtEnd")
                .asDouble());
        double years = r.get("scenario").get("customerYears").asDouble();
        assertThat(r.get("retentionSpend").asDouble()).isCloseTo(10 * years, offset(1e-6));
        assertThat(r.get("netUplift").asDouble()).isCloseTo(r.get("clvUplift").asDouble() - 10 * years,
                offset(1e-6));
        assertThat(r.get("breakEvenCostPerCustomerYear").asDouble()).isCloseTo(r.get("clvUplift").asDouble() / years,
                offset(1e-9));
        assertThat(r.get("acquisition").get("costRatio").asDouble()).isEqualTo(0.1);
        assertThat(r.get("acquisition").get("rule").get(0).asDouble()).isEqualTo(0.1);
        assertThat(r.get("path").get("months").size()).isEqualTo(13);
        // The settings' defaults when nothing is given: 5 points, 12 months, 100 and 15.
        JsonNode defaults = whatIf("");
        assertThat(defaults.get("retentionPoints").asDouble()).isEqualTo(5.0);
        assertThat(defaults.get("acquisition").get("costPerCustomerYear").asDouble()).isEqualTo(15.0);
    }

    @Test
    void aSegmentOrAStageNarrowsTheCustomers() {
        long wholesale = jdbc.sql("select count(*) from loyalty_profile p join customer c on c.id = p.customer_id"
                + " where c.segment = 'Wholesale'").query(Long.class).single();
        JsonNode r = whatIf("retention=3&segment=Wholesale");
        assertThat(r.get("scope").get("customers").asLong()).isEqualTo(wholesale);
        assertThat(r.get("scope").get("segment").asString()).isEqualTo("Wholesale");
        Map<String, Object> stage = jdbc.sql("select stage, count(*) n from loyalty_profile group by stage order by"
                + " count(*) desc, stage limit 1").query().singleRow();
        JsonNode s = whatIf("retention=1&stage=" + stage.get("stage"));
        assertThat(s.get("scope").get("customers").asLong()).isEqualTo(((Number) stage.get("n")).longValue());
    }

    @Test
    void impossibleOrMalformedScenariosAreRefused() {
        HttpResponse<String> tooMuch = api.get("/api/v1/whatif?retention=99");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("annual dropout");
        assertThat(api.get("/api/v1/whatif?segment=Nobody").statusCode()).isEqualTo(422);
        assertThat(api.get("/api/v1/whatif?retention=-1").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/whatif?stage=ASLEEP").statusCode()).isEqualTo(400);
        jdbc.sql("delete from loyalty_stage_change").update();
        jdbc.sql("delete from loyalty_profile").update();
        jdbc.sql("delete from loyalty_model").update();
        HttpResponse<String> unscored = api.get("/api/v1/whatif");
        assertThat(unscored.statusCode()).isEqualTo(422);
        assertThat(unscored.body()).contains("no scoring run yet");
    }

    @Test
    void thePageShowsTheResultsAndHtmxGetsThemAloneForTheOwnerManagersAndAnalysts() {
        Http manager = Http.browser(port);
        manager.signIn("manager-1", PASSWORD);
        HttpResponse<String> page = manager.page("/whatif?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"whatif-form\"", "id=\"whatif-retention\"", "id=\"chart-whatif\"",
                "data-path=", "id=\"whatif-uplift\"", "id=\"whatif-band\"", "id=\"whatif-rule-keep\"",
                "id=\"whatif-rule-pareto\"", "echarts.min.js", "/js/whatif.js", "Wholesale");
        HttpResponse<String> fragment = manager.request("GET", "/whatif?retention=8&horizonMonths=24&lang=en", null,
                null, "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("id=\"whatif-results\"", "id=\"chart-whatif\"", "24 months")
                .doesNotContain("id=\"whatif-form\"", "<html");
        HttpResponse<String> refused = manager.request("GET", "/whatif?retention=99&lang=en", null, null,
                "HX-Request", "true");
        assertThat(refused.body()).contains("id=\"whatif-problem\"", "annual dropout");
        Http chinese = Http.browser(port).language("zh-CN");
        chinese.signIn("analyst-1", PASSWORD);
        assertThat(chinese.page("/whatif").body()).contains("留存假设分析");
        assertThat(chinese.page("/").body()).contains("id=\"overview-whatif\"");
    }

    @Test
    void accountManagersAndAgentsMayNotRunIt() {
        for (String user : new String[] {"am-1", "agent-1"}) {
            Http browser = Http.browser(port);
            browser.signIn(user, PASSWORD);
            assertThat(browser.page("/whatif").statusCode()).isEqualTo(403);
            assertThat(Http.at(port).as(user, PASSWORD).get("/api/v1/whatif").statusCode()).isEqualTo(403);
        }
        Http am = Http.browser(port);
        am.signIn("am-1", PASSWORD);
        assertThat(am.page("/").body()).doesNotContain("id=\"overview-whatif\"", "href=\"/whatif\"");
        assertThat(Http.at(port).as("analyst-1", PASSWORD).get("/api/v1/whatif").statusCode()).isEqualTo(200);
    }
}
