package dev.demoportal.local;

import dev.demoportal.local.idp.LocalIdentityProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts local mode's OIDC provider before the portal's context is built, because the portal
 * discovers its issuer at start-up just as it would a company IdP's, and hands the portal the
 * issuer URL and the generated client secret. Stops it with the portal.
 *
 * <p>Registered in {@code META-INF/spring.factories}; starts nothing unless
 * {@code portal.local.enabled} and {@code portal.local.idp-enabled} are both true.
 */
public class LocalIdentityProviderLauncher implements ApplicationListener<SpringApplicationEvent> {

    private static final String AUTO_CONFIGURATION_EXCLUDES = "localModeAutoConfigurationExcludes";

    private LocalIdentityProvider.@Nullable Running provider;

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent ready && provider != null) {
            ready.getApplicationContext().addApplicationListener((ApplicationListener<ContextClosedEvent>) e -> stop());
        } else if (event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private void start(ConfigurableEnvironment env) {
        keepTheAuthorizationServerOutOfThePortal(env);
        if (provider != null
                || !env.getProperty("portal.local.enabled", Boolean.class, false)
                || !env.getProperty("portal.local.idp-enabled", Boolean.class, true)) {
            return;
        }
        int idpPort = env.getProperty("portal.local.idp-port", Integer.class, 9000);
        int portalPort = env.getProperty("server.port", Integer.class, 8080);
        provider = LocalIdentityProvider.start(
                idpPort, List.of("http://localhost:" + portalPort, "http://127.0.0.1:" + portalPort));
        Map<String, Object> wiring = new LinkedHashMap<>();
        wiring.put("spring.security.oauth2.client.provider.portal.issuer-uri", provider.issuer());
        wiring.put(
                "spring.security.oauth2.client.registration.portal.client-id", LocalIdentityProvider.PORTAL_CLIENT_ID);
        wiring.put("spring.security.oauth2.client.registration.portal.client-secret", provider.portalClientSecret());
        wiring.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", provider.issuer());
        // the API takes the provider's access tokens only: its API audience and type, never a client id
        wiring.put("spring.security.oauth2.resourceserver.jwt.audiences", LocalIdentityProvider.API_AUDIENCE);
        wiring.put("portal.api.access-token-types", LocalIdentityProvider.ACCESS_TOKEN_TYPE);
        wiring.put("portal.local.idp-issuer", provider.issuer());
        env.getPropertySources().addFirst(new MapPropertySource("localIdentityProvider", wiring));
    }

    /**
     * The authorization server's classes are on this module's class path for the provider's own
     * context only; Spring Boot would otherwise configure them in the portal's context as well.
     * Lowest precedence, as it had in the portal's {@code application.yml}.
     */
    private static void keepTheAuthorizationServerOutOfThePortal(ConfigurableEnvironment env) {
        if (env.getPropertySources().contains(AUTO_CONFIGURATION_EXCLUDES)) {
            return;
        }
        env.getPropertySources()
                .addLast(new MapPropertySource(
                        AUTO_CONFIGURATION_EXCLUDES,
                        Map.of(
                                "spring.autoconfigure.exclude",
                                String.join(
                                        ",",
                                        "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
                                                + "OAuth2AuthorizationServerAutoConfiguration",
                                        "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
                                                + "OAuth2AuthorizationServerJwtAutoConfiguration"))));
    }

    private void stop() {
        if (provider != null) {
            provider.close();
            provider = null;
        }
    }
}
