package io.fidelis.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.fidelis.app.support.Databases;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * More requests than the server may have in hand at once, over real HTTP: two are held in progress (a filter of
 * this test's own, behind the limit, keeps a request marked {@code X-Hold} until the test lets it go), and the rest
 * are answered 503 with {@code Retry-After: 1} at once, a problem body for the API and a page for people; health
 * probes answer all the while; once a held request ends, the server answers as usual. The limit involves no
 * database, so H2 alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "fidelis.limits.max-concurrent-requests=2")
class OverloadIT {
    static final Map<String, CountDownLatch> HOLDS = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @TestConfiguration
    static class Holding {
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> holdFilter() {
            FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                FilterChain chain) throws ServletException, IOException {
                    String hold = request.getHeader("X-Hold");
                    if (hold != null) {
                        try {
                            HOLDS.get(hold).await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    chain.doFilter(request, response);
                }
            });
            bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
            return bean;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    CompletableFuture<HttpResponse<String>> async(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    double turnedAway() {
        return meters.get("fidelis.requests.turned.away").counter().count();
    }

    @Test
    void beyondItsLimitTheServerAnswersBusyAtOnceAndRecovers() throws Exception {
        double before = turnedAway();
        HOLDS.put("a", new CountDownLatch(1));
        HOLDS.put("b", new CountDownLatch(1));
        var heldA = async(get("/login").header("X-Hold", "a").build());
        var heldB = async(get("/login").header("X-Hold", "b").build());
        awaitTrue(() -> gauge("fidelis.requests.active") == 2);

        HttpResponse<String> page = send(get("/login").header("Accept", "text/html").build());
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<h1>Busy</h1>").contains("nothing was saved").contains("服务器繁忙");
        HttpResponse<String> api = send(get("/api/v1/customers").header("Accept", "application/json").build());
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.body()).contains("\"status\":503").contains("the server is busy");
        assertThat(heldA).as("the held requests go on").isNotDone();
        assertThat(turnedAway() - before).isEqualTo(2.0);
        assertThat(send(get("/actuator/health/liveness").build()).statusCode()).as("probes are not limited")
                .isEqualTo(200);
        assertThat(gauge("fidelis.requests.active")).as("probes are not counted").isEqualTo(2.0);

        // One held request ends: its place is free for the next.
        HOLDS.get("a").countDown();
        assertThat(heldA.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitTrue(() -> gauge("fidelis.requests.active") == 1);
        assertThat(send(get("/login").build()).statusCode()).isEqualTo(200);

        HOLDS.get("b").countDown();
        assertThat(heldB.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitTrue(() -> gauge("fidelis.requests.active") == 0);
        assertThat(send(get("/api/v1/customers").build()).statusCode()).as("to security again: not signed in")
                .isEqualTo(401);
        assertThat(turnedAway() - before).as("none turned away after").isEqualTo(2.0);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
    }
}
