package dev.demoportal;

import static dev.demoportal.ApiClient.json;
import static dev.demoportal.DemoSignIn.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.demoportal.base.SystemTask;
import dev.demoportal.cli.CliContext;
import dev.demoportal.cli.Demo;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.testing.PortalDatabaseTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The {@code demo} command against local mode: signs in with the device flow at the in-process
 * identity provider (the approval done as the person would, in a "browser"), then claims, books,
 * releases, lists sandboxes and reports deployments through the real API, with an API token and
 * with a GitHub Actions-shaped OIDC token, in human and JSON output, and shows a problem as an error.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=true"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {

    private static final Pattern SIGN_IN_LINK = Pattern.compile("To sign in, open (\\S+)");
    private static final Pattern CODE = Pattern.compile("shows the code (\\S+)\\.");

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    EnvironmentService environments;

    @TempDir
    Path home;

    private ApiClient api;
    private String portal;
    private final String environment = "cli-" + UUID.randomUUID().toString().substring(0, 8);

    /** A CLI run: exit code and output. */
    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            return ApiClient.JSON.readTree(out);
        }
    }

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        portal = "http://127.0.0.1:" + port;
        SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> environments.createEnvironment(new EnvironmentForm(
                        environment, "CLI env", "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of())));
    }

    private Path config(String user) {
        return home.resolve(user).resolve("demo-portal");
    }

    private Run demo(String user, Map<String, String> env, String... args) {
        return run(user, env, new StringWriter(), args);
    }

    private Run run(String user, Map<String, String> env, StringWriter err, String... args) {
        return run(user, env, err, Clock.systemUTC(), args);
    }

    private Run run(String user, Map<String, String> env, StringWriter err, Clock clock, String... args) {
        StringWriter out = new StringWriter();
        CliContext ctx = new CliContext(
                env,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                config(user),
                CliContext.httpClient(),
                clock,
                ZoneOffset.UTC,
                // the provider's polling interval is 5 s; the test polls faster
                d -> Thread.sleep(200));
        int code = Demo.run(ctx, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code demo login} as the user, approving the device code in a "browser" as that user would. */
    private Run login(String user) {
        StringWriter err = new StringWriter();
        CompletableFuture<Run> login = CompletableFuture.supplyAsync(
                () -> run(user, Map.of(), err, "login", "--portal", portal, "--issuer", issuer));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        login.isDone() || SIGN_IN_LINK.matcher(err.toString()).find());
        assertThat(login.isDone() ? login.join() : null)
                .as("login ended before showing the link: %s", err)
                .isNull();
        Matcher link = SIGN_IN_LINK.matcher(err.toString());
        Matcher code = CODE.matcher(err.toString());
        assertThat(link.find() && code.find()).as(err.toString()).isTrue();
        approve(URI.create(link.group(1)), code.group(1), user);
        return login.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    private void approve(URI verification, String userCode, String user) {
        HttpClient browser = DemoSignIn.browser();
        HttpResponse<String> toLogin = DemoSignIn.get(browser, verification);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        URI back = DemoSignIn.location(DemoSignIn.submitLogin(browser, DemoSignIn.location(toLogin), user));
        HttpResponse<String> consent = DemoSignIn.get(browser, back);
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains(userCode);
        Matcher state = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(consent.body());
        assertThat(state.find()).isTrue();
        HttpResponse<String> approved = send(
                browser,
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/device_verification"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(DemoSignIn.form(Map.of(
                                        "client_id", "portal-cli", "state", state.group(1), "user_code", userCode))
                                + "&scope=profile&scope=email")));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        assertThat(DemoSignIn.location(approved).getQuery()).isEqualTo("success");
    }

    @Test
    void aPersonSignsInWithTheDeviceFlowClaimsBooksAndReleases() throws IOException {
        Run login = login("frank");
        try (var files = Files.list(config("frank"))) {
            assertThat(files.toList())
                    .as("no temporary file left")
                    .containsExactly(config("frank").resolve("login.json"));
        }

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).startsWith("Signed in to " + portal + "/ as Frank Field <frank@demoportal.dev> until ");
        Path cached = config("frank").resolve("login.json");
        assertThat(Files.getPosixFilePermissions(cached))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        Run who = demo("frank", Map.of(), "who");
        assertThat(who.exitCode()).as(who.err()).isZero();
        assertThat(who.out())
                .startsWith("Frank Field <frank@demoportal.dev>\nroles:        FIELD_ENGINEER\norganisation: -\n")
                .contains("token:        signed in as Frank Field <frank@demoportal.dev>, until ");

        Run claim = demo("frank", Map.of(), "claim", environment, "--for", "1h30m", "--purpose", "CLI demo");
        assertThat(claim.exitCode()).as(claim.err()).isZero();
        assertThat(claim.out()).startsWith("Claimed " + environment + " slot ").contains("(1h30m, booking ");

        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Run book = demo("frank", Map.of(), "--json", "book", environment, start.toString(), "2h");
        assertThat(book.exitCode()).as(book.err()).isZero();
        JsonNode booked = book.json();
        assertThat(booked.get("environment").asString()).isEqualTo(environment);
        assertThat(Instant.parse(booked.get("start").asString())).isEqualTo(start);
        assertThat(Instant.parse(booked.get("end").asString())).isEqualTo(start.plus(Duration.ofHours(2)));
        assertThat(booked.get("holder").get("email").asString()).isEqualTo("frank@demoportal.dev");

        // release without an environment finds the claim (held now), not the booking two days ahead
        Run release = demo("frank", Map.of(), "release", "--json");
        assertThat(release.exitCode()).as(release.err()).isZero();
        // (demo data may let Frank hold slots elsewhere right now: those are released too)
        List<JsonNode> released = new ArrayList<>();
        release.json().forEach(released::add);
        assertThat(released)
                .filteredOn(b -> b.get("environment").asString().equals(environment))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.get("purpose").asString()).isEqualTo("CLI demo");
                    assertThat(b.get("status").asString()).isEqualTo("RELEASED");
                });
        assertThat(released)
                .noneMatch(b -> b.get("id").asString().equals(booked.get("id").asString()));

        Run nothing = demo("frank", Map.of(), "release", environment);
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).isEqualTo("error: you hold nothing on " + environment + " now\n");

        assertThat(demo("frank", Map.of(), "logout").out()).isEqualTo("Signed out.\n");
        assertThat(cached).doesNotExist();
        Run signedOut = demo("frank", Map.of(), "--portal", portal, "who");
        assertThat(signedOut.exitCode()).isEqualTo(3);
    }

    /** The identity provider's answer to a refresh-token request of the CLI's public client. */
    private HttpResponse<String> refresh(String refreshToken) {
        return send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(DemoSignIn.form(Map.of(
                                "grant_type",
                                "refresh_token",
                                "client_id",
                                "portal-cli",
                                "refresh_token",
                                refreshToken)))));
    }

    @Test
    void anExpiredSignInIsRenewedWithItsRotatingRefreshTokenAndSigningOutRevokesIt() throws IOException {
        Run login = login("adam");
        assertThat(login.exitCode()).as(login.err()).isZero();
        Path cached = config("adam").resolve("login.json");
        JsonNode first = ApiClient.JSON.readTree(Files.readString(cached));
        String firstRefresh = first.get("refreshToken").asString();
        assertThat(firstRefresh)
                .as("the device grant gives the CLI a refresh token")
                .isNotBlank();

        // 16 minutes later by the CLI's clock the 15-minute access token has expired
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16));
        Run who = run("adam", Map.of(), new StringWriter(), later, "who");

        assertThat(who.exitCode()).as(who.err()).isZero();
        assertThat(who.out()).startsWith("Adam Admin <adam@demoportal.dev>\n");
        JsonNode renewed = ApiClient.JSON.readTree(Files.readString(cached));
        assertThat(renewed.get("accessToken").asString())
                .isNotEqualTo(first.get("accessToken").asString());
        assertThat(Instant.parse(renewed.get("expiresAt").asString()))
                .isAfter(Instant.parse(first.get("expiresAt").asString()));
        String secondRefresh = renewed.get("refreshToken").asString();
        assertThat(secondRefresh).as("rotated on use").isNotEqualTo(firstRefresh);
        assertThat(Files.getPosixFilePermissions(cached))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        HttpResponse<String> replayed = refresh(firstRefresh);
        assertThat(replayed.statusCode()).as("a used refresh token is dead").isEqualTo(400);
        assertThat(replayed.body()).contains("invalid_grant");

        assertThat(demo("adam", Map.of(), "logout").out()).isEqualTo("Signed out.\n");
        assertThat(cached).doesNotExist();
        HttpResponse<String> revoked = refresh(secondRefresh);
        assertThat(revoked.statusCode())
                .as("signing out revoked it at the provider")
                .isEqualTo(400);
        assertThat(revoked.body()).contains("invalid_grant");
    }

    @Test
    void aCustomerListsHerOrganisationsSandboxes() {
        String carol = new DemoSignIn(issuer).accessToken("carol");
        List<String> visible = new ArrayList<>();
        json(api.get("/api/v1/sandbox-requests?limit=500", carol))
                .forEach(r -> visible.add(r.get("id").asString()));
        assertThat(visible).as("local mode's demo data gives Acme sandboxes").isNotEmpty();
        Map<String, String> env = Map.of("DEMO_PORTAL_URL", portal, "DEMO_PORTAL_TOKEN", apiToken(carol, "CUSTOMER"));

        Run table = demo("carol", env, "sandbox", "list");
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).matches("ID +STATUS +TEMPLATE +REGION +ORGANISATION +EXPIRES");
        assertThat(lines).hasSize(visible.size() + 1);
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).contains("acme-corp"));

        Run json = demo("carol", env, "sandbox", "list", "--json");
        List<String> ids = new ArrayList<>();
        json.json().forEach(r -> ids.add(r.get("id").asString()));
        assertThat(ids).isEqualTo(visible);
    }

    @Test
    void aPipelineReportsADeploymentWithAnApiToken() {
        String alice = new DemoSignIn(issuer).accessToken("alice");
        Map<String, String> env = Map.of(
                "DEMO_PORTAL_URL", portal,
                "DEMO_PORTAL_TOKEN", apiToken(alice, "FIELD_ENGINEER"),
                "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/app",
                "GITHUB_RUN_ID", "812",
                "GITHUB_SHA", "4f2a9c1d");

        Run report = demo("pipeline", env, "deploy-report", environment, "--version", "2.14.0", "--status", "healthy");

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).isEqualTo("Reported 2.14.0 HEALTHY on " + environment + ".\n");
        JsonNode deployment =
                json(api.get("/api/v1/environments/" + environment, alice)).get("deployment");
        assertThat(deployment.get("version").asString()).isEqualTo("2.14.0");
        assertThat(deployment.get("commit").asString()).isEqualTo("4f2a9c1d");
        assertThat(deployment.get("pipelineUrl").asString()).isEqualTo("https://github.com/acme/app/actions/runs/812");

        Run slot = demo(
                "pipeline",
                env,
                "--json",
                "deploy-report",
                environment,
                "--slot",
                "2",
                "--version",
                "feature-x",
                "--status",
                "DEPLOYING");
        assertThat(slot.exitCode()).as(slot.err()).isZero();
        assertThat(slot.json().get("slot").asInt()).isEqualTo(2);
        assertThat(slot.json().get("status").asString()).isEqualTo("DEPLOYING");
    }

    @Test
    void aGithubActionsJobActsWithItsOwnOidcToken() throws IOException {
        String adam = new DemoSignIn(issuer).accessToken("adam");
        try (FakeCiIssuer github = new FakeCiIssuer("/github")) {
            String account = json(api.post(
                            "/api/v1/service-accounts",
                            adam,
                            Map.of("name", "CLI pipeline " + environment, "roles", List.of("FIELD_ENGINEER"))))
                    .get("id")
                    .asString();
            String issuerId = json(api.post(
                            "/api/v1/ci-issuers",
                            adam,
                            Map.of("name", "GitHub (CLI test)", "issuer", github.issuer(), "audience", "demo-portal")))
                    .get("id")
                    .asString();
            assertThat(api.post(
                                    "/api/v1/ci-issuers/" + issuerId + "/rules",
                                    adam,
                                    Map.of("claims", Map.of("repository", "acme/cli"), "serviceAccount", account))
                            .statusCode())
                    .isEqualTo(201);
            // GitHub's token service: the job asks it for a token of an audience, with its request token
            HttpServer tokenService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            List<String> asked = new ArrayList<>();
            tokenService.createContext("/token", exchange -> {
                asked.add(exchange.getRequestURI().getQuery() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
                String audience = exchange.getRequestURI().getQuery().replaceAll(".*audience=([^&]+).*", "$1");
                byte[] body = ("{\"value\":\""
                                + github.token(audience, FakeCiIssuer.github("acme/cli", "refs/heads/main")) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            tokenService.start();
            try {
                Map<String, String> env = new HashMap<>();
                env.put("DEMO_PORTAL_URL", portal);
                env.put(
                        "ACTIONS_ID_TOKEN_REQUEST_URL",
                        "http://127.0.0.1:" + tokenService.getAddress().getPort() + "/token?api-version=2.0");
                env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token");

                Run who = demo("github", env, "who");
                assertThat(who.exitCode()).as(who.err()).isZero();
                assertThat(who.out())
                        .startsWith("CLI pipeline " + environment + "\n")
                        .contains("GitHub Actions OIDC token");
                assertThat(asked).first().isEqualTo("api-version=2.0&audience=demo-portal bearer request-token");

                Run report = demo("github", env, "deploy-report", environment, "--version", "3.0.0");
                assertThat(report.exitCode()).as(report.err()).isZero();
                JsonNode deployment = json(api.get("/api/v1/environments/" + environment, adam))
                        .get("deployment");
                assertThat(deployment.get("reportedBy").asString()).isEqualTo("CLI pipeline " + environment);
            } finally {
                tokenService.stop(0);
            }
        }
    }

    @Test
    void aRefusalIsAClearErrorAndAProblemInJson() {
        String alice = new DemoSignIn(issuer).accessToken("alice");
        Map<String, String> env =
                Map.of("DEMO_PORTAL_URL", portal, "DEMO_PORTAL_TOKEN", apiToken(alice, "FIELD_ENGINEER"));

        Run human = demo("errors", env, "claim", "no-such-environment");
        assertThat(human.exitCode()).isEqualTo(1);
        assertThat(human.out()).isEmpty();
        assertThat(human.err())
                .startsWith("error: ")
                .contains("(environment.not_found, HTTP 404)")
                .doesNotContain("\tat ");

        Run json = demo("errors", env, "--json", "claim", "no-such-environment");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode problem = ApiClient.JSON.readTree(json.err());
        assertThat(problem.get("code").asString()).isEqualTo("environment.not_found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);

        Run refused =
                demo("errors", Map.of("DEMO_PORTAL_URL", portal, "DEMO_PORTAL_TOKEN", "dpt_not_a_real_token"), "who");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("(auth.token_invalid, HTTP 401)").contains("demo login");
    }

    private String apiToken(String accessToken, String role) {
        HttpResponse<String> created = api.post(
                "/api/v1/tokens",
                accessToken,
                Map.of("name", "cli " + UUID.randomUUID(), "lifetime", "P1D", "roles", List.of(role)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("token").asString();
    }
}
