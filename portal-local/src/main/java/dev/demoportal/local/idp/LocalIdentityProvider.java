package dev.demoportal.local.idp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server with the demo users, in an application context of its own (its own
 * port, session cookie and security), so the portal cannot tell it from a company IdP.
 *
 * <p>Clients: {@code portal} (confidential, authorization code; its secret is generated at start
 * and handed to the portal in memory, never written down) and {@code portal-cli} (public, for
 * scripts and pipelines: authorization code with PKCE on a loopback redirect with any port, per
 * RFC 8252, and the device authorization grant).
 */
// Not a @Configuration: the portal's component scan covers this package, and this class must only
// ever be the source of the provider's own context (start()). Its @Bean methods are plain factories.
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    ErrorMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
})
public class LocalIdentityProvider {

    /** Client id of the portal's own (confidential) registration. */
    public static final String PORTAL_CLIENT_ID = "portal";

    /** Client id for scripts and pipelines (public; PKCE or device code). */
    public static final String CLI_CLIENT_ID = "portal-cli";

    /**
     * The portal API's audience: in access tokens only. ID tokens name the client they were issued
     * to, so the API, which accepts this audience alone, never takes an ID token.
     */
    public static final String API_AUDIENCE = "demo-portal-api";

    /** The {@code typ} header of access tokens (RFC 9068); ID tokens have none. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";

    /** The running provider: its issuer URL and the portal client's secret, which lives only in memory. */
    public record Running(ConfigurableApplicationContext context, String issuer, String portalClientSecret)
            implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Starts the provider.
     *
     * @param port the port to listen on, 0 for any free one
     * @param portalBaseUrls where the portal is reached (redirect and post-logout URIs are derived)
     */
    public static Running start(int port, List<String> portalBaseUrls) {
        String secret = UUID.randomUUID().toString() + UUID.randomUUID();
        // These win over system properties and environment variables (SERVER_PORT, ...) meant for the portal.
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "localIdentityProvider",
                        Map.of(
                                // its own config name, so the portal's application.yml is not read here
                                "spring.config.name",
                                "local-idp",
                                "server.port",
                                String.valueOf(port),
                                // localhost cookies ignore the port: a distinct name keeps the two sessions apart
                                "server.servlet.session.cookie.name",
                                "DEMO_PORTAL_IDP_SESSION",
                                "spring.main.cloud-platform",
                                "none",
                                "local-idp.portal-base-urls",
                                String.join(",", portalBaseUrls),
                                "local-idp.portal-client-secret",
                                secret)));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LocalIdentityProvider.class)
                .web(WebApplicationType.SERVLET)
                .environment(environment)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(true)
                .run();
        int actualPort =
                Integer.parseInt(context.getEnvironment().getProperty("local.server.port", String.valueOf(port)));
        return new Running(context, "http://localhost:" + actualPort, secret);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(
            HttpSecurity http, RegisteredClientRepository clients, AuthorizationServerSettings settings) {
        return http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                    // the device flow is opt-in; portal-cli uses it from machines without a browser
                    server.deviceAuthorizationEndpoint(Customizer.withDefaults());
                    server.deviceVerificationEndpoint(Customizer.withDefaults());
                    server.clientAuthentication(clientAuthentication -> clientAuthentication
                            .authenticationConverter(new PublicDeviceClients.Converter(
                                    settings.getDeviceAuthorizationEndpoint(), settings.getTokenRevocationEndpoint()))
                            .authenticationProvider(new PublicDeviceClients.Provider(clients)));
                })
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signInPage(HttpSecurity http) {
        return http.authorizeHttpRequests(auth ->
                        auth.requestMatchers("/error").permitAll().anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService demoUsers() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String demo = encoder.encode("demo");
        return new InMemoryUserDetailsManager(DemoUser.ALL.stream()
                .map(u -> User.withUsername(u.username())
                        .password(demo)
                        .roles("USER")
                        .build())
                .toList());
    }

    @Bean
    RegisteredClientRepository clients(
            @Value("${local-idp.portal-base-urls}") List<String> portalBaseUrls,
            @Value("${local-idp.portal-client-secret}") String portalSecret) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<String> redirects = new ArrayList<>();
        List<String> afterLogout = new ArrayList<>();
        for (String base : portalBaseUrls) {
            redirects.add(base + "/login/oauth2/code/" + PORTAL_CLIENT_ID);
            afterLogout.add(base + "/");
        }
        // A portal reached on a loopback IP may use any port (RFC 8252 matching), which lets tests
        // run the portal on a random port.
        redirects.add("http://127.0.0.1/login/oauth2/code/" + PORTAL_CLIENT_ID);
        RegisteredClient portal = RegisteredClient.withId(PORTAL_CLIENT_ID)
                .clientId(PORTAL_CLIENT_ID)
                .clientSecret(encoder.encode(portalSecret))
                .clientName("Demo Portal")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirects))
                .postLogoutRedirectUris(uris -> uris.addAll(afterLogout))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(Duration.ofMinutes(15))
                        .build())
                .build();
        RegisteredClient cli = RegisteredClient.withId(CLI_CLIENT_ID)
                .clientId(CLI_CLIENT_ID)
                .clientName("Demo Portal CLI and pipelines")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                // demo login's token lasts 15 minutes; the CLI refreshes it for up to a working day
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri("http://127.0.0.1/callback")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(Duration.ofMinutes(15))
                        .refreshTokenTimeToLive(Duration.ofHours(12))
                        .reuseRefreshTokens(false)
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(portal, cli);
    }

    /**
     * Puts the portal's claims into ID and access tokens alike, so sign-in and the API see the
     * same groups and organisation, and marks access tokens as such: the API's audience and the
     * type {@code at+jwt} (RFC 9068), which ID tokens never carry. A company IdP is configured to
     * do the same (docs/operations/oidc-providers.md).
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> demoClaims() {
        return context -> {
            boolean idToken =
                    OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            if (accessToken) {
                context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
                context.getClaims().audience(List.of(API_AUDIENCE));
            }
            DemoUser user = DemoUser.named(context.getPrincipal().getName());
            if (user == null || !(idToken || accessToken)) {
                return;
            }
            context.getClaims().claims(claims -> {
                claims.put("name", user.name());
                claims.put("preferred_username", user.username());
                claims.put("email", user.email());
                claims.put("email_verified", true);
                claims.put("groups", user.groups());
                if (user.organisation() != null) {
                    claims.put("organisation", user.organisation());
                }
            });
        };
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Validates the provider's own access tokens (type {@code at+jwt}) at its user-info endpoint. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtTypeValidator(ACCESS_TOKEN_TYPE)));
        return decoder;
    }

    /**
     * The portal's Vaadin replaces the JVM-wide {@link SecurityContextHolder} strategy after this
     * provider has built its filters. The authorization endpoint reads the signed-in user through
     * the static holder, so filters holding the old strategy would sign users in where that
     * endpoint cannot see them. Following whatever strategy is current keeps the two in step.
     */
    @Bean
    SecurityContextHolderStrategy currentSecurityContextHolderStrategy() {
        return new CurrentStrategy();
    }

    private static final class CurrentStrategy implements SecurityContextHolderStrategy {

        private static SecurityContextHolderStrategy current() {
            return SecurityContextHolder.getContextHolderStrategy();
        }

        @Override
        public void clearContext() {
            current().clearContext();
        }

        @Override
        public org.springframework.security.core.context.SecurityContext getContext() {
            return current().getContext();
        }

        @Override
        public Supplier<org.springframework.security.core.context.SecurityContext> getDeferredContext() {
            return current().getDeferredContext();
        }

        @Override
        public void setContext(org.springframework.security.core.context.SecurityContext context) {
            current().setContext(context);
        }

        @Override
        public void setDeferredContext(
                Supplier<org.springframework.security.core.context.SecurityContext> deferredContext) {
            current().setDeferredContext(deferredContext);
        }

        @Override
        public org.springframework.security.core.context.SecurityContext createEmptyContext() {
            return current().createEmptyContext();
        }
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }
}
