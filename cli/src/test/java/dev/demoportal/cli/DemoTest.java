package dev.demoportal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The command line without a portal: parsing, help, the cached sign-in, and how failures read. */
class DemoTest {

    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");

    @TempDir
    Path config;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private CliRun demo(Map<String, String> env, String... args) {
        return CliRun.run(env, config, clock, args);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "login",
                "logout",
                "who",
                "claim",
                "release",
                "book",
                "sandbox",
                "sandbox request",
                "sandbox list",
                "sandbox kubeconfig",
                "sandbox secrets",
                "deploy-report"
            })
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");

        CliRun run = demo(Map.of(), args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: demo " + command).contains("--json");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        CliRun run = demo(Map.of(), "--help");

        assertThat(run.out())
                .contains("login", "who", "claim", "release", "book", "sandbox", "deploy-report")
                .contains("Exit codes:", "3   not signed in");
    }

    @Test
    void withoutASignInACommandSaysWhatToDo() {
        CliRun run = demo(Map.of("DEMO_PORTAL_URL", "http://localhost:1"), "who");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.SIGN_IN);
        assertThat(run.err())
                .isEqualTo("error: not signed in: run `demo login`, or set DEMO_PORTAL_TOKEN to an API token\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anExpiredSignInIsNotSent() {
        new LoginStore(config)
                .write(new LoginStore.Login(
                        "http://localhost:1/",
                        "http://localhost:9000/",
                        "portal-cli",
                        "t",
                        NOW.minusSeconds(1).toString(),
                        "A",
                        null));

        CliRun run = demo(Map.of(), "who");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.SIGN_IN);
        assertThat(run.err()).contains("your sign-in expired at 2026-12-06 17:59 UTC: run `demo login` again");
    }

    @Test
    void anUnreachablePortalIsExitCode4WithoutAStackTrace() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        CliRun run = demo(
                Map.of("DEMO_PORTAL_TOKEN", "dpt_x"), "--portal", "http://127.0.0.1:" + port, "claim", "emea-demo-1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err())
                .startsWith("error: cannot reach the portal at http://127.0.0.1:" + port)
                .doesNotContain("\tat ");
    }

    @Test
    void aBadDurationIsAUsageError() {
        CliRun run = demo(
                Map.of("DEMO_PORTAL_TOKEN", "dpt_x", "DEMO_PORTAL_URL", "http://localhost:1"),
                "claim",
                "e",
                "--for",
                "soon");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'soon' is not a duration: give e.g. 2h, 90m, 1h30m, 2d or PT2H");
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        CliRun run = demo(Map.of(), "book", "emea-demo-1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required parameters: '<start>', '<duration>'");
    }

    @Test
    void kubeconfigAsksTheApiForYamlAndWritesAFileOnlyItsOwnerReads() throws IOException {
        String id = "1a2b3c4d-0000-4000-8000-000000000001";
        String yaml = "apiVersion: v1\nkind: Config\ncurrent-context: sb-acme-1a2b3c\n";
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer portal =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        portal.createContext("/api/v1/sandboxes/", exchange -> {
            asked.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Accept") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            boolean known = exchange.getRequestURI().getPath().equals("/api/v1/sandboxes/" + id + "/kubeconfig");
            byte[] body = (known
                            ? yaml
                            : "{\"status\":404,\"code\":\"sandbox.not_found\",\"detail\":\"There is no sandbox you can see.\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", known ? "application/yaml" : "application/problem+json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        portal.start();
        try {
            Map<String, String> env = Map.of(
                    "DEMO_PORTAL_URL",
                    "http://127.0.0.1:" + portal.getAddress().getPort(),
                    "DEMO_PORTAL_TOKEN",
                    "dpt_test");

            CliRun printed = demo(env, "sandbox", "kubeconfig", id);

            assertThat(printed.exitCode()).as(printed.err()).isZero();
            assertThat(printed.out()).isEqualTo(yaml);
            assertThat(asked)
                    .containsExactly("/api/v1/sandboxes/" + id
                            + "/kubeconfig application/yaml, application/problem+json" + " Bearer dpt_test");

            Path file = config.resolve("sandbox.kubeconfig");
            CliRun written = demo(env, "sandbox", "kubeconfig", id, "--output", file.toString());

            assertThat(written.exitCode()).as(written.err()).isZero();
            assertThat(Files.readString(file)).isEqualTo(yaml);
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

            CliRun other = demo(env, "sandbox", "kubeconfig", "1a2b3c4d-0000-4000-8000-000000000002");
            assertThat(other.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(other.err()).contains("sandbox.not_found");

            CliRun notAnId = demo(env, "sandbox", "kubeconfig", "1234");
            assertThat(notAnId.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(asked).hasSize(3);
        } finally {
            portal.stop(0);
        }
    }

    @Test
    void jsonIsAcceptedAfterTheSubcommand() {
        CliRun run = demo(Map.of(), "logout", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(run.out())
                        .get("signedOut")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void theSignInIsReadableByItsOwnerOnly() throws IOException {
        LoginStore store = new LoginStore(config.resolve("demo-portal"));
        store.write(
                new LoginStore.Login("http://p/", "http://i/", "portal-cli", "secret", NOW.toString(), "A", "refresh"));

        assertThat(Files.getPosixFilePermissions(store.file()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(config.resolve("demo-portal")))
                .containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        assertThat(store.read().accessToken()).isEqualTo("secret");
        try (var files = Files.list(config.resolve("demo-portal"))) {
            assertThat(files.toList()).containsExactly(store.file());
        }

        CliRun run = demo(Map.of(), "logout");
        assertThat(run.out()).isEqualTo("Not signed in.\n");
        assertThat(store.delete()).isTrue();
    }

    @Test
    void configDirectoryFollowsXdg() {
        Path home = Path.of("/home/u");

        assertThat(CliContext.configDir(Map.of("XDG_CONFIG_HOME", "/cfg"), home))
                .isEqualTo(Path.of("/cfg/demo-portal"));
        assertThat(CliContext.configDir(Map.of("XDG_CONFIG_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/u/.config/demo-portal"));
        assertThat(CliContext.configDir(Map.of(), home)).isEqualTo(Path.of("/home/u/.config/demo-portal"));
    }

    @Test
    void durationsAsPeopleTypeThem() {
        assertThat(Times.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Times.duration("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Times.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Times.duration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Times.duration("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(Times.duration("p1d")).isEqualTo(Duration.ofDays(1));
        for (String wrong : List.of("", "0h", "h", "2x", "-PT1H", "PT0S")) {
            assertThatThrownBy(() -> Times.duration(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Times.show(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Times.show(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Times.show(Duration.ofMinutes(45))).isEqualTo("45m");
        assertThat(Times.show(Duration.ofDays(3))).isEqualTo("3d");
        assertThat(Times.show(Duration.ofMinutes(90).minusMillis(1500))).isEqualTo("1h30m");
        assertThat(Times.show(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("2026-12-07 08:00 UTC");
    }

    @Test
    void startTimesInTheUsersZoneOrWithAnOffset() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        assertThat(Times.instant("2026-12-07T09:00", berlin)).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(Times.instant("2026-12-07 09:00", berlin)).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(Times.instant("2026-12-07T09:00:00Z", berlin)).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(Times.instant("2026-12-07T09:00+05:00", berlin)).isEqualTo(Instant.parse("2026-12-07T04:00:00Z"));
        assertThatThrownBy(() -> Times.instant("tomorrow", berlin))
                .hasMessageContaining("'tomorrow' is not a time")
                .hasMessageContaining("Europe/Berlin");
        assertThat(Times.show(Instant.parse("2026-12-07T08:00:00Z"), berlin))
                .isEqualTo("2026-12-07 09:00 Europe/Berlin");
    }

    @Test
    void aProblemReadsAsAnErrorWithItsFieldsAndExtras() {
        var problem = new ApiProblem(
                409,
                JsonMapper.builder()
                        .build()
                        .readTree("{\"title\":\"Conflict\",\"status\":409,\"detail\":\"Every slot is taken\","
                                + "\"code\":\"slot_unavailable\",\"nextFreeAt\":\"2026-12-06T20:00:00Z\","
                                + "\"errors\":[{\"field\":\"duration\",\"message\":\"too long\"}]}"));

        assertThat(problem.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(problem.describe())
                .isEqualTo("error: Every slot is taken (slot_unavailable, HTTP 409)\n  duration: too long\n"
                        + "  nextFreeAt: 2026-12-06T20:00:00Z");
        assertThat(new ApiProblem(401, JsonMapper.builder().build().readTree("{\"code\":\"auth.token_expired\"}"))
                        .exitCode())
                .isEqualTo(ExitCodes.SIGN_IN);
    }

    @Test
    void theRunOfACiJobIsItsPipelineUrl() {
        assertThat(DeployReport.runUrl(Map.of(
                        "GITHUB_SERVER_URL",
                        "https://github.com",
                        "GITHUB_REPOSITORY",
                        "acme/app",
                        "GITHUB_RUN_ID",
                        "42")))
                .isEqualTo("https://github.com/acme/app/actions/runs/42");
        assertThat(DeployReport.runUrl(Map.of("CIRCLE_BUILD_URL", "https://circleci.com/gh/acme/app/7")))
                .isEqualTo("https://circleci.com/gh/acme/app/7");
        assertThat(DeployReport.runUrl(Map.of())).isNull();
    }
}
