package dev.demoportal.identity.ui;

import dev.demoportal.base.api.ApiProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

/**
 * The API takes access tokens, never ID tokens. Both come from the same issuer, signed with the
 * same keys; what tells them apart is the audience, the API's own identifier that the identity
 * provider puts into access tokens only ({@code PORTAL_API_AUDIENCES}, checked by Spring Boot's
 * resource server), and, where the provider sets it, the {@code typ} header {@code at+jwt}
 * ({@code portal.api.access-token-types}). An ID token's audience is the client id it was issued
 * to, so the portal refuses to start with its own sign-in client id as an API audience, unless it
 * also requires a token type that ID tokens do not have.
 */
@Configuration(proxyBeanMethods = false)
class ApiTokens {

    /**
     * The token type check. A bean of this type replaces Spring Security's default (typ {@code JWT}
     * or none), which would refuse {@code at+jwt} access tokens.
     */
    @Bean
    JwtTypeValidator accessTokenType(
            ApiProperties api,
            OAuth2ResourceServerProperties resourceServer,
            ObjectProvider<OAuth2ClientProperties> clients) {
        OAuth2ClientProperties client = clients.getIfAvailable();
        OAuth2ClientProperties.Registration signIn =
                client == null ? null : client.getRegistration().get(SecurityConfiguration.REGISTRATION);
        return accessTokenType(
                api.accessTokenTypes(),
                resourceServer.getJwt().getAudiences(),
                signIn == null ? null : signIn.getClientId());
    }

    static JwtTypeValidator accessTokenType(
            List<String> requiredTypes, List<String> audiences, @Nullable String signInClientId) {
        if (requiredTypes.isEmpty()) {
            if (signInClientId != null && audiences.contains(signInClientId)) {
                throw new IllegalStateException("PORTAL_API_AUDIENCES (spring.security.oauth2.resourceserver.jwt."
                        + "audiences) contains the portal's sign-in client id '" + signInClientId + "'. Every ID "
                        + "token the identity provider issues to the portal carries that audience, so the API "
                        + "would accept ID tokens as access tokens. Use an audience that the provider puts into "
                        + "access tokens only (an API identifier such as 'demo-portal-api'), or, if the provider "
                        + "marks access tokens with the type at+jwt, set portal.api.access-token-types=at+jwt. "
                        + "See docs/operations/oidc-providers.md.");
            }
            JwtTypeValidator lenient = new JwtTypeValidator("JWT", "at+jwt", "application/at+jwt");
            lenient.setAllowEmpty(true);
            return lenient;
        }
        List<String> types = new ArrayList<>();
        for (String type : requiredTypes) {
            // RFC 7515: the "application/" prefix may be left out, and is matched either way
            String bare = type.strip().toLowerCase(Locale.ROOT).replaceFirst("^application/", "");
            types.add(bare);
            types.add("application/" + bare);
        }
        return new JwtTypeValidator(types);
    }
}
