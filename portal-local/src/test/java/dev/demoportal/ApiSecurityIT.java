package dev.demoportal;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static dev.demoportal.ApiClient.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.base.api.CsvWriter;
import dev.demoportal.testing.PortalDatabaseTest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * What the API refuses, and how: ID tokens used as access tokens, times and durations outside the
 * documented range, control characters in text, anonymous writes, oversized or non-JSON bodies,
 * requests the firewall rejects, forwarded headers from an untrusted address, and exports that fail
 * half-way. Every refusal is a problem with a stable code, never a 500, a redirect or a file that
 * looks complete.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.local.enabled=true",
            "portal.local.idp-port=0",
            "portal.local.demo-data=true",
            // the tests connect from 127.0.0.1, which is therefore not a trusted proxy here
            "server.tomcat.remoteip.internal-proxies=192.0.2.1/32"
        })
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ApiSecurityIT.BrokenExport.class)
class ApiSecurityIT {

    private static final String FAR_FUTURE = "%2B1000000000-01-01T00:00:00Z";
    private static final String VALID_FROM = "2026-01-01T00:00:00Z";
    private static final String VALID_TO = "2026-01-02T00:00:00Z";

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    private ApiClient api;
    private final Map<String, String> tokens = new java.util.HashMap<>();
    private JsonNode aliceTokens;

    @BeforeAll
    void tokens() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        aliceTokens = signIn.tokens("alice");
        tokens.put("alice", aliceTokens.get("access_token").asString());
        tokens.put("maria", signIn.accessToken("maria"));
        tokens.put("carol", signIn.accessToken("carol"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.demoportal.calendar.CalendarService calendars;

    @Test
    void notificationChoicesAreTheCallersAndWebhooksAreForAdmins() {
        HttpResponse<String> chosen = api.send(
                HttpRequest.newBuilder(api.uri("/api/v1/me/notification-preferences/sandbox.ready"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"channels\": [\"BELL\"]}")),
                tokens.get("carol"));
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(strings(json(chosen).get("channels"))).containsExactly("BELL");
        JsonNode mine = json(api.get("/api/v1/me/notification-preferences", tokens.get("carol")));
        assertThat(mine).anySatisfy(p -> {
            assertThat(p.get("kind").asString()).isEqualTo("sandbox.ready");
            assertThat(strings(p.get("channels"))).containsExactly("BELL");
        });
        assertProblem(
                api.send(
                        HttpRequest.newBuilder(api.uri("/api/v1/me/notification-preferences/no.such"))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"channels\": []}")),
                        tokens.get("carol")),
                404,
                "notification.unknown_kind");
        assertThat(api.post(
                                "/api/v1/webhooks",
                                tokens.get("alice"),
                                Map.of(
                                        "name",
                                        "x",
                                        "url",
                                        "https://x.example",
                                        "kinds",
                                        java.util.List.of("sandbox.ready")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/outbox", tokens.get("maria")).statusCode()).isEqualTo(403);
    }

    @Test
    void calendarFeedsAnswerWithoutASessionAndUnknownTokensAre404() {
        HttpResponse<String> unknown = api.get("/calendar/" + "A".repeat(43) + ".ics", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.get("/calendar/not-a-token.ics", null).statusCode()).isEqualTo(404);
        assertThat(api.get("/calendar/", null).statusCode()).isNotEqualTo(200);

        JsonNode me = json(api.get("/api/v1/me", tokens.get("alice")));
        UUID alice = UUID.fromString(me.get("id").asString());
        String url = dev.demoportal.base.SystemTask.onBehalfOf(
                        alice, "Alice Field", java.util.List.of("FIELD_ENGINEER"), () -> calendars.create(null))
                .url();
        String path = url.substring(url.indexOf("/calendar/"));

        HttpResponse<String> feed = api.get(path, null);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        assertThat(feed.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(feed.body()).startsWith("BEGIN:VCALENDAR").contains("PRODID:-//Demo Portal//Calendar feeds//EN");
        // only GET, only .ics
        HttpResponse<String> posted =
                api.send(HttpRequest.newBuilder(api.uri(path)).POST(HttpRequest.BodyPublishers.noBody()), null);
        assertThat(posted.statusCode()).isIn(401, 403, 405);
    }

    // ---- tokens ---------------------------------------------------------------------------------

    @Test
    void anIdTokenIsNotAnAccessToken() {
        String idToken = aliceTokens.get("id_token").asString();

        HttpResponse<String> response = api.get("/api/v1/me", idToken);

        assertProblem(response, 401, "auth.required");
        assertThat(api.get("/api/v1/me", tokens.get("alice")).statusCode()).isEqualTo(200);
    }

    // ---- times, days and durations --------------------------------------------------------------

    static Stream<Arguments> outOfRange() {
        String booking = "/api/v1/bookings/" + UUID.randomUUID();
        return Stream.of(
                get(
                        "alice",
                        "/api/v1/environments/emea-demo-1/bookings?from=" + FAR_FUTURE + "&to=" + FAR_FUTURE,
                        "from"),
                get(
                        "alice",
                        "/api/v1/environments/emea-demo-1/bookings?from=" + VALID_FROM + "&to=1999-12-31T23:59:59Z",
                        "to"),
                post(
                        "alice",
                        "/api/v1/bookings",
                        "{\"environment\":\"emea-demo-1\",\"start\":\"+1000000000-01-01T00:00:00Z\","
                                + "\"end\":\"+1000000000-01-01T01:00:00Z\",\"purpose\":\"x\"}",
                        "start"),
                post(
                        "alice",
                        "/api/v1/bookings",
                        "{\"environment\":\"emea-demo-1\",\"start\":\"" + VALID_FROM
                                + "\",\"end\":\"2200-01-01T00:00:00Z\",\"purpose\":\"x\"}",
                        "end"),
                post(
                        "alice",
                        "/api/v1/environments/emea-demo-1/claim",
                        "{\"duration\":\"PT9223372036854775807S\",\"purpose\":\"x\"}",
                        "duration"),
                post(
                        "alice",
                        "/api/v1/environments/emea-demo-1/claim",
                        "{\"duration\":\"P366D\",\"purpose\":\"x\"}",
                        "duration"),
                post("alice", booking + "/extend", "{\"until\":\"+1000000000-01-01T00:00:00Z\"}", "until"),
                post(
                        "alice",
                        "/api/v1/environments/emea-demo-1/waitlist",
                        "{\"from\":\"-1000000000-01-01T00:00:00Z\"," + "\"until\":\"" + VALID_TO
                                + "\",\"duration\":\"PT1H\",\"purpose\":\"x\"}",
                        "from"),
                post(
                        "alice",
                        "/api/v1/environments/emea-demo-1/waitlist",
                        "{\"from\":\"" + VALID_FROM + "\",\"until\":\"" + VALID_TO
                                + "\",\"duration\":\"PT9223372036854775807S\",\"purpose\":\"x\"}",
                        "duration"),
                get("maria", "/api/v1/audit?from=" + FAR_FUTURE, "from"),
                get("maria", "/api/v1/audit?to=-1000000000-01-01T00:00:00Z", "to"),
                get("maria", "/api/v1/audit.csv?from=" + FAR_FUTURE, "from"),
                get("maria", "/api/v1/usage/utilisation?from=-999999999-01-01", "from"),
                get("maria", "/api/v1/usage/holders?to=%2B999999999-12-31", "to"),
                get("maria", "/api/v1/usage/sandboxes?to=%2B999999999-12-31", "to"),
                get("maria", "/api/v1/usage/me?from=1999-12-31", "from"),
                get("maria", "/api/v1/usage/bookings.csv?from=-999999999-01-01", "from"),
                get("maria", "/api/v1/usage/environment-days.csv?from=2199-12-01&to=2200-01-01", "to"));
    }

    @ParameterizedTest(name = "{0} {1} → 400 on {3}")
    @MethodSource("outOfRange")
    void timesDaysAndDurationsOutsideTheRangeAreRefusedNamingTheField(
            String method, String path, @Nullable String body, String field, String user) {
        HttpResponse<String> response = call(method, path, body, tokens.get(user));

        assertProblem(response, 400, "validation.failed");
        assertThat(strings(json(response).get("errors"), "field")).contains(field);
        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
    }

    @Test
    void theEdgesOfTheRangeAreAccepted() {
        assertThat(api.get("/api/v1/usage/utilisation?from=2000-01-01&to=2000-01-31", tokens.get("maria"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/audit?from=2000-01-01T00:00:00Z&to=2199-12-31T23:59:59Z", tokens.get("maria"))
                        .statusCode())
                .isEqualTo(200);
    }

    // ---- text -----------------------------------------------------------------------------------

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                post(
                        "alice",
                        "/api/v1/bookings",
                        "{\"environment\":\"emea-demo-1\\u0000\",\"start\":\"" + VALID_FROM + "\",\"end\":\"" + VALID_TO
                                + "\",\"purpose\":\"x\"}",
                        "environment"),
                post(
                        "alice",
                        "/api/v1/bookings",
                        "{\"environment\":\"emea-demo-1\",\"start\":\"" + VALID_FROM + "\",\"end\":\"" + VALID_TO
                                + "\",\"purpose\":\"demo\\u0000\"}",
                        "purpose"),
                post(
                        "alice",
                        "/api/v1/environments/emea-demo-1/claim",
                        "{\"duration\":\"PT1H\",\"purpose\":\"nightly\\u0000\"}",
                        "purpose"),
                post(
                        "carol",
                        "/api/v1/sandbox-requests",
                        "{\"template\":\"cicd-trial\\u0000\",\"region\":\"emea\","
                                + "\"lifetimeHours\":24,\"useCase\":\"trial\"}",
                        "template"),
                post(
                        "carol",
                        "/api/v1/sandbox-requests",
                        "{\"template\":\"cicd-trial\",\"region\":\"emea\","
                                + "\"lifetimeHours\":24,\"useCase\":\"bell \\u0007\"}",
                        "useCase"),
                get("maria", "/api/v1/audit?q=%00", "q"),
                get("maria", "/api/v1/audit?actor=a%1Bb", "actor"),
                get("alice", "/api/v1/environments?region=%00", "region"));
    }

    @ParameterizedTest(name = "{0} {1} → 400 on {3}")
    @MethodSource("controlCharacters")
    void controlCharactersInTextAreRefusedNamingTheField(
            String method, String path, @Nullable String body, String field, String user) {
        HttpResponse<String> response = call(method, path, body, tokens.get(user));

        assertProblem(response, 400, "validation.failed");
        assertThat(strings(json(response).get("errors"), "field")).contains(field);
    }

    // ---- anonymous writes -----------------------------------------------------------------------

    static Stream<Arguments> stateChangingCalls() {
        String id = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("POST", "/api/v1/bookings"),
                Arguments.of("POST", "/api/v1/environments/emea-demo-1/claim"),
                Arguments.of("POST", "/api/v1/bookings/" + id + "/release"),
                Arguments.of("DELETE", "/api/v1/bookings/" + id),
                Arguments.of("POST", "/api/v1/environments/emea-demo-1/waitlist"),
                Arguments.of("DELETE", "/api/v1/waitlist/" + id),
                Arguments.of("POST", "/api/v1/sandbox-requests"),
                Arguments.of("POST", "/api/v1/sandbox-requests/" + id + "/approve"),
                Arguments.of("POST", "/api/v1/sandboxes/" + id + "/teardown"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stateChangingCalls")
    void anonymousStateChangingCallsAreAskedToAuthenticate(String method, String path) {
        HttpResponse<String> response = api.send(
                HttpRequest.newBuilder(api.uri(path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")),
                null);

        assertProblem(response, 401, "auth.required");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void aBrowserSessionStillNeedsItsCsrfTokenToChangeAnything() {
        HttpClient browser = DemoSignIn.browser();
        DemoSignIn.portalSession(browser, api.uri("/"), "alice");
        assertThat(DemoSignIn.send(
                                browser,
                                HttpRequest.newBuilder(api.uri("/api/v1/me")).header("Accept", "application/json"))
                        .statusCode())
                .as("signed in")
                .isEqualTo(200);

        HttpResponse<String> response = DemoSignIn.send(
                browser,
                HttpRequest.newBuilder(api.uri("/api/v1/environments/emea-demo-1/claim"))
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"duration\":\"PT1H\",\"purpose\":\"x\"}")));

        assertProblem(response, 403, "auth.csrf");
    }

    // ---- request bodies -------------------------------------------------------------------------

    @Test
    void aHugeFormBodyIsTooLargeNotAServerError() {
        // over Tomcat's own form limit (2 MB), which once made this a 500
        String form = "purpose=" + "x".repeat(3 * 1024 * 1024);

        HttpResponse<String> response = ownConnection()
                .send(
                        HttpRequest.newBuilder(api.uri("/api/v1/bookings"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form)),
                        tokens.get("alice"));

        assertProblem(response, 413, "request.too_large");
    }

    @Test
    void aSmallFormBodyIsAnUnsupportedMediaType() {
        HttpResponse<String> response = api.send(
                HttpRequest.newBuilder(api.uri("/api/v1/bookings"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("purpose=x")),
                tokens.get("alice"));

        assertProblem(response, 415, "request.unsupported_media_type");
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedBeforeItIsParsed() {
        HttpResponse<String> response =
                ownConnection().post("/api/v1/bookings", tokens.get("alice"), manyUnknownFields(20_000));

        assertProblem(response, 413, "request.too_large");
    }

    @Test
    void aChunkedJsonBodyOverTheLimitIsRefusedToo() {
        byte[] body = manyUnknownFields(20_000).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = ownConnection()
                .send(
                        HttpRequest.newBuilder(api.uri("/api/v1/bookings"))
                                .header("Content-Type", "application/json")
                                // no length known up front: sent chunked
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
                        tokens.get("alice"));

        assertProblem(response, 413, "request.too_large");
    }

    @Test
    void aChunkedJsonBodyWithinTheLimitIsRead() {
        byte[] body = "{\"duration\":\"PT9223372036854775807S\",\"purpose\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = api.send(
                HttpRequest.newBuilder(api.uri("/api/v1/environments/emea-demo-1/claim"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
                tokens.get("alice"));

        // read and checked: the duration is named, so the body arrived whole
        assertProblem(response, 400, "validation.failed");
        assertThat(strings(json(response).get("errors"), "field")).containsExactly("duration");
    }

    // ---- the firewall ---------------------------------------------------------------------------

    @Test
    void aPathWithASemicolonIsARejectedRequestProblem() {
        HttpResponse<String> response = api.send(
                HttpRequest.newBuilder(api.uri("/api/v1/bookings/1;drop")).DELETE(), tokens.get("alice"));

        assertProblem(response, 400, "request.rejected");
    }

    @Test
    void aPathWithEncodedSlashesIsARejectedRequestProblem() {
        HttpResponse<String> response = api.get("/api/v1/bookings/..%2F..%2Fadmin", tokens.get("alice"));

        assertProblem(response, 400, "request.rejected");
    }

    // ---- forwarded headers ----------------------------------------------------------------------

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() {
        HttpResponse<String> response = DemoSignIn.send(
                DemoSignIn.browser(),
                HttpRequest.newBuilder(api.uri("/oauth2/authorization/portal"))
                        .header("X-Forwarded-Host", "evil.example")
                        .header("X-Forwarded-Proto", "https"));

        assertThat(response.statusCode()).isEqualTo(302);
        String redirect = DemoSignIn.query(DemoSignIn.location(response)).get("redirect_uri");
        assertThat(redirect).isEqualTo("http://127.0.0.1:" + port + "/login/oauth2/code/portal");
    }

    // ---- CSV exports ----------------------------------------------------------------------------

    @Test
    void anExportThatFailsBeforeItsFirstByteIsAProblemNotAnEmptyFile() {
        HttpResponse<String> response = api.get("/api/test/broken.csv?rows=0", tokens.get("alice"));

        assertProblem(response, 500, "internal");
        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(response.body()).doesNotContain("n,text");
    }

    @Test
    void anExportThatFailsHalfWayBreaksTheDownload() {
        assertThatThrownBy(() -> ownConnection().get("/api/test/broken.csv?rows=20000", tokens.get("alice")))
                .as("the client sees a broken download, not a short file")
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void anExportThatSucceedsIsComplete() {
        HttpResponse<String> response = api.get("/api/test/broken.csv?rows=20000&fail=false", tokens.get("alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().count()).isEqualTo(20_001);
    }

    /** An export that writes {@code rows} rows and then fails, as one whose database goes away would. */
    @TestConfiguration
    @RestController
    static class BrokenExport {
        @GetMapping("/api/test/broken.csv")
        void broken(
                @RequestParam int rows, @RequestParam(defaultValue = "true") boolean fail, HttpServletResponse response)
                throws IOException {
            CsvWriter.stream(response, "broken.csv", new String[] {"n", "text"}, csv -> {
                for (int i = 0; i < rows; i++) {
                    csv.row(i, "row " + i + " of a long export");
                }
                if (fail) {
                    throw new IllegalStateException("the database went away");
                }
            });
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private HttpResponse<String> call(String method, String path, @Nullable String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return api.send(request, token);
    }

    /** A client of its own, so a connection the server closes after a refused upload is not reused. */
    private ApiClient ownConnection() {
        return new ApiClient(port);
    }

    private static Arguments get(String user, String path, String field) {
        return Arguments.of("GET", path, null, field, user);
    }

    private static Arguments post(String user, String path, String body, String field) {
        return Arguments.of("POST", path, body, field, user);
    }

    private static String manyUnknownFields(int count) {
        StringBuilder json = new StringBuilder("{\"environment\":\"emea-demo-1\"");
        for (int i = 0; i < count; i++) {
            json.append(",\"f").append(i).append("\":\"").append("v".repeat(10)).append('"');
        }
        return json.append('}').toString();
    }
}
