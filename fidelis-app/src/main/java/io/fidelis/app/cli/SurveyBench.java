package io.fidelis.app.cli;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fidelis.app.survey.Survey;
import io.fidelis.app.survey.SurveyManagement;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Survey answers through the public page, sustained: several visitors at once each open the kiosk page (a session
 * and its CSRF token) and send a filled-in relationship-NPS form, as a phone would. Reports answers per second over
 * the whole run and the latency of the submissions; the baseline is the public page alone (GET), in the same run.
 * The per-address rate limit is lifted for the run, since every visitor here comes from one address.
 */
@Command(name = "surveys", mixinStandardHelpOptions = true,
        description = {"Survey answers per second through the public page (issue target: 100 a second sustained),",
                "on H2 (default) or embedded PostgreSQL."})
class SurveyBench implements Callable<Integer> {
    @Option(names = "--answers", defaultValue = "3000", description = "Answers to send (default ${DEFAULT-VALUE}).")
    int answers;

    @Option(names = "--visitors", defaultValue = "4", description = "Visitors at once (default ${DEFAULT-VALUE}).")
    int visitors;

    @Option(names = "--db", defaultValue = "h2", description = "h2 or postgres (default ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--dir", description = "Working directory (default: a new temporary directory).")
    Path dir;

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("fidelis-survey-bench-");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", "0");
        props.put("fidelis.data-dir", work.toString());
        props.put("fidelis.security.admin-password", "bench-admin-" + Long.toHexString(System.nanoTime()));
        props.put("fidelis.security.public-form.per-minute", "1000000");
        props.put("logging.level.root", "warn");
        EmbeddedPostgres postgres = null;
        if (db.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().start();
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "postgres");
        } else if (db.equals("h2")) {
            props.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("bench"));
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
        } else {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--db: h2 or postgres");
        }
        System.out.printf("Java %s, %d cores, %s, %d visitors%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), db, visitors);
        try (ConfigurableApplicationContext context = Contexts.start(true, props)) {
            SurveyManagement surveys = context.getBean(SurveyManagement.class);
            long id = surveys.create("relationship-nps");
            surveys.open(id, surveys.get(id).version());
            Survey s = surveys.get(id);
            String token = surveys.newPublicLink(id, s.version());
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://localhost:" + port + "/s/" + token;
            // Warm-up (pages and answers), then the baseline (the page alone), then the timed answers.
            run(base, Math.min(500, answers), false);
            run(base, Math.min(300, answers), true);
            double[] page = run(base, answers, false);
            long t0 = System.nanoTime();
            double[] sent = run(base, answers, true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Arrays.sort(page);
            Arrays.sort(sent);
            System.out.printf("%n%-40s %10s %8s %8s %8s%n", "case", "per second", "p50 ms", "p95 ms", "p99 ms");
            System.out.printf("%-40s %10s %8.1f %8.1f %8.1f%n", "baseline: the public page (GET)", "",
                    pct(page, 50), pct(page, 95), pct(page, 99));
            System.out.printf("%-40s %10.0f %8.1f %8.1f %8.1f%n", "answer: page, submission, thank-you",
                    answers / seconds, pct(sent, 50), pct(sent, 95), pct(sent, 99));
            System.out.printf("%,d answers recorded in %.1f s; ratio of the p50s (answer / page) %.2f%n",
                    surveys.list().get(0).responses(), seconds, pct(sent, 50) / pct(page, 50));
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        return 0;
    }

    /** Each visitor a session of its own; the time of each page (and submission) in ms. */
    private double[] run(String url, int count, boolean submit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(visitors);
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int v = 0; v < visitors; v++) {
                int share = count / visitors + (v < count % visitors ? 1 : 0);
                int seed = v;
                parts.add(pool.submit(() -> visitor(url, share, submit, seed)));
            }
            double[] all = new double[count];
            int k = 0;
            for (Future<double[]> f : parts) {
                for (double ms : f.get()) {
                    all[k++] = ms;
                }
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static double[] visitor(String url, int count, boolean submit, int seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            // A new visitor (cookies and all) each time, as each phone is.
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            long t0 = System.nanoTime();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("the page answered " + page.statusCode());
            }
            if (submit) {
                Matcher m = CSRF.matcher(page.body());
                if (!m.find()) {
                    throw new IllegalStateException("no CSRF token on the public page");
                }
                String form = "q_NPS=" + random.nextInt(11) + "&q_NPS_REASON=Fine&_csrf=" + m.group(1);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "?lang=en"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 302) {
                    throw new IllegalStateException("the answer was not taken: " + r.statusCode());
                }
                // The browser follows on to the thank-you page.
                HttpResponse<String> thanks = http.send(HttpRequest.newBuilder(URI.create(url + "?done&lang=en"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (!thanks.body().contains("Thank you!")) {
                    throw new IllegalStateException("no thank-you page: " + thanks.statusCode());
                }
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
