package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import io.fidelis.core.clv.FittedBgNbd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis whatif} through the real command line on a file database: refused before scoring, then on a
 * 400-customer demo business (seed 3) its JSON on standard output alone, the baseline equal to the stored model's
 * closed-form expected purchases, the segment and stage filters, the text form, and the exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfCommandIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private String url;
    private String out;
    private String err;

    @BeforeAll
    void database(@TempDir Path dir) {
        url = "jdbc:h2:file:" + dir.resolve("fidelis");
        System.setProperty("spring.datasource.url", url);
        System.setProperty("fidelis.security.admin-password", "admin-password-for-cli-test");
        System.setProperty("fidelis.data-dir", dir.toString());
        assertThat(run("whatif", "--format", "json")).isEqualTo(1);
        assertThat(err).contains("no scoring run yet");
        assertThat(out).isEmpty();
        assertThat(run("demo", "--customers", "400", "--seed", "3", "--no-serve")).as(err).isZero();
    }

    @AfterAll
    void restore() {
        System.clearProperty("spring.datasource.url");
        System.clearProperty("fidelis.security.admin-password");
        System.clearProperty("fidelis.data-dir");
    }

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new FidelisCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            out = withoutOtherThreadsLogs(o.toString(StandardCharsets.UTF_8));
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Standard output is the whole JVM's: a connection pool of an earlier test's application (another thread) may log
     * to it while the command runs. Such log lines (a timestamp, and a thread other than main) are not the command's
     * output; a log line of the command's own thread stays, and fails the test.
     */
    static String withoutOtherThreadsLogs(String captured) {
        return captured.lines().filter(l -> !l.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*")
                        || l.matches(".*\\[ *main\\].*"))
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    }

    @Test
    void theJsonIsAloneOnStandardOutputAndItsBaselineIsTheModelsExpectedPurchases() throws Exception {
        assertThat(run("whatif", "--retention", "+0", "--format", "json")).as(err).isZero();
        JsonNode r = JSON.readTree(out);
        assertThat(out.strip().lines().count()).isEqualTo(1);
        JsonNode p = r.get("model").get("params");
        FittedBgNbd model = FittedBgNbd.of(p.get("r").asDouble(), p.get("alpha").asDouble(), p.get("a").asDouble(),
                p.get("b").asDouble());
        double horizon = 12 * 365.25 / 12 / 7;
        double closedForm = 0;
        int customers = 0;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select occasions, t_x_weeks, t_weeks from loyalty_profile")) {
            while (rs.next()) {
                closedForm += model.expectedPurchases(horizon, rs.getInt(1) - 1, rs.getDouble(2), rs.getDouble(3));
                customers++;
            }
        }
        assertThat(r.get("scope").get("customers").asInt()).isEqualTo(customers).isGreaterThan(300);
        assertThat(r.get("baseline").get("purchases").asDouble()).isCloseTo(closedForm, offset(1e-6));
        assertThat(r.get("scenario").get("purchases").asDouble()).isEqualTo(r.get("baseline").get("purchases")
                .asDouble());
    }

    @Test
    void fivePointsForOneSegmentOrStageWithTheCostsGiven() {
        assertThat(run("whatif", "--retention", "+5", "--segment", "Consumer", "--horizon-months", "24",
                "--acquisition-cost", "200", "--cost-per-customer-year", "10", "--format", "json")).as(err).isZero();
        JsonNode r = JSON.readTree(out);
        assertThat(r.get("retentionPoints").asDouble()).isEqualTo(5.0);
        assertThat(r.get("scope").get("segment").asString()).isEqualTo("Consumer");
        assertThat(r.get("horizonMonths").asInt()).isEqualTo(24);
        assertThat(r.get("acquisition").get("costRatio").asDouble()).isEqualTo(0.05);
        assertThat(r.get("annualDropout").get("scenario").asDouble()).isCloseTo(
                r.get("annualDropout").get("baseline").asDouble() - 0.05, offset(1e-9));
        double share = r.get("marginUplift").get("share").asDouble();
        assertThat(share).isPositive().isBetween(r.get("marginUplift").get("lower").asDouble(),
                r.get("marginUplift").get("upper").asDouble());
        assertThat(run("whatif", "--retention", "2", "--stage", "satisfied")).as(err).isZero();
        assertThat(out).contains("Retention +2.0 points over 12 months", "stage SATISFIED", "Margin uplift: +",
                "95 % band", "rule of thumb 0.10-0.20", "rule of thumb 80 %");
    }

    @Test
    void refusalsAndUsageErrorsHaveTheirExitCodes() {
        assertThat(run("whatif", "--retention", "99")).isEqualTo(1);
        assertThat(err).contains("annual dropout");
        assertThat(run("whatif", "--segment", "Nobody")).isEqualTo(1);
        assertThat(err).contains("no scored customers in this scope", "Consumer");
        assertThat(run("whatif", "--stage", "ASLEEP")).isEqualTo(1);
        assertThat(run("whatif", "--retention", "five")).isEqualTo(2);
    }
}
