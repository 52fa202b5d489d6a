package dev.demoportal.identity.ui;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.demoportal.base.api.Problems;
import dev.demoportal.operations.ManagementPort;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Two doors, one user model. The API ({@code /api/**}) takes bearer tokens (API tokens, access
 * tokens of the configured issuer, trusted CI identities' tokens: {@link BearerAuthentication}), or
 * the browser's session, and answers 401/403 as problem details. Everything
 * else is the Vaadin UI behind OIDC sign-in. Which IdP is configured only through properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** The registration id under {@code spring.security.oauth2.client.registration}. */
    static final String REGISTRATION = "portal";

    /**
     * Calendar feeds: calendar clients fetch them without a session; the secret token in the URL is
     * the credential, checked by CalendarService (404 for anything unknown). No session is made.
     */
    @Bean
    @Order(0)
    SecurityFilterChain calendarFeeds(HttpSecurity http) {
        return http.securityMatcher("/calendar/**")
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers(org.springframework.http.HttpMethod.GET, "/calendar/*.ics")
                                .permitAll()
                                .anyRequest()
                                .denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The Slack app's requests: no session and no CSRF token (Slack sends neither); the controller
     * trusts a request only if Slack's signature over its body checks out (401 otherwise).
     */
    @Bean
    @Order(0)
    SecurityFilterChain slackRequests(HttpSecurity http) {
        return http.securityMatcher("/integrations/slack/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                org.springframework.http.HttpMethod.POST,
                                "/integrations/slack/commands",
                                "/integrations/slack/interactions")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, BearerAuthentication bearer, Problems problems) {
        AuthenticationManager bearerManager = bearer.manager();
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.authenticationManagerResolver(request -> bearerManager)
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(problems::unauthorized).accessDeniedHandler(problems::forbidden))
                // Bearer calls carry no ambient credentials, so CSRF cannot apply to them;
                // browser-session calls keep CSRF protection.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> {
                    String auth = request.getHeader("Authorization");
                    return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7);
                }))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, PortalIdentityMapping identities, ManagementPort management) {
        http.authorizeHttpRequests(auth -> auth
                // the portal's own error page (ErrorPages), whoever the error happened to
                .dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/info",
                        "/livez",
                        "/readyz",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        // static chart library (ECharts WebJar); no data
                        "/webjars/**")
                .permitAll()
                // Prometheus scrapes the management port, which the ingress never exposes
                .requestMatchers(request -> management.received(request.getLocalPort())
                        && "/actuator/prometheus".equals(request.getRequestURI()))
                .permitAll()
                // every other actuator endpoint stays closed on the port people use
                .requestMatchers("/actuator/**")
                .denyAll());
        http.oauth2Login(login -> login.userInfoEndpoint(userInfo -> userInfo.oidcUserService(identities))
                .failureHandler(signInFailure()));
        http.with(
                VaadinSecurityConfigurer.vaadin(),
                vaadin -> vaadin.oauth2LoginPage("/oauth2/authorization/" + REGISTRATION, "{baseUrl}/")
                        // Vaadin denies an address that is no view outright (an empty 403, the browser's own
                        // error page); signed in, it goes to the router instead, which shows the portal's
                        // not-found page. Signed out, it leads to sign-in. Views keep their own access rules.
                        .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated));
        return http.build();
    }

    /** Refused sign-ins land on a page that says why (by code, never by echoing text from the URL). */
    private static AuthenticationFailureHandler signInFailure() {
        return (request, response, exception) -> {
            String code = exception instanceof OAuth2AuthenticationException oauth
                    ? oauth.getError().getErrorCode()
                    : "identity.failed";
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader(
                    "Location",
                    request.getContextPath() + "/" + SignInProblemView.ROUTE + "?code="
                            + URLEncoder.encode(code, StandardCharsets.UTF_8));
        };
    }
}
