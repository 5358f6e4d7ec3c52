package io.revloop.security;

import io.revloop.RevloopProperties;
import io.revloop.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Who may call what. Every {@code /api/**} call and every page needs a token: as
 * {@code Authorization: Bearer <token>}, or the session a browser gets from {@code /login?token=}.
 * Only {@code /actuator/health} (and its liveness/readiness probes), the sign-in page and the web app's
 * scripts and style sheet ({@code /assets/**}) are public; a browser without a session that asks for
 * a page ({@link Pages}) is sent to the sign-in page.
 *
 * <table>
 *   <tr><th>role</th><th>may</th></tr>
 *   <tr><td>viewer</td><td>every GET except dead letters (the web pages too); /actuator/prometheus</td></tr>
 *   <tr><td>operator</td><td>+ POST /api/syncs, POST /api/kpis/compute, GET /api/dead-letters</td></tr>
 *   <tr><td>admin</td><td>everything: + POST /api/sources/{name}/test, and what later features add</td></tr>
 * </table>
 *
 * A new endpoint is admin-only until a rule here names a lower role.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String VIEWER = Role.VIEWER.name();
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, JsonSecurityErrors errors,
                            RevloopProperties properties, CsrfTokenRepository csrfTokens) throws Exception {
        http
                .addFilterBefore(new SameOriginFilter(properties.publicUrl(), errors), SecurityContextHolderFilter.class)
                .addFilterAfter(new BearerTokenFilter(tokens, errors), SecurityContextHolderFilter.class)
                .addFilterBefore(new AuditLog.Caller(), CsrfFilter.class)
                .securityContext(context -> context.securityContextRepository(new HttpSessionSecurityContextRepository()))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::madeWithTheSessionCookie))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/assets/**").permitAll()
                        .requestMatchers(HttpMethod.GET, Pages.PATHS.toArray(String[]::new)).hasRole(VIEWER)
                        .requestMatchers(HttpMethod.GET, "/pages/**").hasRole(VIEWER)
                        .requestMatchers(HttpMethod.GET, "/api/dead-letters", "/api/dead-letters/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/syncs", "/api/kpis/compute").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/sources/*/test").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(VIEWER)
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole(VIEWER)
                        .anyRequest().hasRole(ADMIN));
        return http.build();
    }

    /**
     * CSRF matters where the browser adds credentials by itself: state-changing requests made with a
     * session cookie, and the sign-in form (so nobody signs a browser in as someone else). Bearer
     * calls carry their credential explicitly; requests without either are refused as unauthenticated.
     */
    static boolean madeWithTheSessionCookie(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || BearerTokenFilter.hasBearerToken(request)) {
            return false;
        }
        return request.getRequestedSessionId() != null
                || "/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** The CSRF token travels in the XSRF-TOKEN cookie, readable by the hub's own page scripts. */
    @Bean
    CsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return csrfTokens;
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN).implies(OPERATOR)
                .role(OPERATOR).implies(VIEWER)
                .build();
    }

    /** No user accounts: tokens are the only credentials (this also keeps Spring Boot from making a default user). */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    /** The audit line is written around the whole security chain, so refused calls are recorded too. */
    @Bean
    FilterRegistrationBean<AuditLog> auditLog() {
        FilterRegistrationBean<AuditLog> registration = new FilterRegistrationBean<>(new AuditLog());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
