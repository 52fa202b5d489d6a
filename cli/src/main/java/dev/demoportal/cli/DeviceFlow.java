package dev.demoportal.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) as a public client: discover the provider's
 * endpoints, ask for a device code, show the person where to approve it, and poll the token
 * endpoint at the interval the provider asks for until they approve, deny, or the code expires.
 * Then, while the provider allows it, the refresh-token grant renews the access token without the
 * person (a rotated refresh token replaces the old one), and signing out revokes it (RFC 7009).
 */
final class DeviceFlow {

    /**
     * The access token and when it expires.
     *
     * @param refreshToken the refresh token, when the provider gave one (not all do for public
     *     clients; some only with the {@code offline_access} scope)
     */
    record Tokens(
            String accessToken, Instant expiresAt, @Nullable String refreshToken) {

        @Override
        public String toString() {
            return "Tokens[expiresAt=" + expiresAt + ", refreshToken=" + (refreshToken != null) + "]";
        }
    }

    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final CliContext ctx;
    private final URI issuer;
    private final String clientId;
    private final String scope;

    /**
     * @param scope what to ask for; not {@code openid}: the API needs an access token only, and
     *     providers may refuse OIDC scopes in the device grant (Spring Authorization Server does)
     */
    DeviceFlow(CliContext ctx, URI issuer, String clientId, String scope) {
        this.ctx = ctx;
        this.issuer = issuer;
        this.clientId = clientId;
        this.scope = scope;
    }

    private JsonNode discovery() {
        return json(Api.exchange(
                ctx.http(),
                HttpRequest.newBuilder(URI.create(strip(issuer) + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                "the identity provider at " + issuer));
    }

    Tokens signIn() {
        JsonNode discovery = discovery();
        String deviceEndpoint = discovery.path("device_authorization_endpoint").asString("");
        String tokenEndpoint = discovery.path("token_endpoint").asString("");
        if (deviceEndpoint.isBlank() || tokenEndpoint.isBlank()) {
            throw new CliFailure(
                    ExitCodes.SIGN_IN,
                    "the identity provider at " + issuer
                            + " does not offer the device flow (no device_authorization_endpoint in its discovery document)");
        }
        HttpResponse<String> started = post(deviceEndpoint, Map.of("client_id", clientId, "scope", scope));
        JsonNode device = json(started);
        if (started.statusCode() != 200) {
            throw new CliFailure(
                    ExitCodes.SIGN_IN, "the identity provider refused to start a sign-in: " + oauthError(device));
        }
        String complete = device.path("verification_uri_complete").asString("");
        ctx.err()
                .println("To sign in, open "
                        + (complete.isBlank() ? device.path("verification_uri").asString() : complete));
        ctx.err()
                .println("and check that it shows the code "
                        + device.path("user_code").asString() + ".");
        ctx.err().println("Waiting for you to approve...");
        ctx.err().flush();

        Duration interval = Duration.ofSeconds(device.path("interval").asLong(5));
        Instant deadline =
                ctx.clock().instant().plusSeconds(device.path("expires_in").asLong(300));
        while (ctx.clock().instant().isBefore(deadline)) {
            pause(interval);
            HttpResponse<String> answer = post(
                    tokenEndpoint,
                    Map.of(
                            "grant_type", DEVICE_GRANT,
                            "client_id", clientId,
                            "device_code", device.path("device_code").asString()));
            JsonNode body = json(answer);
            if (answer.statusCode() == 200) {
                return tokens(body, null);
            }
            switch (body.path("error").asString("")) {
                case "authorization_pending" -> {}
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "access_denied" -> throw new CliFailure(ExitCodes.SIGN_IN, "the sign-in was denied");
                case "expired_token" ->
                    throw new CliFailure(ExitCodes.SIGN_IN, "the code expired: run `demo login` again");
                default ->
                    throw new CliFailure(
                            ExitCodes.SIGN_IN, "the identity provider refused the sign-in: " + oauthError(body));
            }
        }
        throw new CliFailure(ExitCodes.SIGN_IN, "the code expired before it was approved: run `demo login` again");
    }

    /**
     * A new access token for the refresh token, or null when the provider will not give one any more
     * (expired, revoked, or rotated away: the person has to sign in again).
     */
    @Nullable
    Tokens refresh(String refreshToken) {
        String tokenEndpoint = discovery().path("token_endpoint").asString("");
        if (tokenEndpoint.isBlank()) {
            return null;
        }
        HttpResponse<String> answer = post(
                tokenEndpoint,
                Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
        if (answer.statusCode() != 200) {
            return null;
        }
        return tokens(json(answer), refreshToken);
    }

    /** Asks the provider to forget the refresh token; false when it offers no revocation endpoint or refused. */
    boolean revoke(String refreshToken) {
        String endpoint = discovery().path("revocation_endpoint").asString("");
        if (endpoint.isBlank()) {
            return false;
        }
        return post(endpoint, Map.of("client_id", clientId, "token", refreshToken, "token_type_hint", "refresh_token"))
                        .statusCode()
                == 200;
    }

    /** A token answer; a provider that does not rotate keeps the refresh token it was sent. */
    private Tokens tokens(JsonNode body, @Nullable String previousRefreshToken) {
        String refreshToken = body.path("refresh_token").asString("");
        return new Tokens(
                body.path("access_token").asString(),
                ctx.clock().instant().plusSeconds(body.path("expires_in").asLong(300)),
                refreshToken.isBlank() ? previousRefreshToken : refreshToken);
    }

    private void pause(Duration interval) {
        try {
            ctx.sleeper().sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.SIGN_IN, "interrupted while waiting for the sign-in");
        }
    }

    private HttpResponse<String> post(String endpoint, Map<String, String> form) {
        return Api.exchange(
                ctx.http(),
                HttpRequest.newBuilder(URI.create(endpoint))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Api.query(form)))
                        .build(),
                "the identity provider at " + issuer);
    }

    private JsonNode json(HttpResponse<String> response) {
        try {
            return Api.JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new CliFailure(
                    ExitCodes.SIGN_IN,
                    "the identity provider at " + issuer + " answered " + response.statusCode()
                            + " with something that is not JSON");
        }
    }

    private static String oauthError(JsonNode body) {
        String description = body.path("error_description").asString("");
        return body.path("error").asString("unknown error") + (description.isBlank() ? "" : " (" + description + ")");
    }

    private static String strip(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
