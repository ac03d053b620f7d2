package io.fidelis.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small real-HTTP client for tests: JSON in, status and body out, with basic authentication. */
public final class Http {
    private final HttpClient client;
    private final String base;
    private final String authorization;
    private String acceptLanguage;

    private Http(String base, String authorization, HttpClient client) {
        this.base = base;
        this.authorization = authorization;
        this.client = client;
    }

    public static Http at(int port) {
        return new Http("http://localhost:" + port, null,
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public Http as(String user, String password) {
        return new Http(base, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)), client);
    }

    /** The same client with an API token ({@code Authorization: Bearer}). */
    public Http bearer(String token) {
        return new Http(base, "Bearer " + token, client);
    }

    /** Asks for pages in this language from now on ({@code Accept-Language}). */
    public Http language(String tag) {
        this.acceptLanguage = tag;
        return this;
    }

    /** A browser-like session that has not signed in: cookies kept, redirects not followed. */
    public static Http browser(int port) {
        return new Http("http://localhost:" + port, null, HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** Signs this browser session in through the login form; returns the response to the form post. */
    public HttpResponse<String> signIn(String user, String password) {
        String token = csrfFrom(get("/login").body());
        return postForm("/login", "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + token);
    }

    /** A page as a browser asks for it. */
    public HttpResponse<String> page(String path) {
        return send(builder(path).setHeader("Accept", "text/html,application/xhtml+xml").GET());
    }

    /** The CSRF token of the session, read from a workspace page (for a visitor who is not signed in: the login page). */
    public String csrfToken() {
        HttpResponse<String> settings = page("/settings");
        return csrfFrom(settings.statusCode() == 200 ? settings.body() : get("/login").body());
    }

    /** Any method, with a body of the given content type (or none). */
    public HttpResponse<String> request(String method, String path, String contentType, String body,
                                        String... headers) {
        HttpRequest.Builder b = builder(path);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method with a body of bytes (a multipart upload). */
    public HttpResponse<String> requestBytes(String method, String path, String contentType, byte[] body) {
        return send(builder(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The CSRF token of a form on a page (the public survey page, for instance). */
    public static String csrfOf(String page) {
        return csrfFrom(page);
    }

    static String csrfFrom(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?:name=\"_csrf\" value|name=\"csrf-token\" content)=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }

    /** A browser-like session: cookies kept, signed in through the login form with its CSRF token. */
    public static Http signedIn(int port, String user, String password) {
        Http http = new Http("http://localhost:" + port, null, HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build());
        String page = http.get("/login").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        HttpResponse<String> r = http.send(http.builder("/login").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("username="
                + user + "&password=" + password + "&_csrf=" + m.group(1))));
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.headers().map());
        }
        return http;
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpResponse<String> get(String path) {
        return send(builder(path).GET());
    }

    /** A GET accepting any content type (metrics, pages). */
    public HttpResponse<String> getAny(String path) {
        return send(builder(path).setHeader("Accept", "*/*").GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postMultipart(String path, String fileName, byte[] content, String... fields) {
        String boundary = "----fidelis" + System.nanoTime();
        StringBuilder head = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(fields[i]).append("\"\r\n\r\n").append(fields[i + 1]).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: text/csv\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + content.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(content, 0, body, start.length, content.length);
        System.arraycopy(end, 0, body, start.length + content.length, end.length);
        return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept",
                "application/json, application/problem+json");
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
