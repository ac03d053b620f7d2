package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code fidelis demo}, the first thing a new user runs, through the real jar in a child process. */
class DemoCommandIT {
    @TempDir
    Path dir;

    private Process start(Path data, Integer port, String... args) throws IOException {
        return start(data, port, null, args);
    }

    private Process start(Path data, Integer port, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("fidelis.app.jar", Path.of("target", "fidelis-app.jar").toAbsolutePath().toString()), "demo"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("FIDELIS_DATA_DIR", data.toString());
        pb.environment().remove("FIDELIS_ADMIN_PASSWORD");
        if (port != null) {
            pb.environment().put("SERVER_PORT", port.toString());
        }
        if (output != null) {
            pb.redirectOutput(output.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static long count(Path data, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("fidelis") + ";AUTO_SERVER=TRUE",
                "sa", ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theDemoLoadsAGeneratedBusinessAndLoadingItAgainChangesNothing() throws Exception {
        Path data = dir.resolve("data");
        Path log1 = dir.resolve("first.log");
        Process first = start(data, null, log1, "--customers", "300", "--seed", "5", "--no-serve");
        assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = java.nio.file.Files.readString(log1);
        assertThat(first.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("created the administrator 'admin' with the password \\S{12,}");
        assertThat(count(data, "select count(*) from customer")).isEqualTo(300);
        assertThat(count(data, "select count(*) from product")).isEqualTo(64);
        assertThat(count(data, "select count(distinct account_manager_id) from customer")).isEqualTo(6);
        assertThat(count(data, "select count(distinct region) from customer")).isEqualTo(3);
        assertThat(count(data, "select count(*) from customer where referred_by_id is not null")).isPositive();
        assertThat(count(data, "select count(*) from purchase where kind = 'RETURN'")).isPositive();
        long lines = count(data, "select count(*) from purchase_line");
        assertThat(lines).isGreaterThan(300);
        // The demo's surveys: six templates answered, enough ECSI answers for the index, the closed loop started.
        assertThat(count(data, "select count(*) from survey where created_by = 'demo'")).isEqualTo(6);
        long answers = count(data, "select count(*) from survey_answer");
        assertThat(count(data, "select count(*) from survey_response r join survey s on s.id = r.survey_id"
                + " where s.template = 'ecsi'")).isGreaterThanOrEqualTo(30);
        assertThat(count(data, "select count(*) from survey_follow_up")).isPositive();
        assertThat(count(data, "select count(distinct team) from staff_user")).isEqualTo(3);
        // Complaints through their states, and the courier strike of the last six days.
        long complaints = count(data, "select count(*) from complaint");
        assertThat(complaints).isGreaterThanOrEqualTo(20);
        assertThat(count(data, "select count(*) from complaint where status = 'CLOSED' and root_cause is not null"))
                .isPositive();
        assertThat(count(data, "select count(*) from complaint where category = 'DELIVERY' and received_at >="
                + " dateadd('DAY', -6, current_timestamp)")).isGreaterThanOrEqualTo(12);
        // Relationship work: contacts, follow-ups, lost-customer cases, programme members with points and redemptions.
        assertThat(count(data, "select count(*) from contact")).isPositive();
        assertThat(count(data, "select count(*) from task")).isPositive();
        assertThat(count(data, "select count(*) from lost_case")).isPositive();
        assertThat(count(data, "select count(*) from lost_case where status <> 'OPEN' and reason is not null"))
                .isPositive();
        assertThat(count(data, "select count(*) from programme_member")).isPositive();
        assertThat(count(data, "select count(*) from points_entry where kind = 'EARN'")).isPositive();
        assertThat(count(data, "select count(*) from points_entry where kind = 'REDEEM'")).isPositive();
        // Suggestions on the improvement board: five items, one of each status, the delivered one with its customers
        // told (or not, without consent), and a few new suggestions waiting to be grouped.
        long ideas = count(data, "select count(*) from suggestion");
        assertThat(count(data, "select count(distinct status) from improvement_item")).isEqualTo(5);
        assertThat(count(data, "select count(*) from improvement_notice n join improvement_item i on i.id = n.item_id"
                + " where i.status = 'DELIVERED'")).isPositive();
        assertThat(count(data, "select count(*) from suggestion where item_id is null")).isPositive();
        // Product quality complaints name their product, for the Pareto of products.
        assertThat(count(data, "select count(*) from complaint_product p join complaint c on c.id = p.complaint_id"
                + " where c.category = 'PRODUCT_QUALITY'")).isPositive();
        // Happier customers buy more often: promoters (NPS 9-10) bought more times, on average, than detractors.
        String occasions = "select avg(cast(o as double)) from (select r.customer_id, count(*) o from purchase p join"
                + " survey_response r on r.customer_id = p.customer_id join survey_answer a on a.response_id = r.id"
                + " and a.code = 'NPS' where p.kind = 'ORDER' and a.number %s group by r.customer_id) x";
        assertThat(average(data, String.format(occasions, ">= 9")))
                .isGreaterThan(average(data, String.format(occasions, "<= 6")));

        Path log2 = dir.resolve("again.log");
        Process again = start(data, null, log2, "--customers", "300", "--seed", "5", "--no-serve");
        assertThat(again.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out2 = java.nio.file.Files.readString(log2);
        assertThat(again.exitValue()).as(out2).isZero();
        assertThat(out2).contains("purchases purchases.csv: read " + String.format("%,d", lines) + ", imported 0,"
                + " updated 0, unchanged " + String.format("%,d", lines));
        assertThat(out2).doesNotContain("created the administrator");
        assertThat(count(data, "select count(*) from purchase_line")).isEqualTo(lines);
        assertThat(out2).contains("Demo surveys: already loaded").contains("Demo complaints: already loaded")
                .contains("Demo relationships: already loaded").contains("Demo suggestions: already loaded");
        assertThat(count(data, "select count(*) from suggestion")).isEqualTo(ideas);
        assertThat(count(data, "select count(*) from complaint")).isEqualTo(complaints);
        assertThat(count(data, "select count(*) from survey_answer")).isEqualTo(answers);
    }

    private static double average(Path data, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("fidelis") + ";AUTO_SERVER=TRUE",
                "sa", ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theDemoServesTheAppAndPrintsWhereAndHowToSignIn() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process p = start(dir.resolve("served"), port, "--customers", "100");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean running = false;
            boolean login = false;
            while ((line = out.readLine()) != null && !(running && login)) {
                running |= line.contains("Fidelis is running at http://localhost:" + port + "/");
                login |= line.matches("\\s*Sign in as: admin / \\S{12,}.*");
            }
            assertThat(running).isTrue();
            assertThat(login).isTrue();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Fidelis");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
