package io.fidelis.app.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses sign-in attempts while {@link LoginThrottle} holds the user name or the address locked: a form sign-in
 * goes back to the login page with a notice, an API call with a password gets 429 with {@code Retry-After}.
 */
class ThrottlingFilter extends OncePerRequestFilter {
    private final LoginThrottle throttle;

    ThrottlingFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = null;
        boolean form = "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
        if (form) {
            username = request.getParameter("username");
        } else {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                            StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    username = colon < 0 ? decoded : decoded.substring(0, colon);
                } catch (IllegalArgumentException e) {
                    username = null;
                }
            } else {
                chain.doFilter(request, response);
                return;
            }
        }
        if (throttle.isLocked(username, request.getRemoteAddr())) {
            if (form) {
                response.sendRedirect(request.getContextPath() + "/login?locked");
            } else {
                response.setStatus(429);
                response.setHeader("Retry-After", "900");
                response.setContentType("application/problem+json");
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                        + "\"detail\":\"too many failed sign-ins; try again later\"}");
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
