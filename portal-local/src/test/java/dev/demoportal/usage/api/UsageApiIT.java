package dev.demoportal.usage.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.base.SystemTask;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.UsageRows;
import dev.demoportal.testing.UsageRows.SandboxHistory;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage and audit API as a BI tool or a script uses it, with real tokens from local mode's
 * provider: the same numbers as the service behind the dashboards, CSV exports with the same
 * filters, and who may read what.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=false"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageApiIT {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UsageService usage;

    @Autowired
    JsonMapper mapper;

    private ApiClient client;
    private String maria;
    private String alice;
    private String carol;
    private UUID acmeCorp;
    private UUID globex;

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @BeforeAll
    void setUp() {
        client = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        maria = signIn.accessToken("maria");
        alice = signIn.accessToken("alice");
        carol = signIn.accessToken("carol");
        // the first API call creates the portal users (and Carol's organisation) from the tokens
        for (String token : List.of(maria, alice, carol)) {
            assertThat(client.get("/api/v1/me", token).statusCode()).isEqualTo(200);
        }
        UUID aliceId =
                jdbc.queryForObject("select id from portal_user where email = 'alice@demoportal.dev'", UUID.class);
        acmeCorp = jdbc.queryForObject(
                "select organisation_id from portal_user where email = 'carol@acme.example'", UUID.class);

        UsageRows rows = new UsageRows(dataSource);
        globex = rows.organisation("Globex Inc");
        UUID requester = rows.user("Rita Requester", "CUSTOMER", acmeCorp);
        UUID bob = rows.user("Bob Field", "FIELD_ENGINEER", null);
        UUID tokyo = rows.environment("tokyo-api", "apj", 2, t("2026-01-01T00:00:00Z"));
        // 22:00–02:00 in Tokyo: 2 h on each local day; the customer's name needs CSV quoting and defusing
        rows.booking(
                tokyo,
                1,
                aliceId,
                t("2026-02-10T13:00:00Z"),
                t("2026-02-10T17:00:00Z"),
                "BOOKED",
                "=HYPERLINK(\"x\"), Inc");
        rows.booking(tokyo, 2, bob, t("2026-02-11T01:00:00Z"), t("2026-02-11T02:30:00Z"), "RELEASED", null);
        UUID template = rows.template("api-starter");
        Instant r = t("2026-02-10T00:00:00Z");
        rows.sandbox(
                template,
                "apj",
                acmeCorp,
                requester,
                SandboxHistory.requested(r)
                        .autoApproved(r)
                        .ready(r.plus(Duration.ofMinutes(30)), t("2026-02-11T00:30:00Z")));

        rows.audit(
                t("2026-02-10T01:00:00Z"), "Rita Requester", "sandbox.requested", "sandbox", "sb-acme", acmeCorp, null);
        rows.audit(t("2026-02-10T02:00:00Z"), "Gus Globex", "sandbox.requested", "sandbox", "sb-globex", globex, null);
        rows.audit(
                t("2026-02-10T03:00:00Z"),
                "Alice Field",
                "booking.created",
                "booking",
                "b-1",
                null,
                "{\"note\":\"a, \\\"quoted\\\" note\"}");
    }

    @Test
    void utilisationJsonIsWhatTheDashboardServiceComputes() {
        HttpResponse<String> response =
                client.get("/api/v1/usage/utilisation?from=2026-02-10&to=2026-02-11&region=apj", maria);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = ApiClient.JSON.readTree(response.body());

        JsonNode service = ApiClient.JSON.readTree(mapper.writeValueAsString(SystemTask.run(
                "test",
                List.of("MANAGER"),
                () -> usage.utilisation(UsageFilter.of(LocalDate.parse("2026-02-10"), LocalDate.parse("2026-02-11"))
                        .withRegion("apj")))));
        assertThat(api).isEqualTo(service);
        // and the numbers are the hand-computed ones
        assertThat(api.get("environments").get(0).get("bookedHours").asDouble()).isEqualTo(5.5);
        assertThat(api.get("environments").get(0).get("availableHours").asDouble())
                .isEqualTo(96.0);
        assertThat(api.get("days").get(0).get("day").asString()).isEqualTo("2026-02-10");
        assertThat(api.get("days").get(1).get("bookedHours").asDouble()).isEqualTo(3.5);
    }

    @Test
    void sandboxJsonIsWhatTheDashboardServiceComputes() {
        JsonNode api =
                ApiClient.JSON.readTree(client.get("/api/v1/usage/sandboxes?from=2026-02-10&to=2026-02-10", maria)
                        .body());
        JsonNode service = ApiClient.JSON.readTree(mapper.writeValueAsString(SystemTask.run(
                "test",
                List.of("MANAGER"),
                () -> usage.sandboxes(UsageFilter.of(LocalDate.parse("2026-02-10"), LocalDate.parse("2026-02-10"))))));
        assertThat(api).isEqualTo(service);
        assertThat(api.get("funnel").get("requested").asLong()).isEqualTo(1);
        assertThat(api.get("leadTime").get("p50Minutes").asDouble()).isEqualTo(30.0);
        assertThat(ApiClient.JSON
                        .readTree(client.get(
                                        "/api/v1/usage/sandboxes?from=2026-02-10&to=2026-02-10&organisation=" + globex,
                                        maria)
                                .body())
                        .get("funnel")
                        .get("requested")
                        .asLong())
                .isZero();
    }

    @Test
    void tablesExportAsCsvWithTheSameFilters() throws IOException {
        HttpResponse<String> days = client.get(
                "/api/v1/usage/environment-days.csv?from=2026-02-10&to=2026-02-11&environment=tokyo-api", maria);
        assertThat(days.statusCode()).isEqualTo(200);
        assertThat(days.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(days.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("environment-days-2026-02-10-2026-02-11.csv"));
        List<CSVRecord> dayRows = csv(days.body());
        assertThat(dayRows)
                .extracting(x -> x.get("day") + " " + x.get("booked_hours") + "/" + x.get("available_hours"))
                .containsExactly("2026-02-10 2.0/48.0", "2026-02-11 3.5/48.0");

        List<CSVRecord> bookings =
                csv(client.get("/api/v1/usage/bookings.csv?from=2026-02-10&to=2026-02-10&region=apj", maria)
                        .body());
        assertThat(bookings).singleElement().satisfies(b -> {
            // quoted by the CSV rules, and defused so a spreadsheet does not run it as a formula
            assertThat(b.get("customer")).isEqualTo("'=HYPERLINK(\"x\"), Inc");
            assertThat(b.get("hours_in_range")).isEqualTo("2.0");
            assertThat(b.get("start")).isEqualTo("2026-02-10T13:00:00Z");
        });
        assertThat(csv(client.get("/api/v1/usage/customers.csv?from=2026-02-11&to=2026-02-11", maria)
                        .body()))
                .extracting(x -> x.get("customer") + " " + x.get("hours"))
                .containsExactly("'=HYPERLINK(\"x\"), Inc 2.0", "(internal) 1.5");

        assertThat(client.get("/api/v1/usage/nonsense.csv", maria).statusCode()).isEqualTo(400);
    }

    @Test
    void badFiltersAreProblemsWithAStableCode() {
        HttpResponse<String> backwards = client.get("/api/v1/usage/utilisation?from=2026-02-10&to=2026-02-01", maria);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(ApiClient.JSON.readTree(backwards.body()).get("code").asString())
                .isEqualTo("validation.failed");
        assertThat(client.get("/api/v1/usage/utilisation?from=yesterday", maria).statusCode())
                .isEqualTo(400);
        assertThat(client.get("/api/v1/usage/utilisation?region=mars", maria).statusCode())
                .isEqualTo(400);
        assertThat(client.get("/api/v1/usage/bookings.csv?from=2026-02-10&to=2026-02-01", maria)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void fieldEngineersGetTheirOwnSummaryAndCustomersNothing() {
        assertThat(client.get("/api/v1/usage/utilisation", alice).statusCode()).isEqualTo(403);
        assertThat(client.get("/api/v1/usage/holders", alice).statusCode()).isEqualTo(403);
        assertThat(client.get("/api/v1/usage/bookings.csv", alice).statusCode()).isEqualTo(403);
        JsonNode mine = ApiClient.JSON.readTree(client.get("/api/v1/usage/me?from=2026-02-01&to=2026-02-28", alice)
                .body());
        assertThat(mine.get("hours").asDouble()).isEqualTo(4.0);
        assertThat(mine.get("byEnvironment")).hasSize(1);

        for (String path : List.of(
                "/api/v1/usage/utilisation",
                "/api/v1/usage/sandboxes",
                "/api/v1/usage/now",
                "/api/v1/usage/me",
                "/api/v1/usage/holders.csv",
                "/api/v1/audit")) {
            HttpResponse<String> response = client.get(path, carol);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(ApiClient.JSON.readTree(response.body()).get("code").asString())
                    .isEqualTo("auth.forbidden");
        }
        assertThat(client.send(
                                HttpRequest.newBuilder(client.uri("/api/v1/usage/utilisation"))
                                        .GET(),
                                null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void auditSearchPagesAndCustomersExportOnlyTheirOrganisation() throws IOException {
        JsonNode page = ApiClient.JSON.readTree(
                client.get("/api/v1/audit?from=2026-02-10T00:00:00Z&to=2026-02-11T00:00:00Z&limit=2", maria)
                        .body());
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("action").asString()).isEqualTo("booking.created");

        List<CSVRecord> all =
                csv(client.get("/api/v1/audit.csv?from=2026-02-10T00:00:00Z&to=2026-02-11T00:00:00Z", maria)
                        .body());
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("details")).isEqualTo("{\"note\":\"a, \\\"quoted\\\" note\"}");

        // Carol asks for Globex's entries and gets her own organisation's, nothing else
        List<CSVRecord> own = csv(
                client.get("/api/v1/audit.csv?organisation=" + globex, carol).body());
        assertThat(own).extracting(x -> x.get("target_id")).contains("sb-acme").doesNotContain("sb-globex", "b-1");
        assertThat(own).allSatisfy(x -> assertThat(x.get("organisation_id")).isEqualTo(acmeCorp.toString()));
        assertThat(client.get("/api/v1/audit.csv", alice).statusCode()).isEqualTo(403);
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(body))
                .getRecords();
    }
}
