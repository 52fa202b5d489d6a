package dev.demoportal.identity;

import org.jspecify.annotations.Nullable;

/** What an admin enters to trust a CI identity provider; {@code jwksUri} null: use OIDC discovery. */
public record NewCiIssuer(
        String name, String issuer, @Nullable String jwksUri, String audience) {}
