package io.fidelis.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.Cookie;
import static io.gatling.javaapi.http.HttpDsl.addCookie;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Mixed traffic against a running Fidelis server on loopback, at a fixed rate of requests (an open model: new
 * arrivals whatever the server's state, so a slow server shows as latency and errors, not as less load).
 * <p>
 * Of the requests: 35% purchase ingest through the API (one new order a request); 35% customer reads through
 * the API (the customer, then their purchase summary); 3% the signed-in Customer 360 page (people reading, at a
 * person's pace); 15% survey answers on the public kiosk page (the form, then the answers with its CSRF token, each
 * from an address of its own as a proxy would pass it on); 12% complaint work through the API (file, read,
 * acknowledge, note).
 * <p>
 * System properties: {@code fidelis.load.base} (default http://127.0.0.1:8080), {@code fidelis.load.password} (the
 * admin's), {@code fidelis.load.rate} requests a second (default 100), {@code fidelis.load.duration} seconds at that
 * rate after a {@code fidelis.load.ramp} seconds ramp (defaults 60 and 30), {@code fidelis.load.customers} (default
 * 2000), {@code fidelis.load.max-errors} (default 0: any failed request fails the run).
 */
public class MixedTraffic extends Simulation {
    private static final String BASE = System.getProperty("fidelis.load.base", "http://127.0.0.1:8080");
    private static final double RATE = Double.parseDouble(System.getProperty("fidelis.load.rate", "100"));
    private static final int DURATION = Integer.getInteger("fidelis.load.duration", 60);
    private static final int RAMP = Integer.getInteger("fidelis.load.ramp", 30);
    private static final long MAX_ERRORS = Long.getLong("fidelis.load.max-errors", 0L);
    /** Shares of the requests. */
    static final double INGEST = 0.35;
    static final double READS = 0.35;
    static final double PAGES = 0.03;
    static final double SURVEYS = 0.15;
    static final double COMPLAINTS = 0.12;

    private final Setup setup = Setup.take(BASE, System.getProperty("fidelis.load.user", "admin"),
            System.getProperty("fidelis.load.password", ""), Integer.getInteger("fidelis.load.customers", 2000));
    private final AtomicLong orders = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private ServerMetrics metrics;

    private final Iterator<Map<String, Object>> customers = Stream.generate(() -> Map.<String, Object>of(
            "customer", pick(setup.customers()),
            "address", "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current()
                    .nextInt(256) + "." + (1 + ThreadLocalRandom.current().nextInt(254)))).iterator();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE)
            .shareConnections()
            .disableFollowRedirect()
            .acceptLanguageHeader("en")
            .userAgentHeader("fidelis-load");

    private final ScenarioBuilder ingest = scenario("purchase ingest").feed(customers)
            .exec(http("ingest: POST purchase").post("/api/v1/customers/#{customer}/purchases")
                    .header("Authorization", "Bearer " + setup.token())
                    .body(StringBody(this::purchase)).asJson()
                    .check(status().is(201)));

    private final ScenarioBuilder customerReads = scenario("customer reads (API)").feed(customers)
            .exec(http("read: GET customer").get("/api/v1/customers/#{customer}")
                    .header("Authorization", "Bearer " + setup.token())
                    .check(status().is(200), jsonPath("$.id").is(session -> session.getString("customer"))))
            .exec(http("read: GET purchase summary").get("/api/v1/customers/#{customer}/summary")
                    .header("Authorization", "Bearer " + setup.token())
                    .check(status().is(200)));

    private final ScenarioBuilder customer360 = scenario("Customer 360 page").feed(customers)
            // The signed-in session of the setup (Gatling's cookie jar, not a header, carries cookies).
            .exec(addCookie(Cookie(setup.session().substring(0, setup.session().indexOf('=')),
                    setup.session().substring(setup.session().indexOf('=') + 1))
                    .withDomain(java.net.URI.create(BASE).getHost()).withPath("/")))
            .exec(http("360: GET page").get("/customers/#{customer}")
                    .check(status().is(200), css("h1").exists()));

    private final ScenarioBuilder survey = scenario("survey answers").feed(customers)
            .exec(http("survey: GET form").get("/s/" + setup.kiosk())
                    .header("X-Forwarded-For", "#{address}")
                    .check(status().is(200), css("input[name='_csrf']", "value").saveAs("csrf")))
            // A step that failed ends the visit: its failure is counted once, not again for each step after it.
            .exitHereIfFailed()
            .exec(http("survey: POST answers").post("/s/" + setup.kiosk())
                    .header("X-Forwarded-For", "#{address}")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(StringBody(this::answers))
                    .check(status().is(302), headerRegex("Location", "[?&]done").exists()));

    private final ScenarioBuilder complaints = scenario("complaint work").feed(customers)
            .exec(http("complaint: POST file").post("/api/v1/complaints")
                    .header("Authorization", "Bearer " + setup.token())
                    .body(StringBody(s -> "{\"customerId\":\"" + s.getString("customer") + "\",\"category\":"
                            + "\"DELIVERY\",\"subject\":\"Late delivery\",\"description\":\"The order came "
                            + (1 + ThreadLocalRandom.current().nextInt(5)) + " days late.\"}")).asJson()
                    .check(status().is(201), jsonPath("$.reference").saveAs("reference")))
            .exitHereIfFailed()
            .exec(http("complaint: GET").get("/api/v1/complaints/#{reference}")
                    .header("Authorization", "Bearer " + setup.token())
                    .check(status().is(200), jsonPath("$.version").saveAs("version")))
            .exitHereIfFailed()
            .exec(http("complaint: POST acknowledge").post("/api/v1/complaints/#{reference}/steps")
                    .header("Authorization", "Bearer " + setup.token())
                    .body(StringBody("{\"version\":#{version},\"action\":\"acknowledge\"}")).asJson()
                    .check(status().is(200), jsonPath("$.version").saveAs("version")))
            .exitHereIfFailed()
            .exec(http("complaint: POST note").post("/api/v1/complaints/#{reference}/steps")
                    .header("Authorization", "Bearer " + setup.token())
                    .body(StringBody("{\"version\":#{version},\"action\":\"note\",\"text\":\"Courier called\"}"))
                    .asJson()
                    .check(status().is(200)));

    {
        System.out.printf(Locale.ROOT, "Load: %.0f req/s for %d s after a %d s ramp against %s; %d customers,"
                + " %d products, survey questions %s%n", RATE, DURATION, RAMP, BASE, setup.customers().size(),
                setup.skus().size(), setup.questions().keySet());
        setUp(
                ingest.injectOpen(phases(INGEST * RATE)),
                customerReads.injectOpen(phases(READS * RATE / 2)),
                customer360.injectOpen(phases(PAGES * RATE)),
                survey.injectOpen(phases(SURVEYS * RATE / 2)),
                complaints.injectOpen(phases(COMPLAINTS * RATE / 4)))
                .protocols(protocol)
                .assertions(global().failedRequests().count().lte(MAX_ERRORS));
    }

    private static io.gatling.javaapi.core.OpenInjectionStep[] phases(double usersPerSecond) {
        return new io.gatling.javaapi.core.OpenInjectionStep[]{
                rampUsersPerSec(0.1).to(usersPerSecond).during(Duration.ofSeconds(Math.max(1, RAMP))),
                constantUsersPerSec(usersPerSecond).during(Duration.ofSeconds(DURATION))};
    }

    @Override
    public void before() {
        metrics = new ServerMetrics(BASE, setup.token(), Duration.ofSeconds(5));
    }

    @Override
    public void after() {
        try {
            metrics.close();
            System.out.print(metrics.report(Path.of(System.getProperty("fidelis.load.metrics",
                    "target/gatling/server-metrics-" + run + ".csv")), 6));
        } catch (Exception e) {
            System.out.println("Server metrics could not be written: " + e);
        }
    }

    private String purchase(Session s) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder lines = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(pick(setup.skus()))
                    .append("\",\"quantity\":").append(1 + r.nextInt(4)).append(",\"unitPrice\":")
                    .append(5 + r.nextInt(200)).append(".90}");
        }
        return "{\"orderId\":\"LOAD-" + run + "-" + orders.incrementAndGet() + "\",\"purchasedAt\":\""
                + Instant.now() + "\",\"channel\":\"web\",\"lines\":[" + lines + "]}";
    }

    private String answers(Session s) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder("_csrf=").append(Setup.encode(s.getString("csrf")));
        setup.questions().forEach((code, values) -> {
            if (!values.isEmpty()) {
                body.append("&q_").append(Setup.encode(code)).append('=')
                        .append(Setup.encode(values.get(r.nextInt(values.size()))));
            } else if (r.nextInt(4) == 0) {
                body.append("&q_").append(Setup.encode(code)).append('=').append(Setup.encode("Quick service"));
            }
        });
        return body.toString();
    }

    private static String pick(List<String> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }
}
