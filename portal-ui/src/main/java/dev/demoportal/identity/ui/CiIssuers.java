package dev.demoportal.identity.ui;

import dev.demoportal.base.api.ApiProperties;
import dev.demoportal.identity.CiIdentityService;
import dev.demoportal.identity.CiIssuerSummary;
import dev.demoportal.identity.IdentityEvents.CiIdentityChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The trusted CI issuers with a JWT decoder each, read from the database and kept for
 * {@code portal.api.ci-issuers-refresh}; a change on this replica takes effect at once (after its
 * commit), on other replicas within that time. A decoder lives as long as its issuer's settings do,
 * so it keeps its cached JWKS.
 */
@Component
class CiIssuers {

    /** An issuer and the decoder that checks signature, issuer, audience and lifetime of its tokens. */
    record Trusted(CiIssuerSummary issuer, JwtDecoder decoder) {}

    private final CiIdentityService service;
    private final Clock clock;
    private final Duration refresh;
    private volatile Map<String, Trusted> byIssuer = Map.of();
    private volatile @Nullable Instant loadedAt;

    CiIssuers(CiIdentityService service, Clock clock, ApiProperties api) {
        this.service = service;
        this.clock = clock;
        this.refresh = api.ciIssuersRefresh();
    }

    @Nullable
    Trusted find(String issuer) {
        Instant loaded = loadedAt;
        if (loaded == null || !loaded.plus(refresh).isAfter(clock.instant())) {
            reload();
        }
        return byIssuer.get(normalised(issuer));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void changed(CiIdentityChanged change) {
        loadedAt = null;
    }

    private synchronized void reload() {
        List<CiIssuerSummary> issuers = service.trusted();
        Map<String, Trusted> next = new HashMap<>();
        for (CiIssuerSummary issuer : issuers) {
            Trusted previous = byIssuer.get(normalised(issuer.issuer()));
            boolean sameKeys = previous != null
                    && Objects.equals(previous.issuer().jwksUri(), issuer.jwksUri())
                    && previous.issuer().audience().equals(issuer.audience());
            next.put(normalised(issuer.issuer()), new Trusted(issuer, sameKeys ? previous.decoder() : decoder(issuer)));
        }
        byIssuer = Map.copyOf(next);
        loadedAt = clock.instant();
    }

    private JwtDecoder decoder(CiIssuerSummary issuer) {
        NimbusJwtDecoder decoder = issuer.jwksUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(issuer.jwksUri())
                        .jwsAlgorithm(SignatureAlgorithm.RS256)
                        .jwsAlgorithm(SignatureAlgorithm.ES256)
                        .build()
                // OIDC discovery, the first time a token of this issuer arrives
                : NimbusJwtDecoder.withIssuerLocation(issuer.issuer()).build();
        JwtTimestampValidator lifetime = new JwtTimestampValidator();
        lifetime.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                coded(lifetime, "auth.token_expired", "The CI token has expired (or is not valid yet)."),
                coded(
                        new JwtIssuerValidator(issuer.issuer()),
                        "auth.unknown_issuer",
                        "The CI token names " + "another issuer."),
                audience(issuer)));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(CiIssuerSummary issuer) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(issuer.audience())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        "auth.wrong_audience",
                        "The CI token's audience "
                                + jwt.getAudience() + " is not the one trusted for " + issuer.name() + " ('"
                                + issuer.audience() + "'). Request the token for that audience.",
                        null));
    }

    /** Gives a standard validator's failure a problem code of ours. */
    private static OAuth2TokenValidator<Jwt> coded(OAuth2TokenValidator<Jwt> validator, String code, String text) {
        return jwt -> validator.validate(jwt).hasErrors()
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error(code, text, null))
                : OAuth2TokenValidatorResult.success();
    }

    static String normalised(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
