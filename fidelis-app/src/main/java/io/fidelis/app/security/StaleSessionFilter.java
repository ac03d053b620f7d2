package io.fidelis.app.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a web session whose user has since been disabled or given another role: the session would otherwise keep
 * the access it was opened with until it expired. One indexed lookup per request; the user signs in again.
 */
class StaleSessionFilter extends OncePerRequestFilter {
    private final JdbcClient jdbc;

    StaleSessionFilter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Access(String role, boolean enabled) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Access> now = jdbc.sql("select role, enabled from staff_user where username = ?")
                .param(auth.getName())
                .query((rs, n) -> new Access(rs.getString(1), rs.getBoolean(2))).optional();
        boolean current = now.isPresent() && now.get().enabled() && auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + now.get().role()));
        if (current) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login?expired");
    }
}
