package dev.demoportal.booking.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/slots/free} as a script uses it: ranked answers, each bookable as given. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=false"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlotFinderApiIT {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    EnvironmentService environments;

    private ApiClient api;
    private String alice;
    private String carol;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        alice = signIn.accessToken("alice");
        carol = signIn.accessToken("carol");
        SystemTask.run("test", List.of("ADMIN"), () -> {
            environments.createEnvironment(
                    new EnvironmentForm("find-na", "Finder NA", "na", 1, EnvironmentStatus.AVAILABLE, "", List.of()));
            environments.createEnvironment(new EnvironmentForm(
                    "find-emea", "Finder EMEA", "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of()));
            environments.createEnvironment(new EnvironmentForm(
                    "find-apj", "Finder APJ", "apj", 1, EnvironmentStatus.AVAILABLE, "", List.of()));
            return null;
        });
    }

    private List<JsonNode> mine(JsonNode answers) {
        List<JsonNode> mine = new ArrayList<>();
        answers.forEach(a -> {
            if (a.get("environment").asString().startsWith("find-")) {
                mine.add(a);
            }
        });
        return mine;
    }

    @Test
    void aTokyoCustomerGetsJapanFirstAndEachAnswerBooksAsGiven() {
        Instant from = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(Duration.ofHours(6));
        // Japan is busy for the first two hours of the window, yet ranks first for a Tokyo customer
        assertThat(api.post(
                                "/api/v1/bookings",
                                alice,
                                Map.of(
                                        "environment",
                                        "find-apj",
                                        "start",
                                        from.toString(),
                                        "end",
                                        from.plus(Duration.ofHours(2)).toString(),
                                        "purpose",
                                        "Earlier call"))
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> response = api.get(
                "/api/v1/slots/free?duration=PT2H&from=" + from + "&to=" + to
                        + "&tz=Asia/Tokyo&regions=na,emea,apj&limit=50",
                alice);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> answers = mine(json(response));
        assertThat(answers)
                .extracting(a -> a.get("environment").asString())
                .containsExactly("find-apj", "find-emea", "find-na");
        assertThat(Instant.parse(answers.get(0).get("start").asString())).isEqualTo(from.plus(Duration.ofHours(2)));
        assertThat(Instant.parse(answers.get(1).get("start").asString())).isEqualTo(from);
        assertThat(answers.get(0).get("distance").asString()).isEqualTo("PT0S");
        assertThat(answers.get(0).get("regionTimeZone").asString()).isEqualTo("Asia/Tokyo");

        JsonNode book = answers.get(0).get("book");
        HttpResponse<String> booked = api.post(
                "/api/v1/bookings",
                alice,
                ApiClient.JSON.writeValueAsString(Map.of(
                        "environment",
                        book.get("environment").asString(),
                        "start",
                        book.get("start").asString(),
                        "end",
                        book.get("end").asString(),
                        "purpose",
                        "Tokyo customer")));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
    }

    @Test
    void aWindowInTheCustomersLocalTimeIsReadInTheirZone() {
        String day = Instant.now().plus(Duration.ofDays(3)).toString().substring(0, 10);
        HttpResponse<String> response = api.get(
                "/api/v1/slots/free?duration=PT1H&from=" + day + "T09:00&to=" + day + "T12:00&tz="
                        + URLEncoder.encode("Asia/Tokyo", StandardCharsets.UTF_8) + "&regions=emea",
                alice);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode first = mine(json(response)).getFirst();
        // 09:00 in Tokyo is 00:00 UTC
        assertThat(first.get("start").asString()).isEqualTo(day + "T00:00:00Z");
        // Dublin is nine hours behind Tokyo in winter, eight in summer
        assertThat(first.get("distance").asString()).isIn("PT9H", "PT8H");
    }

    @Test
    void badSearchesAreRefusedWithProblemCodes() {
        assertProblem(api.get("/api/v1/slots/free?duration=PT2H&tz=Mars/Olympus", alice), 400, "validation.failed");
        assertProblem(api.get("/api/v1/slots/free", alice), 400, "validation.failed");
        assertProblem(api.get("/api/v1/slots/free?duration=two-hours", alice), 400, "validation.failed");
        assertProblem(api.get("/api/v1/slots/free?duration=PT2H&from=tomorrow", alice), 400, "validation.failed");
        assertProblem(api.get("/api/v1/slots/free?duration=PT2H&limit=500", alice), 400, "validation.failed");
        assertProblem(api.get("/api/v1/slots/free?duration=PT2H", carol), 403, "auth.forbidden");
    }
}
