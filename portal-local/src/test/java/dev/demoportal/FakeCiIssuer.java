package dev.demoportal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * A fake of a CI system's OIDC identity provider (GitHub Actions, CircleCI) in this JVM: a real
 * HTTP server with the discovery document and JWKS those providers publish, and RS256-signed job
 * tokens shaped like theirs. Its tokens are checked by the portal exactly as real ones are.
 */
public final class FakeCiIssuer implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;

    /** @param path the issuer's path, e.g. {@code /github} (the issuer is {@code http://127.0.0.1:<port><path>}) */
    public FakeCiIssuer(String path) {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri() + "\","
                + "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext(path + "/.well-known/openid-configuration", exchange -> respond(exchange, discovery));
        server.createContext(path + "/.well-known/jwks", exchange -> respond(exchange, jwks));
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUri() {
        return issuer + "/.well-known/jwks";
    }

    /** A job token with these claims, signed by this issuer, valid from now for ten minutes. */
    public String token(String audience, Map<String, Object> claims) {
        Instant now = Instant.now();
        return token(issuer, audience, claims, now.minusSeconds(5), now.plus(Duration.ofMinutes(10)));
    }

    public String token(String iss, String audience, Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(iss)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    builder.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** GitHub Actions' claims for a workflow run of {@code repository} on {@code ref}. */
    public static Map<String, Object> github(String repository, String ref) {
        return Map.of(
                "sub",
                "repo:" + repository + ":ref:" + ref,
                "repository",
                repository,
                "repository_owner",
                repository.substring(0, repository.indexOf('/')),
                "ref",
                ref,
                "workflow",
                "deploy",
                "run_id",
                "4711",
                "actor",
                "octocat",
                "event_name",
                "push");
    }

    /** CircleCI's claims for a job of {@code projectId} in organisation {@code orgId}. */
    public static Map<String, Object> circleci(String orgId, String projectId) {
        return Map.of(
                "sub",
                "org/" + orgId + "/project/" + projectId + "/user/" + UUID.randomUUID(),
                "oidc.circleci.com/org-id",
                orgId,
                "oidc.circleci.com/project-id",
                projectId,
                "oidc.circleci.com/context-ids",
                java.util.List.of());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
