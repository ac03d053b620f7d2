package io.fidelis.app.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scoring a small business end to end: profiles stored for every buyer, the stages the seeds describe for clear
 * cases, stage changes recorded and published, and the profile with its evidence on the Customer 360.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LoyaltyScoringScenarios.Changes.class)
abstract class LoyaltyScoringScenarios {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoyaltyScoring scoring;
    @Autowired
    Changes changes;
    @Autowired
    LoyaltyProfiles profiles;
    @Autowired
    io.fidelis.app.survey.SurveyManagement surveys;
    @Autowired
    io.fidelis.app.customer.CustomerManagement customers;

    @TestConfiguration
    static class Changes {
        final List<LoyaltyStageChanged> seen = java.util.Collections.synchronizedList(new ArrayList<>());

        @EventListener
        void on(LoyaltyStageChanged change) {
            seen.add(change);
        }
    }

    final Instant now = Instant.now();
    int orders;

    long customer(String id, Long referredBy) {
        jdbc.sql("insert into customer (external_id, name, name_key, segment, marketing_consent, time_zone, created_at,"
                        + " updated_at, version, referred_by_id) values (?, ?, ?, 'Retail', false, 'UTC', ?, ?, 0, ?)")
                .params(id, "Customer " + id, "customer " + id.toLowerCase(), OffsetDateTime.now(ZoneOffset.UTC),
                        OffsetDateTime.now(ZoneOffset.UTC), referredBy)
                .update();
        return jdbc.sql("select id from customer where external_id = ?").param(id).query(Long.class).single();
    }

    void order(long customerId, int daysAgo, String category) {
        String orderId = "O" + (++orders);
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, ?, ?, 'ORDER')")
                .params(orderId, customerId, now.minus(daysAgo, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price, unit_cost)"
                        + " values (?, 1, 'S', ?, 1, 40, 25)").params(orderId, category).update();
    }

    long newcomer;
    long champion;
    long gone;

    @BeforeEach
    void business() {
        jdbc.sql("delete from loyalty_stage_change").update();
        jdbc.sql("delete from loyalty_profile").update();
        jdbc.sql("delete from loyalty_model").update();
        TestData.clean(jdbc);
        changes.seen.clear();
        // Thirty ordinary customers: a purchase every 30 to 120 days over the last two years, some stopping.
        for (int i = 0; i < 30; i++) {
            long c = customer("F" + i, null);
            int interval = 30 + 3 * i;
            int stop = i % 3 == 0 ? 200 : 0;
            for (int d = 700 - 7 * i; d > stop; d -= interval) {
                order(c, d, "Tea");
            }
        }
        // A frequent buyer across categories who referred two customers: emotional loyalty.
        champion = customer("CHAMP", null);
        for (int d = 720; d > 3; d -= 10) {
            order(champion, d, d % 20 == 0 ? "Tea" : "Coffee");
        }
        customer("REF1", champion);
        customer("REF2", champion);
        // One purchase last week: new.
        newcomer = customer("NEW", null);
        order(newcomer, 7, "Tea");
        // Bought every two weeks for a year, then nothing for over a year: lost.
        gone = customer("GONE", null);
        for (int d = 800; d > 450; d -= 14) {
            order(gone, d, "Coffee");
        }
    }

    String stage(long id) {
        return jdbc.sql("select stage || '/' || overlay from loyalty_profile where customer_id = ?").param(id)
                .query(String.class).single();
    }

    @Test
    void everyBuyerGetsAProfileWithTheSeedsStages() {
        ScoringRun run = scoring.scoreAll();
        assertThat(run.customers()).isEqualTo(33); // REF1 and REF2 have not bought
        assertThat(run.model()).isEqualTo("bgnbd");
        assertThat(run.notFitted()).isNull();
        assertThat(jdbc.sql("select count(*) from loyalty_profile").query(Long.class).single()).isEqualTo(33);
        assertThat(stage(newcomer)).isEqualTo("NEW/NONE");
        assertThat(stage(champion)).isEqualTo("EMOTIONAL/NONE");
        assertThat(stage(gone)).endsWith("/LOST");
        assertThat(jdbc.sql("select evidence from loyalty_profile where customer_id = ?").param(champion)
                .query(String.class).single()).contains("[\"emotional.referrals\",\"2\"]")
                .contains("\"rule\":\"repeat-rate\"");
        double pAliveChampion = jdbc.sql("select p_alive from loyalty_profile where customer_id = ?").param(champion)
                .query(Double.class).single();
        double pAliveGone = jdbc.sql("select p_alive from loyalty_profile where customer_id = ?").param(gone)
                .query(Double.class).single();
        assertThat(pAliveChampion).isGreaterThan(0.9);
        // The champion's first purchase was tea; half of the later ones coffee (every other 10-day purchase).
        assertThat(jdbc.sql("select categories from loyalty_profile where customer_id = ?").param(champion)
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select cross_category_share from loyalty_profile where customer_id = ?").param(champion)
                .query(Double.class).single()).isBetween(0.45, 0.55);
        assertThat(pAliveGone).isLessThan(0.1);
        assertThat(jdbc.sql("select model from loyalty_model order by model").query(String.class).list())
                .containsExactly("bgnbd", "gamma-gamma");
        // Every first profile is a change from nothing, recorded and published.
        assertThat(run.changes()).isEqualTo(33);
        assertThat(changes.seen).hasSize(33);
    }

    @Test
    void clvPercentilesAreCountedInTheCLVsOfTheLastRunAndRereadAfterTheNext() {
        scoring.scoreAll();
        List<Double> clvs = jdbc.sql("select clv from loyalty_profile where clv is not null order by clv")
                .query(Double.class).list();
        assertThat(clvs).hasSizeGreaterThan(10);
        double median = clvs.get(clvs.size() / 2);
        long atOrBelow = clvs.stream().filter(v -> v <= median).count();
        // The SQL count the percentile stands for: the share of profiles with a CLV at most this one.
        assertThat(profiles.clvPercentile(median)).isCloseTo(100.0 * atOrBelow / clvs.size(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(profiles.clvPercentile(clvs.get(clvs.size() - 1))).isEqualTo(100.0);
        assertThat(profiles.clvPercentile(clvs.get(0) - 1)).isZero();
        // Changed behind the scoring's back, the CLVs read are reused (for a minute by default) ...
        jdbc.sql("update loyalty_profile set clv = clv + 1000000").update();
        assertThat(profiles.clvPercentile(clvs.get(clvs.size() - 1))).isEqualTo(100.0);
        // ... until a full scoring run commits, which forgets them.
        profiles.forgetClvs();
        assertThat(profiles.clvPercentile(clvs.get(clvs.size() - 1))).isZero();
        scoring.scoreAll(); // the same CLVs again (the same purchases and day)
        assertThat(profiles.clvPercentile(clvs.get(clvs.size() - 1))).isGreaterThan(50.0);
    }

    @Test
    void theLoyaltyPageAndApiShowStagesRiskAndThePopulation() {
        scoring.scoreAll();
        Http api = Http.at(port).as("admin", "admin-test-password");
        // The scoring run is timed in the metrics, which a scraper reads; the readiness probe is open.
        assertThat(api.getAny("/actuator/prometheus").body()).containsPattern(
                "fidelis_scoring_duration_seconds_count(\\{[^}]*})? [1-9]");
        assertThat(Http.at(port).getAny("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        tools.jackson.databind.JsonNode c = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(api.get("/api/v1/customers/CHAMP/loyalty").body());
        assertThat(c.get("stage").asString()).isEqualTo("EMOTIONAL");
        assertThat(c.get("evidence").isArray()).isTrue();
        assertThat(c.get("pAlive").asDouble()).isGreaterThan(0.9);
        assertThat(c.get("changes").size()).isEqualTo(1);
        tools.jackson.databind.JsonNode o = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(api.get("/api/v1/loyalty").body());
        long total = 0;
        for (String stage : List.of("NEW", "SATISFIED", "BEHAVIOURAL", "EMOTIONAL", "SUSTAINABLE")) {
            total += o.get("stages").get(stage).asLong();
        }
        assertThat(total).isEqualTo(33);
        assertThat(o.get("overlays").get("LOST").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(o.get("atRisk").toString()).contains("GONE");
        // Margin is known for every line (cost 25, price 40): the Pareto is of margin.
        assertThat(o.get("population").get("measure").asString()).isEqualTo("margin");
        assertThat(o.get("population").get("topShare20").asDouble()).isBetween(0.2, 1.0);
        assertThat(o.get("population").get("gini").asDouble()).isBetween(0.0, 1.0);
        assertThat(o.get("population").get("cohorts").size()).isGreaterThan(0);

        Http admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
        String page = admin.page("/loyalty").body();
        assertThat(page).contains("id=\"stage-EMOTIONAL\">1<").contains("/customers/GONE").contains("chart-pareto");
    }

    @Test
    void anAccountManagerSeesTheLoyaltyOfTheirOwnCustomersOnly() {
        long manager = jdbc.sql("insert into staff_user (username, role, enabled, created_at, password_hash) values"
                        + " ('am-l', 'ACCOUNT_MANAGER', true, current_timestamp, null)").update();
        assertThat(manager).isEqualTo(1);
        jdbc.sql("update customer set account_manager_id = (select id from staff_user where username = 'am-l')"
                + " where external_id = 'NEW'").update();
        scoring.scoreAll();
        java.util.List<String> ids = new java.util.ArrayList<>();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated("am-l",
                        null, java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                                "ROLE_ACCOUNT_MANAGER"))));
        try {
            LoyaltyReadings.Overview o = readings.overview(50);
            assertThat(o.stages().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
            assertThat(o.population()).isNull();
            o.atRisk().forEach(a -> ids.add(a.externalId()));
            assertThat(ids).doesNotContain("GONE");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> readings.of("CHAMP"))
                    .isInstanceOf(io.fidelis.app.shared.NotFoundException.class);
            assertThat(readings.of("NEW").profile()).isPresent();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Autowired
    LoyaltyReadings readings;

    @Test
    void aPurchaseRecordedOneByOneRescoresThatCustomerWithoutRefitting() {
        scoring.scoreAll();
        long models = jdbc.sql("select count(*) from loyalty_model").query(Long.class).single();
        Http api = Http.at(port).as("admin", "admin-test-password");
        assertThat(api.post("/api/v1/customers/NEW/purchases", "{\"orderId\":\"N2\",\"purchasedAt\":\""
                + now.minus(1, ChronoUnit.HOURS) + "\",\"lines\":[{\"sku\":\"S\",\"quantity\":1,"
                + "\"unitPrice\":40,\"unitCost\":25}]}").statusCode()).isEqualTo(201);
        // Rescored right after the purchase commits, in a thread of its own: wait for it (at most 10 s).
        long until = System.nanoTime() + 10_000_000_000L;
        while (!stage(newcomer).startsWith("SATISFIED/") && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(stage(newcomer)).startsWith("SATISFIED/");
        assertThat(jdbc.sql("select occasions from loyalty_profile where customer_id = ?").param(newcomer)
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from loyalty_model").query(Long.class).single()).isEqualTo(models);
        assertThat(changes.seen).anySatisfy(c -> assertThat(c.customerId()).isEqualTo(newcomer));
    }

    String evidence(long id) {
        return jdbc.sql("select evidence from loyalty_profile where customer_id = ?").param(id).query(String.class)
                .single();
    }

    /**
     * A customer's survey answer is taken into their loyalty stage right after it is given (in the background),
     * with the population models of the last run: a 10 on the NPS question makes them a promoter in the evidence.
     */
    @Test
    void aSurveyAnswerRescoresTheCustomerWithWhatTheySaid() {
        scoring.scoreAll();
        long models = jdbc.sql("select count(*) from loyalty_model").query(Long.class).single();
        assertThat(evidence(champion)).doesNotContain("emotional.promoter");
        jdbc.sql("update customer set email = 'champ@example.com', marketing_consent = true where id = ?")
                .param(champion).update();
        Http admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
        java.net.http.HttpResponse<String> created = admin.postForm("/surveys", "template=relationship-nps&_csrf="
                + admin.csrfToken());
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        long survey = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        long version = jdbc.sql("select version from survey where id = ?").param(survey).query(Long.class).single();
        assertThat(admin.postForm("/surveys/" + survey + "/open", "version=" + version + "&_csrf="
                + admin.csrfToken()).statusCode()).isEqualTo(302);
        // No mail server in this test: the run gives the link, as the page shows it to the sender.
        var run = surveys.inviteForSystem(survey, customers.recordForSystem(champion).orElseThrow(), "test");
        assertThat(run.invited()).isOne();
        String link = run.links().get(0).getValue();
        String token = link.substring(link.lastIndexOf('/') + 1);
        Http visitor = Http.browser(port);
        String form = visitor.page("/s/" + token).body();
        assertThat(visitor.postForm("/s/" + token, "q_NPS=10&_csrf=" + Http.csrfOf(form)).statusCode())
                .isEqualTo(302);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> evidence(champion).contains("[\"emotional.promoter\"]"));
        assertThat(jdbc.sql("select count(*) from loyalty_model").query(Long.class).single()).isEqualTo(models);
    }

    /** Every stored profile without its scoring time, by customer. */
    private java.util.Map<Long, java.util.Map<String, Object>> storedProfiles() {
        java.util.Map<Long, java.util.Map<String, Object>> out = new java.util.TreeMap<>();
        for (java.util.Map<String, Object> row : jdbc.sql("select * from loyalty_profile").query().listOfRows()) {
            java.util.Map<String, Object> r = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            r.putAll(row);
            r.remove("scored_at");
            out.put(((Number) r.get("customer_id")).longValue(), r);
        }
        return out;
    }

    @Test
    void rescoringEveryoneTogetherRightAfterAFullRunChangesNoProfile() {
        scoring.scoreAll();
        var afterRun = storedProfiles();
        assertThat(afterRun).hasSize(33);
        changes.seen.clear();
        List<LoyaltyProfile> together = scoring.scoreSome(new ArrayList<>(afterRun.keySet()));
        assertThat(together).hasSize(33);
        // The same models, population figures and RFM codes as the run: each customer's profile as the run left it.
        assertThat(storedProfiles()).isEqualTo(afterRun);
        assertThat(changes.seen).isEmpty();
    }

    @Test
    void customersRescoredTogetherGetTheProfileEachGetsAlone() {
        scoring.scoreAll();
        // An open complaint: a signal of another capability, read for the customers together.
        Http api = Http.at(port).as("admin", "admin-test-password");
        assertThat(api.post("/api/v1/complaints", "{\"customerId\":\"CHAMP\",\"category\":\"DELIVERY\","
                + "\"subject\":\"Late\",\"description\":\"Two weeks late\"}").statusCode()).isEqualTo(201);
        long f3 = jdbc.sql("select id from customer where external_id = 'F3'").query(Long.class).single();
        long ref1 = jdbc.sql("select id from customer where external_id = 'REF1'").query(Long.class).single();
        order(newcomer, 1, "Coffee");
        order(champion, 1, "Tea");
        order(gone, 2, "Coffee");
        order(f3, 5, "Cakes");
        order(f3, 3, "Cakes");
        // Two late deliveries of F3's (the last two orders): at risk (the default threshold is 2), a signal of the deliveries.
        for (String late : List.of("O" + orders, "O" + (orders - 1))) {
            jdbc.sql("insert into delivery (order_id, customer_id, warehouse, promised_on, updated_at)"
                            + " values (?, ?, 'W1', ?, ?)")
                    .params(late, f3, java.time.LocalDate.now(ZoneOffset.UTC).minusDays(2),
                            OffsetDateTime.now(ZoneOffset.UTC)).update();
        }
        // A complaint of GONE's resolved a month ago, and GONE bought since (above): kept through a complaint.
        jdbc.sql("insert into complaint (reference, customer_id, category, severity, status, channel, subject,"
                        + " description, tracking_hash, language, received_at, resolved_at, created_by, version)"
                        + " values ('C-KEPT', ?, 'DELIVERY', 'LOW', 'RESOLVED', 'API', 'Late', 'Two weeks late',"
                        + " 'kept-test-hash', 'en', ?, ?, 'test', 0)")
                .params(gone, now.minus(40, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC),
                        now.minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).update();
        // A customer of another segment and time zone, who bought a minute ago (already tomorrow in UTC+14).
        long east = customer("EAST", null);
        jdbc.sql("update customer set time_zone = 'Pacific/Kiritimati', segment = 'Wholesale' where id = ?")
                .param(east).update();
        order(east, 40, "Tea");
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('E1', ?, ?, 'ORDER')")
                .params(east, now.minus(1, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price, unit_cost)"
                + " values ('E1', 1, 'S', 'Coffee', 1, 40, 25)").update();
        // REF1 has never bought, and no customer has the last id: neither gets a profile.
        List<Long> ids = List.of(newcomer, champion, gone, f3, east, ref1, 999_999_999L);
        java.util.Map<Long, LoyaltyProfile> alone = new java.util.HashMap<>();
        for (long id : ids) {
            scoring.scoreOne(id).ifPresent(p -> alone.put(id, p));
        }
        assertThat(alone.keySet()).containsExactlyInAnyOrder(newcomer, champion, gone, f3, east);
        assertThat(alone.get(newcomer).occasions()).isEqualTo(2);
        assertThat(alone.get(east).occasions()).isEqualTo(2);
        assertThat(alone.get(f3).evidence()).contains("late-delivery");
        assertThat(alone.get(f3).overlay()).isEqualTo("AT_RISK");
        assertThat(alone.get(gone).evidence()).contains("sustainable.keptComplaint");
        assertThat(alone.get(champion).evidence()).doesNotContain("sustainable.keptComplaint");
        assertThat(alone.get(champion).evidence()).contains("unresolved-complaint");
        assertThat(alone.get(champion).stage()).isNotIn("EMOTIONAL", "SUSTAINABLE");
        var storedAlone = storedProfiles();

        List<LoyaltyProfile> together = scoring.scoreSome(ids);
        assertThat(together).hasSize(5);
        for (LoyaltyProfile p : together) {
            assertThat(p).usingRecursiveComparison().ignoringFields("scoredAt").isEqualTo(alone.get(p.customerId()));
        }
        assertThat(storedProfiles()).isEqualTo(storedAlone);
    }

    @Test
    void aPurchaseOfTodayInACustomersOwnTimeZoneCounts() {
        long east = customer("EAST", null);
        jdbc.sql("update customer set time_zone = 'Pacific/Kiritimati' where id = ?").param(east).update();
        // Bought a minute ago: in UTC+14 that is already tomorrow for much of the world.
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('E1', ?, ?, 'ORDER')")
                .params(east, now.minus(1, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price, unit_cost)"
                + " values ('E1', 1, 'S', 'Tea', 1, 40, 25)").update();
        scoring.scoreAll();
        assertThat(stage(east)).isEqualTo("NEW/NONE");
    }

    @Test
    void aStageChangeIsRecordedAndShownOnTheCustomer360() {
        scoring.scoreAll();
        changes.seen.clear();
        assertThat(scoring.scoreAll().changes()).isZero();
        order(newcomer, 1, "Coffee");
        ScoringRun again = scoring.scoreAll();
        assertThat(stage(newcomer)).startsWith("SATISFIED/");
        assertThat(again.changes()).isGreaterThanOrEqualTo(1);
        assertThat(changes.seen).anySatisfy(c -> {
            assertThat(c.customerId()).isEqualTo(newcomer);
            assertThat(c.fromStage()).isEqualTo("NEW");
            assertThat(c.toStage()).isEqualTo("SATISFIED");
        });
        assertThat(jdbc.sql("select count(*) from loyalty_stage_change where customer_id = ?").param(newcomer)
                .query(Long.class).single()).isEqualTo(2);

        Http admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
        String page = admin.page("/customers/CHAMP").body();
        assertThat(page).contains("id=\"loyalty-stage\">Emotional loyalty<").contains("2 referral(s)");
        String newPage = admin.page("/customers/NEW").body();
        assertThat(newPage).contains("Loyalty stage: Satisfied, basic trust");
        String zh = Http.browser(port).language("zh-CN").page("/login").body();
        assertThat(zh).contains("用户名");
        // The evidence in the reader's language, phrase by phrase; in English in the API.
        Http zhAdmin = Http.browser(port).language("zh-CN");
        zhAdmin.signIn("admin", "admin-test-password");
        String zhPage = zhAdmin.page("/customers/CHAMP").body();
        assertThat(zhPage).contains("推荐了 2 位客户")
                .containsPattern("每年 [0-9.]+ 次 ≥ 同类典型的 [0-9.]+ 次，P\\(alive\\)")
                .doesNotContain("referral(s)").doesNotContain("a year");
        assertThat(Http.at(port).as("admin", "admin-test-password").get("/api/v1/customers/CHAMP/loyalty").body())
                .contains("2 referral(s)").containsPattern("[0-9.]+ a year ≥ typical [0-9.]+, P\\(alive\\) [0-9.]+")
                .doesNotContain("emotional.referrals");
    }
}
