package dev.demoportal.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A trusted CI identity provider: its tokens must name {@code issuer} and {@code audience}, be
 * signed by a key of its JWKS ({@code jwksUri}, or found by OIDC discovery when null), and match
 * one of the {@code rules}, checked in order.
 */
public record CiIssuerSummary(
        UUID id,
        String name,
        String issuer,
        @Nullable String jwksUri,
        String audience,
        Instant createdAt,
        List<CiRuleSummary> rules) {

    public CiIssuerSummary {
        rules = List.copyOf(rules);
    }
}
