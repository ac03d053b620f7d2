package io.fidelis.app.security;

import io.fidelis.app.staff.ApiTokens;
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
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call what. Deny by default: every path not named here is refused to everyone, so a new endpoint stays
 * closed until it gets a rule (and the authorization matrix test fails until it is listed there too).
 * <p>
 * The REST API ({@code /api/v1/**}) and the Prometheus scrape endpoint are stateless: a personal API token
 * ({@code Authorization: Bearer fid_…}) or HTTP basic, no session cookie, so no CSRF token. The web pages use form
 * login with sessions and CSRF protection. Row-level rules (an account manager sees only their own customers) are
 * applied in the queries of each capability.
 */
@Configuration
@EnableMethodSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    static final String[] ALL = {"ADMIN", "MANAGER", "ACCOUNT_MANAGER", "AGENT", "ANALYST"};
    /** May read analytics, lists and exports (an account manager only of their own customers). */
    static final String[] ANALYTICS = {"ADMIN", "MANAGER", "ACCOUNT_MANAGER", "ANALYST"};
    /** May change customers and record purchases (an account manager only their own). */
    static final String[] CUSTOMER_EDITORS = {"ADMIN", "MANAGER", "ACCOUNT_MANAGER"};
    /** May read surveys and their results. */
    static final String[] SURVEY_READERS = {"ADMIN", "MANAGER", "ANALYST"};
    /** May create, change, open and close surveys and invite to them. */
    static final String[] SURVEY_EDITORS = {"ADMIN", "MANAGER"};
    /** Call customers back (an account manager only their own customers). */
    static final String[] FOLLOW_UP = {"ADMIN", "MANAGER", "ACCOUNT_MANAGER"};
    /** Handle complaints: file, move through their states, write, assign (an account manager: their customers'). */
    static final String[] COMPLAINT_HANDLERS = {"ADMIN", "MANAGER", "ACCOUNT_MANAGER", "AGENT"};
    /** Complaint analytics over every customer: not account managers, who see their own customers only. */
    static final String[] COMPLAINT_ANALYSTS = {"ADMIN", "MANAGER", "AGENT", "ANALYST"};
    /** Set up complaint handling: the category tree. */
    static final String[] COMPLAINT_SETTERS = {"ADMIN", "MANAGER"};
    /** Data subject requests: export everything held about a customer, and erase it. */
    static final String[] PRIVACY_OFFICERS = {"ADMIN", "MANAGER"};
    /**
     * Retention economics (the what-if): a budget decision on a model of the whole customer base, for the owner
     * (admin), managers and analysts; not account managers or agents.
     */
    static final String[] RETENTION_PLANNERS = {"ADMIN", "MANAGER", "ANALYST"};
    /** May import files. */
    static final String[] IMPORTERS = {"ADMIN", "MANAGER"};

    /** Staff users with a password, for the password check inside {@link ThrottledAuthentication}. */
    static UserDetailsService staffUsers(JdbcClient jdbc) {
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

    /**
     * No Micrometer observations of each security filter, authentication and authorization: they were a tenth of
     * a request's CPU under load, and no one reads them (requests are still timed as http.server.requests).
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    ThrottledAuthentication throttledAuthentication(JdbcClient jdbc,
                                                    org.springframework.security.crypto.password.PasswordEncoder encoder,
                                                    LoginThrottle throttle) {
        return new ThrottledAuthentication(staffUsers(jdbc), encoder, throttle);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/api/v1/**", "/actuator/prometheus")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/prometheus").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/imports/*").hasAnyRole(IMPORTERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers.csv").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers", "/api/v1/customers/*",
                                "/api/v1/customers/*/purchases", "/api/v1/customers/*/summary",
                                "/api/v1/customers/*/loyalty").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.GET, "/api/v1/loyalty").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/whatif").hasAnyRole(RETENTION_PLANNERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/personal-data")
                        .hasAnyRole(PRIVACY_OFFICERS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/erasure").hasAnyRole(PRIVACY_OFFICERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/consents").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/customers/*/consents/*").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/consents/EMAIL/confirmation-request")
                        .hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/complaints/*").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.POST, "/api/v1/complaints", "/api/v1/complaints/*/steps")
                        .hasAnyRole(COMPLAINT_HANDLERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/programme").hasAnyRole(SURVEY_READERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/programme",
                                "/api/v1/customers/*/programme/gifts").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/programme/gifts/*/hand-over")
                        .hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/programme",
                                "/api/v1/customers/*/programme/redemptions").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/referrals").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/referrals").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/contacts").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/contacts").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/my-day").hasAnyRole(FOLLOW_UP)
                        .requestMatchers(HttpMethod.GET, "/api/v1/improvements", "/api/v1/improvements/*")
                        .hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/improvements/*/moves").hasAnyRole(COMPLAINT_SETTERS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/suggestions").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/lost-cases", "/api/v1/lost-cases/*")
                        .hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/lost-cases/*").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/subscriptions").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.GET, "/api/v1/subscriptions/churn-model").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/orders/*/delivery").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/orders/*/delivery").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers", "/api/v1/customers/*/purchases")
                        .hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/customers/*").hasAnyRole(CUSTOMER_EDITORS)
                        .anyRequest().denyAll())
                .addFilterBefore(new ThrottlingFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(new DatabaseAwareBasicEntryPoint()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    /**
     * A survey answer posted without a valid CSRF token (the form was kept open past its session) goes back to the
     * form with a kind word; every other denial is the usual 403.
     */
    private static org.springframework.security.web.access.AccessDeniedHandler publicSurveyKindly() {
        var standard = new org.springframework.security.web.access.AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            if ("POST".equals(request.getMethod()) && request.getRequestURI().matches("/s/[A-Za-z0-9_-]{1,64}")) {
                response.sendRedirect(request.getRequestURI() + "?expired");
            } else {
                standard.handle(request, response, denied);
            }
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, LoginThrottle throttle, JdbcClient jdbc) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/login", "/css/**", "/js/**", "/webjars/**",
                                "/favicon.ico").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.GET, "/dashboard/**").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/supply").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/subscriptions/churn").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/whatif").hasAnyRole(RETENTION_PLANNERS)
                        .requestMatchers(HttpMethod.GET, "/customers.csv", "/loyalty").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.GET, "/customers/*/personal-data.json",
                                "/customers/*/personal-data.csv").hasAnyRole(PRIVACY_OFFICERS)
                        .requestMatchers(HttpMethod.POST, "/customers/*/erase").hasAnyRole(PRIVACY_OFFICERS)
                        .requestMatchers(HttpMethod.POST, "/customers/*/consents",
                                "/customers/*/consents/confirmation-request").hasAnyRole(CUSTOMER_EDITORS)
                        // The customer's double opt-in page: no login, confirmed by a POST with CSRF.
                        .requestMatchers(HttpMethod.GET, "/consent/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/consent/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/customers", "/customers/*").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.GET, "/customers/*/edit").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers(HttpMethod.POST, "/customers/*").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers("/imports", "/imports/**").hasAnyRole(IMPORTERS)
                        // The public complaint form and tracking page: no login, CSRF-protected, rate-limited.
                        .requestMatchers(HttpMethod.GET, "/complain", "/complain/track/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/complain", "/complain/track/*").permitAll()
                        // Lost customers: the reasons taxonomy for admins and managers; cases for those who see
                        // customers (an account manager their own), changed by those who edit customers.
                        // The loyalty programme: the member's card (tokenised, no login); the overview; changes.
                        .requestMatchers(HttpMethod.GET, "/card/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/programme").hasAnyRole(SURVEY_READERS)
                        .requestMatchers(HttpMethod.POST, "/programme/rewards").hasAnyRole(COMPLAINT_SETTERS)
                        .requestMatchers(HttpMethod.POST, "/customers/*/programme/tier").hasAnyRole(COMPLAINT_SETTERS)
                        .requestMatchers(HttpMethod.POST, "/customers/*/programme/enrol", "/customers/*/programme/card",
                                "/customers/*/programme/redeem", "/customers/*/programme/gifts/*/hand-over")
                        .hasAnyRole(CUSTOMER_EDITORS)
                        // Referrals: the public join page of a referral link; the analytics and chains.
                        .requestMatchers(HttpMethod.GET, "/join/*", "/join/*/thanks").permitAll()
                        .requestMatchers(HttpMethod.POST, "/join/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/referrals", "/referrals/*").hasAnyRole(ANALYTICS)
                        // Account managers' day: their tasks, contacts and coverage.
                        .requestMatchers(HttpMethod.GET, "/my-day").hasAnyRole(FOLLOW_UP)
                        .requestMatchers(HttpMethod.POST, "/tasks/*/done").hasAnyRole(FOLLOW_UP)
                        .requestMatchers(HttpMethod.POST, "/customers/*/contacts").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers("/lost/reasons", "/lost/reasons/*").hasAnyRole(COMPLAINT_SETTERS)
                        .requestMatchers(HttpMethod.GET, "/lost", "/lost/*").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.POST, "/lost/*").hasAnyRole(CUSTOMER_EDITORS)
                        .requestMatchers("/complaints/categories", "/complaints/categories/*")
                        .hasAnyRole(COMPLAINT_SETTERS)
                        .requestMatchers(HttpMethod.GET, "/complaints/new").hasAnyRole(COMPLAINT_HANDLERS)
                        .requestMatchers(HttpMethod.GET, "/complaints/analytics").hasAnyRole(COMPLAINT_ANALYSTS)
                        .requestMatchers(HttpMethod.GET, "/complaints/database", "/complaints.csv").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.GET, "/complaints", "/complaints/*",
                                "/complaints/*/attachments/*").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.POST, "/complaints", "/complaints/*/act", "/complaints/*/classify",
                                "/complaints/*/assign", "/complaints/*/recovery", "/complaints/*/attachments")
                        .hasAnyRole(COMPLAINT_HANDLERS)
                        // Suggestions and the improvement backlog: the public page; staff turn what customers said into
                        // suggestions; managers group them and move the items (account managers see their own
                        // customers among those behind an item).
                        .requestMatchers(HttpMethod.GET, "/suggest", "/suggest/thanks").permitAll()
                        .requestMatchers(HttpMethod.POST, "/suggest").permitAll()
                        .requestMatchers(HttpMethod.GET, "/improvements", "/improvements/*").hasAnyRole(ANALYTICS)
                        .requestMatchers(HttpMethod.POST, "/improvements", "/improvements/group", "/improvements/*",
                                "/improvements/*/move", "/suggestions/*/move").hasAnyRole(COMPLAINT_SETTERS)
                        .requestMatchers(HttpMethod.POST, "/suggestions/from-complaint").hasAnyRole(COMPLAINT_HANDLERS)
                        .requestMatchers(HttpMethod.POST, "/suggestions/from-answer").hasAnyRole(SURVEY_READERS)
                        .requestMatchers(HttpMethod.POST, "/suggestions/from-contact", "/customers/*/suggestions")
                        .hasAnyRole(CUSTOMER_EDITORS)
                        // The public survey page: no login, CSRF-protected, rate-limited in the application.
                        .requestMatchers(HttpMethod.GET, "/s/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/s/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/surveys", "/surveys/*", "/surveys/*/results",
                                "/surveys/*/responses.csv", "/satisfaction").hasAnyRole(SURVEY_READERS)
                        .requestMatchers(HttpMethod.POST, "/surveys", "/surveys/**").hasAnyRole(SURVEY_EDITORS)
                        .requestMatchers(HttpMethod.GET, "/follow-ups").hasAnyRole(FOLLOW_UP)
                        .requestMatchers(HttpMethod.POST, "/follow-ups/*/close").hasAnyRole(FOLLOW_UP)
                        .requestMatchers("/settings/users", "/settings/users/**", "/settings/audit",
                                "/settings/audit/**", "/settings/webhooks", "/settings/webhooks/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/settings", "/settings/tokens").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.POST, "/settings/language", "/settings/tokens",
                                "/settings/tokens/*/revoke").hasAnyRole(ALL)
                        .requestMatchers(HttpMethod.GET, "/api/docs", "/api/docs/**", "/swagger-ui/**")
                        .hasAnyRole(ALL)
                        .anyRequest().denyAll())
                .addFilterBefore(new ThrottlingFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/", false)
                        .failureHandler(new org.springframework.security.web.authentication
                                .ExceptionMappingAuthenticationFailureHandler() {
                            {
                                setDefaultFailureUrl("/login?error");
                                setExceptionMappings(java.util.Map.of(
                                        org.springframework.security.authentication.LockedException.class.getName(),
                                        "/login?locked"));
                            }
                        }))
                .addFilterBefore(new StaleSessionFilter(jdbc),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                // The public survey page: a form kept open past its session (no valid CSRF token) comes back to the
                // form with a kind word instead of a bare 403.
                .exceptionHandling(e -> e.accessDeniedHandler(publicSurveyKindly()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny())
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    /**
     * HTTP basic's answer to a failed sign-in: 401 as usual, but 503 when the password could not be checked because
     * the database is out of reach (a caller must not take that for a wrong password).
     */
    static final class DatabaseAwareBasicEntryPoint implements org.springframework.security.web.AuthenticationEntryPoint {
        private final org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint basic =
                new org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint();

        DatabaseAwareBasicEntryPoint() {
            basic.setRealmName("Fidelis");
        }

        @Override
        public void commence(jakarta.servlet.http.HttpServletRequest request,
                             jakarta.servlet.http.HttpServletResponse response,
                             org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
            if (io.fidelis.app.web.DatabaseOutage.isOutage(e)) {
                io.fidelis.app.web.DatabaseOutage.answer(request, response);
                return;
            }
            basic.commence(request, response, e);
        }
    }
}
