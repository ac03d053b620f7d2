package io.fidelis.app.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The server's 503 answers: the database out of reach ({@link DatabaseOutage}), the server busy
 * ({@link OverloadGuard}).
 */
final class Unavailable {
    private Unavailable() {
    }

    /**
     * A 503 answer with {@code Retry-After}: a problem body for the API and for callers that want JSON, a short page
     * in English and Chinese for people.
     */
    static void write(HttpServletRequest request, HttpServletResponse response, int retryAfterSeconds,
                      String detail, String heading, String page, String pageZh) throws IOException {
        response.resetBuffer();
        response.setStatus(503);
        response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        response.setCharacterEncoding("UTF-8");
        String accept = request.getHeader("Accept");
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || (accept != null && accept.contains("json") && !accept.contains("html"));
        if (api) {
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
                    + "\"status\":503,\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType("text/html");
            response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Fidelis · " + heading.toLowerCase(Locale.ROOT) + "</title></head><body><h1>"
                    + heading + "</h1><p>" + page + "</p><p lang=\"zh\">" + pageZh + "</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        response.flushBuffer();
    }

}
