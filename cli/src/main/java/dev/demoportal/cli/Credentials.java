package dev.demoportal.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which token a command sends, first found wins: an API token in {@code DEMO_PORTAL_TOKEN}; a CI
 * job's own OIDC token (GitHub Actions: requested from {@code ACTIONS_ID_TOKEN_REQUEST_URL} with
 * {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN} for the audience {@code DEMO_PORTAL_AUDIENCE}, default
 * {@code demo-portal}; CircleCI: {@code CIRCLE_OIDC_TOKEN_V2}), sent as it is (the API trusts CI
 * issuers an admin registered, ADR 0032); then the cached {@code demo login}, renewed with its
 * refresh token when it has expired or is about to (and stored again), so a person signs in once a
 * working day rather than every 15 minutes.
 */
final class Credentials {

    /** A bearer token and where it came from (shown by {@code demo who}). */
    record Token(String value, String source, @Nullable Instant expiresAt) {}

    static final String DEFAULT_AUDIENCE = "demo-portal";

    private Credentials() {}

    /** An access token closer to its end than this is renewed before it is sent. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    static Token resolve(CliContext ctx, LoginStore store, LoginStore.@Nullable Login login) {
        Map<String, String> env = ctx.env();
        String apiToken = present(env.get("DEMO_PORTAL_TOKEN"));
        if (apiToken != null) {
            return new Token(apiToken, "API token from DEMO_PORTAL_TOKEN", null);
        }
        String githubUrl = present(env.get("ACTIONS_ID_TOKEN_REQUEST_URL"));
        String githubBearer = present(env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"));
        if (githubUrl != null && githubBearer != null) {
            return new Token(githubActionsToken(ctx, githubUrl, githubBearer), "GitHub Actions OIDC token", null);
        }
        String circle = present(env.get("CIRCLE_OIDC_TOKEN_V2"));
        if (circle != null) {
            return new Token(circle, "CircleCI OIDC token (CIRCLE_OIDC_TOKEN_V2)", null);
        }
        if (login == null) {
            throw new CliFailure(
                    ExitCodes.SIGN_IN, "not signed in: run `demo login`, or set DEMO_PORTAL_TOKEN to an API token");
        }
        if (!login.expires().isAfter(ctx.clock().instant().plus(RENEW_BEFORE))) {
            login = renewed(ctx, store, login);
        }
        return new Token(login.accessToken(), "signed in as " + login.user(), login.expires());
    }

    /** The sign-in with a new access token from its refresh token, stored again; else "sign in again". */
    private static LoginStore.Login renewed(CliContext ctx, LoginStore store, LoginStore.Login login) {
        String refreshToken = login.refreshToken();
        DeviceFlow.Tokens tokens = refreshToken == null
                ? null
                : new DeviceFlow(ctx, URI.create(login.issuer()), login.clientId(), "").refresh(refreshToken);
        if (tokens == null) {
            if (login.expires().isAfter(ctx.clock().instant())) {
                return login; // still valid for a few seconds: use it, renewing failed quietly
            }
            throw new CliFailure(
                    ExitCodes.SIGN_IN,
                    "your sign-in expired at " + Times.show(login.expires(), ctx.zone()) + ": run `demo login` again");
        }
        LoginStore.Login renewed = login.renewed(tokens);
        store.write(renewed);
        return renewed;
    }

    /** GitHub Actions hands a job an OIDC token for the audience it asks for (needs {@code permissions: id-token: write}). */
    private static String githubActionsToken(CliContext ctx, String requestUrl, String bearer) {
        String audience = present(ctx.env().get("DEMO_PORTAL_AUDIENCE"));
        String url = requestUrl + (requestUrl.contains("?") ? "&" : "?") + "audience="
                + Api.encode(audience != null ? audience : DEFAULT_AUDIENCE);
        JsonNode answer = Api.read(Api.exchange(
                ctx.http(),
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "bearer " + bearer)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                "GitHub Actions' token service"));
        String value = answer.path("value").asString("");
        if (value.isBlank()) {
            throw new CliFailure(ExitCodes.SIGN_IN, "GitHub Actions' token service gave no token");
        }
        return value;
    }

    private static @Nullable String present(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
