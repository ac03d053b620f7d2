package io.fidelis.load;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load needs from the running server, taken the way a user would: signs in as the admin, creates an API
 * token on the settings page, opens a kiosk link on an open survey (and reads its questions off the public page),
 * and lists customers and the products they buy through the API. Nothing here touches the database directly.
 *
 * @param token     an admin API token (Bearer) for the API calls and the metrics
 * @param session   the admin's signed-in session cookie ({@code name=value}) for the Customer 360 pages
 * @param kiosk     the survey's kiosk token ({@code /s/{kiosk}})
 * @param questions the survey's questions: code to the values offered (empty for free text)
 * @param customers customer ids to read, buy and complain
 * @param skus      products the customers bought
 */
record Setup(String token, String session, String kiosk, Map<String, List<String>> questions, List<String> customers,
             List<String> skus) {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    static Setup take(String base, String username, String password, int customerCount) {
        try {
            return new Taker(base).take(username, password, customerCount);
        } catch (IOException e) {
            throw new IllegalStateException("setting up the load against " + base + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Taker {
        private final String base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client;
        /** API calls carry the token alone, as an API client does: no session cookie. */
        private final HttpClient apiClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        Taker(String base) {
            this.base = base;
            this.client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }

        Setup take(String username, String password, int customerCount) throws IOException, InterruptedException {
            String login = get("/login");
            HttpResponse<String> signedIn = post("/login", Map.of("username", username, "password", password,
                    "_csrf", csrf(login)));
            if (signedIn.uri().getPath().startsWith("/login")) {
                throw new IOException("could not sign in as " + username + " (wrong password?)");
            }
            String session = cookies.getCookieStore().get(URI.create(base)).stream()
                    .filter(c -> c.getName().equals("JSESSIONID")).findFirst()
                    .map(c -> c.getName() + "=" + c.getValue())
                    .orElseThrow(() -> new IOException("no session cookie after signing in"));

            String tokens = get("/settings/tokens");
            String issued = post("/settings/tokens", Map.of("name", "load test " + System.currentTimeMillis(),
                    "_csrf", csrf(tokens))).body();
            String token = find(issued, "id=\"issued-token\">(fid_[^<]+)<", "the new API token");

            String kiosk = null;
            Map<String, List<String>> questions = Map.of();
            String surveys = get("/surveys");
            Set<String> ids = new LinkedHashSet<>();
            Matcher m = Pattern.compile("href=\"/surveys/(\\d+)\"").matcher(surveys);
            while (m.find()) {
                ids.add(m.group(1));
            }
            for (String id : ids) {
                String page = get("/surveys/" + id);
                Matcher form = Pattern.compile("action=\"/surveys/" + id + "/kiosk\"[^>]*>\\s*<input type=\"hidden\""
                        + " name=\"_csrf\" value=\"([^\"]+)\"/?>\\s*<input type=\"hidden\" name=\"version\""
                        + " value=\"(\\d+)\"").matcher(page);
                if (!form.find()) {
                    continue;
                }
                String after = post("/surveys/" + id + "/kiosk", Map.of("_csrf", form.group(1), "version",
                        form.group(2))).body();
                Matcher link = Pattern.compile("id=\"kiosk-link\">[^<]*/s/([A-Za-z0-9_-]+)<").matcher(after);
                if (!link.find()) {
                    continue;
                }
                HttpResponse<String> pub = send(HttpRequest.newBuilder(URI.create(base + "/s/" + link.group(1)))
                        .GET().build());
                Map<String, List<String>> q = questions(pub.body());
                if (pub.statusCode() == 200 && !q.isEmpty() && q.values().stream().anyMatch(v -> !v.isEmpty())) {
                    kiosk = link.group(1);
                    questions = q;
                    break;
                }
            }
            if (kiosk == null) {
                throw new IOException("no open survey with questions to answer (load the demo first)");
            }

            List<String> customers = new ArrayList<>();
            for (int page = 0; customers.size() < customerCount; page++) {
                String json = api(token, "/api/v1/customers?sort=externalId&size=200&page=" + page);
                Matcher c = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
                int before = customers.size();
                while (c.find() && customers.size() < customerCount) {
                    customers.add(c.group(1));
                }
                if (customers.size() == before) {
                    break;
                }
            }
            Set<String> skus = new LinkedHashSet<>();
            for (int i = 0; i < customers.size() && skus.size() < 50 && i < 200; i++) {
                Matcher s = Pattern.compile("\"sku\":\"([^\"]+)\"")
                        .matcher(api(token, "/api/v1/customers/" + encode(customers.get(i)) + "/purchases?size=20"));
                while (s.find()) {
                    skus.add(s.group(1));
                }
            }
            if (customers.isEmpty() || skus.isEmpty()) {
                throw new IOException("no customers or products in the database (load the demo first)");
            }
            HttpResponse<String> page = apiClient.send(HttpRequest.newBuilder(URI.create(base + "/customers/"
                    + encode(customers.get(0)))).header("Cookie", session).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (page.statusCode() != 200) {
                throw new IOException("the signed-in session does not open a Customer 360 page: " + page.statusCode());
            }
            return new Setup(token, session, kiosk, questions, List.copyOf(customers), List.copyOf(skus));
        }

        /** The question inputs of the public survey form: {@code q_CODE} names with their offered values. */
        private static Map<String, List<String>> questions(String html) {
            Map<String, List<String>> q = new LinkedHashMap<>();
            Matcher input = Pattern.compile("<(input|textarea)([^>]*)>").matcher(html);
            while (input.find()) {
                String attrs = input.group(2);
                Matcher name = Pattern.compile("name=\"q_([^\"]+)\"").matcher(attrs);
                if (!name.find()) {
                    continue;
                }
                List<String> values = q.computeIfAbsent(name.group(1), k -> new ArrayList<>());
                Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(attrs);
                if (input.group(1).equals("input") && value.find()) {
                    values.add(value.group(1));
                }
            }
            return q;
        }

        private String api(String token, String path) throws IOException, InterruptedException {
            HttpResponse<String> r = apiClient.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        private String get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        }

        private HttpResponse<String> post(String path, Map<String, String> form)
                throws IOException, InterruptedException {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(encode(k)).append('=')
                    .append(encode(v)));
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            if (r.statusCode() != 200) {
                throw new IOException("POST " + path + " answered " + r.statusCode());
            }
            return r;
        }

        private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static String csrf(String html) throws IOException {
        return find(html, CSRF.pattern(), "a CSRF token");
    }

    private static String find(String html, String regex, String what) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new IOException("no " + what + " on the page");
        }
        return m.group(1);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
