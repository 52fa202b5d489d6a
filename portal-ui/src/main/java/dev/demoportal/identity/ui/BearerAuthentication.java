package dev.demoportal.identity.ui;

import com.nimbusds.jwt.JWTParser;
import dev.demoportal.base.api.ApiAuthenticationFailed;
import dev.demoportal.identity.ApiCaller;
import dev.demoportal.identity.ApiTokenFormat;
import dev.demoportal.identity.ApiTokenService;
import dev.demoportal.identity.CallerRejected;
import dev.demoportal.identity.CiIdentityService;
import java.text.ParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * The API's three kinds of bearer token, told apart by their shape: an API token ({@code dpt_…}),
 * a JWT of a trusted CI issuer, or an access token of the portal's own identity provider (checked
 * exactly as before, by Spring Boot's decoder). A JWT of any other issuer is
 * {@code auth.unknown_issuer}. Which issuer a JWT names is read before its signature is checked,
 * only to pick the keys that then must verify it.
 */
@Component
class BearerAuthentication {

    private final ObjectProvider<JwtDecoder> portalDecoder;
    private final PortalIdentityMapping identities;
    private final ApiTokenService tokens;
    private final CiIdentityService ciIdentities;
    private final CiIssuers ciIssuers;
    private final @Nullable String portalIssuer;
    private volatile @Nullable JwtAuthenticationProvider portal;

    BearerAuthentication(
            ObjectProvider<JwtDecoder> portalDecoder,
            PortalIdentityMapping identities,
            ApiTokenService tokens,
            CiIdentityService ciIdentities,
            CiIssuers ciIssuers,
            OAuth2ResourceServerProperties resourceServer) {
        this.portalDecoder = portalDecoder;
        this.identities = identities;
        this.tokens = tokens;
        this.ciIdentities = ciIdentities;
        this.ciIssuers = ciIssuers;
        String issuer = resourceServer.getJwt().getIssuerUri();
        this.portalIssuer = issuer == null || issuer.isBlank() ? null : CiIssuers.normalised(issuer);
    }

    /**
     * The API chain's authentication manager. Deliberately not an {@link AuthenticationManager} bean:
     * Spring Security would take such a bean as the parent of every other manager, and a refused
     * browser sign-in (whose provider threw) would then reach this one with an OAuth2 login token.
     */
    AuthenticationManager manager() {
        return authentication ->
                authentication instanceof BearerTokenAuthenticationToken bearer ? authenticate(bearer) : null;
    }

    private Authentication authenticate(BearerTokenAuthenticationToken authentication) {
        String token = authentication.getToken();
        if (ApiTokenFormat.looksLikeApiToken(token)) {
            return new ApiCallerAuthentication(refusedAs(() -> tokens.authenticate(token)), "api-token");
        }
        String issuer = unverifiedIssuer(token);
        if (issuer != null && (portalIssuer == null || !portalIssuer.equals(CiIssuers.normalised(issuer)))) {
            CiIssuers.Trusted trusted = ciIssuers.find(issuer);
            if (trusted != null) {
                Jwt jwt = decode(trusted, token);
                return new ApiCallerAuthentication(
                        refusedAs(() -> ciIdentities.match(trusted.issuer(), jwt.getClaims())),
                        "ci:" + trusted.issuer().name());
            }
            if (portalIssuer != null) {
                throw new ApiAuthenticationFailed(
                        "auth.unknown_issuer",
                        "Tokens of the issuer " + issuer + " are "
                                + "not accepted. Use an API token, an access token of the portal's identity provider, or "
                                + "ask an admin to trust your CI system's issuer.");
            }
        }
        return portal().authenticate(authentication);
    }

    private static Jwt decode(CiIssuers.Trusted trusted, String token) {
        try {
            return trusted.decoder().decode(token);
        } catch (JwtValidationException invalid) {
            var error = invalid.getErrors().stream()
                    .filter(e -> e.getErrorCode().startsWith("auth."))
                    .findFirst();
            throw error.isPresent()
                    ? new ApiAuthenticationFailed(
                            error.get().getErrorCode(), error.get().getDescription())
                    : new ApiAuthenticationFailed(
                            "auth.token_invalid", "The CI token is not valid: " + invalid.getMessage());
        } catch (JwtException bad) {
            throw new ApiAuthenticationFailed(
                    "auth.token_invalid",
                    "The CI token of " + trusted.issuer().name() + " could not be verified: " + bad.getMessage());
        }
    }

    private static ApiCaller refusedAs(java.util.function.Supplier<ApiCaller> check) {
        try {
            return check.get();
        } catch (CallerRejected refused) {
            throw new ApiAuthenticationFailed(refused.code(), refused.getMessage());
        }
    }

    private static @Nullable String unverifiedIssuer(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException notAJwt) {
            return null;
        }
    }

    private JwtAuthenticationProvider portal() {
        JwtAuthenticationProvider provider = portal;
        if (provider == null) {
            provider = new JwtAuthenticationProvider(portalDecoder.getObject());
            provider.setJwtAuthenticationConverter(identities);
            portal = provider;
        }
        return provider;
    }
}
