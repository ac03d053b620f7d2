package io.fidelis.app.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Deny by default. The REST API ({@code /api/v1/**}) and the Prometheus scrape endpoint are stateless, with HTTP
 * basic authentication, so they carry no session cookie and need no CSRF token; the web pages use form login with sessions and CSRF protection.
 * Row-level rules (an account manager sees only their own customers) are applied in the queries.
 */
@Configuration
@EnableMethodSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    UserDetailsService staffUsers(JdbcClient jdbc) {
        return username -> jdbc.sql("select username, password_hash, role, enabled from staff_user"
                        + " where username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2) == null ? "{disabled}" : rs.getString(2))
                        .authorities(AuthorityUtils.createAuthorityList("ROLE_" + rs.getString(3)))
                        .disabled(!rs.getBoolean(4) || rs.getString(2) == null)
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/v1/**", "/actuator/prometheus")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/prometheus").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/imports/**").hasAnyRole("ADMIN", "MANAGER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/**")
                        .hasAnyRole("ADMIN", "MANAGER", "ACCOUNT_MANAGER", "AGENT", "ANALYST")
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers", "/api/v1/customers/*/purchases")
                        .hasAnyRole("ADMIN", "MANAGER", "ACCOUNT_MANAGER")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/customers/*")
                        .hasAnyRole("ADMIN", "MANAGER", "ACCOUNT_MANAGER")
                        .anyRequest().denyAll())
                .httpBasic(basic -> { })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/", "/api/docs", "/api/docs/**", "/swagger-ui/**").authenticated()
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }
}
