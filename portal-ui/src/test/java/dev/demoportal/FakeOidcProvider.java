package dev.demoportal;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * A fake OIDC provider (WireMock) for tests of the portal without local mode: it answers the
 * discovery document and an empty key set, which is all the portal asks of its issuer at start-up
 * (OIDC client registration and the API's JWT decoder). Nobody signs in through it: the view tests
 * put a signed-in person into the security context themselves. One per test JVM.
 *
 * <p>A test class names it with {@code @ContextCustomizerFactories(FakeOidcProvider.class)}: it
 * then tells the portal the issuer, the client and the API audience, unless local mode's provider
 * already has ({@code portal-local}'s tests extend the same support).
 */
public final class FakeOidcProvider implements ContextCustomizerFactory {

    /** The API audience the portal is told to require. */
    public static final String API_AUDIENCE = "demo-portal-api";

    private static @Nullable WireMockServer server;

    /** The issuer URL of the running fake (started on first use). */
    public static synchronized String issuer() {
        if (server == null) {
            WireMockServer started = new WireMockServer(options().dynamicPort());
            started.start();
            String issuer = "http://localhost:" + started.port() + "/fake-idp";
            started.stubFor(
                    get("/fake-idp/.well-known/openid-configuration").willReturn(okJson("""
                    {"issuer": "%1$s",
                     "authorization_endpoint": "%1$s/authorize",
                     "token_endpoint": "%1$s/token",
                     "userinfo_endpoint": "%1$s/userinfo",
                     "jwks_uri": "%1$s/jwks",
                     "response_types_supported": ["code"],
                     "subject_types_supported": ["public"],
                     "id_token_signing_alg_values_supported": ["RS256"]}
                    """.formatted(issuer))));
            started.stubFor(get("/fake-idp/jwks").willReturn(okJson("{\"keys\": []}")));
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            server = started;
        }
        return "http://localhost:" + server.port() + "/fake-idp";
    }

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Issuer();
    }

    /** One value for every test class, so Spring's context cache can still tell contexts apart by the rest. */
    private record Issuer() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            nameTheIssuer(context);
        }
    }

    private static void nameTheIssuer(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (environment.containsProperty("portal.local.idp-issuer")) {
            return;
        }
        String issuer = issuer();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.security.oauth2.client.provider.portal.issuer-uri", issuer);
        properties.put("spring.security.oauth2.client.registration.portal.client-id", "portal");
        properties.put("spring.security.oauth2.client.registration.portal.client-secret", "not-a-secret");
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        properties.put("spring.security.oauth2.resourceserver.jwt.audiences", API_AUDIENCE);
        environment.getPropertySources().addFirst(new MapPropertySource("fakeOidcProvider", properties));
    }
}
