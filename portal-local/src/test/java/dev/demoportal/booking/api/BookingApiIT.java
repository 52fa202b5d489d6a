package dev.demoportal.booking.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The booking API as a pipeline uses it, with real tokens from local mode's provider: booking,
 * conflicts with the next free time, validation, who may change what, and the waitlist hand-off.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=false"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingApiIT {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EnvironmentService environments;

    private ApiClient api;
    private String alice;
    private String frank;
    private String carol;
    private Instant tomorrow;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        alice = signIn.accessToken("alice");
        frank = signIn.accessToken("frank");
        carol = signIn.accessToken("carol");
        tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        SystemTask.run("test", List.of("ADMIN"), () -> {
            for (String slug : List.of("solo", "solo-claim", "solo-change", "solo-wait", "solo-check", "solo-race")) {
                environments.createEnvironment(new EnvironmentForm(
                        slug, "Env " + slug, "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of()));
            }
            environments.createEnvironment(new EnvironmentForm(
                    "duo-slot", "Env duo-slot", "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of()));
            return null;
        });
    }

    @Test
    void theOnlySlotGoesToTheFirstAndTheSecondLearnsWhenItIsFreeAgain() {
        HttpResponse<String> first =
                api.post("/api/v1/bookings", alice, booking("solo", tomorrow, tomorrow.plus(Duration.ofHours(2))));
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode booked = ApiClient.JSON.readTree(first.body());
        assertThat(booked.get("slot").asInt()).isEqualTo(1);
        assertThat(booked.get("status").asString()).isEqualTo("RESERVED");
        assertThat(booked.get("holder").get("name").asString()).isEqualTo("Alice Field");
        assertThat(first.headers().firstValue("Location"))
                .hasValue("/api/v1/bookings/" + booked.get("id").asString());

        HttpResponse<String> second = api.post(
                "/api/v1/bookings",
                frank,
                booking("solo", tomorrow.plus(Duration.ofHours(1)), tomorrow.plus(Duration.ofHours(3))));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        JsonNode problem = ApiClient.JSON.readTree(second.body());
        assertThat(problem.get("code").asString()).isEqualTo("slot_unavailable");
        assertThat(Instant.parse(problem.get("nextFreeAt").asString())).isEqualTo(tomorrow.plus(Duration.ofHours(2)));

        JsonNode window = ApiClient.JSON.readTree(api.get(
                        "/api/v1/environments/solo/bookings?from=" + tomorrow + "&to="
                                + tomorrow.plus(Duration.ofDays(1)),
                        frank)
                .body());
        assertThat(window).hasSize(1);
        assertThat(window.get(0).get("holder").get("name").asString()).isEqualTo("Alice Field");
    }

    @Test
    void fiftyConcurrentRequestsForTheOnlySlotGetOne201AndFortyNine409s() throws Exception {
        Instant start = tomorrow.plus(Duration.ofDays(1));
        String body = booking("solo-race", start, start.plus(Duration.ofHours(1)));
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String token = i % 2 == 0 ? alice : frank;
                calls.add(pool.submit(() -> {
                    go.await();
                    return api.post("/api/v1/bookings", token, body).statusCode();
                }));
            }
            go.countDown();
            statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS));
            }
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(jdbc.queryForObject("""
                select count(*) from booking a join booking b
                  on a.environment_id = b.environment_id and a.slot_no = b.slot_no and a.id < b.id
                 and a.period && b.period
                where a.status = 'BOOKED' and b.status = 'BOOKED'""", Integer.class)).isZero();
    }

    @Test
    void invalidRequestsGetFieldErrorsAndWriteNothing() {
        int before = count();
        HttpResponse<String> endBeforeStart = api.post(
                "/api/v1/bookings",
                alice,
                booking("solo", tomorrow.plus(Duration.ofHours(5)), tomorrow.plus(Duration.ofHours(4))));
        assertThat(endBeforeStart.statusCode()).isEqualTo(400);
        JsonNode problem = ApiClient.JSON.readTree(endBeforeStart.body());
        assertThat(problem.get("code").asString()).isEqualTo("validation.failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("end");

        assertThat(api.post("/api/v1/bookings", alice, "{\"environment\":\"solo\",\"start\":\"not a time\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/bookings",
                                alice,
                                booking(
                                        "solo",
                                        Instant.now().minus(Duration.ofDays(1)),
                                        Instant.now().minus(Duration.ofHours(20))))
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/bookings",
                                alice,
                                booking("no-such-env", tomorrow, tomorrow.plus(Duration.ofHours(1))))
                        .statusCode())
                .isEqualTo(404);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void claimNowShowsUpAsTheHolderOfTheEnvironment() {
        HttpResponse<String> claimed = api.post(
                "/api/v1/environments/solo-claim/claim",
                alice,
                "{\"duration\":\"PT1H\",\"purpose\":\"Customer demo\",\"customer\":\"Acme\"}");
        assertThat(claimed.statusCode()).isEqualTo(201);
        JsonNode booking = ApiClient.JSON.readTree(claimed.body());
        assertThat(booking.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(booking.get("checkedIn").asBoolean()).isTrue();

        JsonNode environment = ApiClient.JSON.readTree(
                api.get("/api/v1/environments/solo-claim", frank).body());
        JsonNode holder = environment.get("holders").get(0);
        assertThat(holder.get("slot").asInt()).isEqualTo(1);
        assertThat(holder.get("holder").get("email").asString()).isEqualTo("alice@demoportal.dev");
        assertThat(holder.get("purpose").asString()).isEqualTo("Customer demo");
        assertThat(holder.get("bookingId").asString())
                .isEqualTo(booking.get("id").asString());
    }

    @Test
    void aClaimNamingASlotGetsThatSlotOrSlotTakenWithTheOneThatIsFree() {
        HttpResponse<String> second = api.post(
                "/api/v1/environments/duo-slot/claim",
                alice,
                "{\"duration\":\"PT1H\",\"purpose\":\"Slot two\",\"slot\":2}");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(ApiClient.JSON.readTree(second.body()).get("slot").asInt()).isEqualTo(2);

        HttpResponse<String> taken = api.post(
                "/api/v1/environments/duo-slot/claim",
                frank,
                "{\"duration\":\"PT1H\",\"purpose\":\"Also slot two\",\"slot\":2}");
        ApiClient.assertProblem(taken, 409, "slot_taken");
        JsonNode problem = ApiClient.JSON.readTree(taken.body());
        assertThat(problem.get("slot").asInt()).isEqualTo(2);
        assertThat(problem.get("freeSlot").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from booking b join shared_environment e on e.id = b.environment_id "
                                + "where e.slug = 'duo-slot'",
                        Integer.class))
                .isEqualTo(1);
    }

    @Test
    void onlyTheHolderChangesABookingAndCustomersHaveNoAccess() {
        String id = ApiClient.JSON
                .readTree(api.post(
                                "/api/v1/environments/solo-change/claim",
                                alice,
                                "{\"duration\":\"PT2H\",\"purpose\":\"Workshop\"}")
                        .body())
                .get("id")
                .asString();

        HttpResponse<String> byFrank = api.post("/api/v1/bookings/" + id + "/release", frank, "{}");
        assertThat(byFrank.statusCode()).isEqualTo(403);
        assertThat(ApiClient.JSON.readTree(byFrank.body()).get("code").asString())
                .isEqualTo("auth.forbidden");

        HttpResponse<String> extended = api.post(
                "/api/v1/bookings/" + id + "/extend",
                alice,
                "{\"until\":\"" + Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        assertThat(extended.statusCode()).isEqualTo(200);

        HttpResponse<String> released = api.post("/api/v1/bookings/" + id + "/release", alice, "{}");
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(ApiClient.JSON.readTree(released.body()).get("status").asString())
                .isEqualTo("RELEASED");
        assertThat(ApiClient.JSON
                        .readTree(api.get("/api/v1/environments/solo-change", frank)
                                .body())
                        .get("holders"))
                .isEmpty();

        assertThat(api.post("/api/v1/bookings/00000000-0000-0000-0000-000000000000/release", alice, "{}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/environments/solo-change/bookings", carol).statusCode())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/environments/solo-change/claim",
                                carol,
                                "{\"duration\":\"PT1H\",\"purpose\":\"x\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void cancelBeforeStartAndCheckInAfterIt() {
        String reserved = ApiClient.JSON
                .readTree(api.post(
                                "/api/v1/bookings",
                                alice,
                                booking("solo-check", tomorrow, tomorrow.plus(Duration.ofHours(1))))
                        .body())
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/bookings/" + reserved + "/check-in", alice, "{}")
                        .statusCode())
                .isEqualTo(409);
        HttpResponse<String> cancelled = api.send(
                HttpRequest.newBuilder(api.uri("/api/v1/bookings/" + reserved)).DELETE(), alice);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(ApiClient.JSON.readTree(cancelled.body()).get("status").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void whenTheHolderReleasesTheFirstInLineGetsTheSlotAndIsTold() {
        String held = ApiClient.JSON
                .readTree(api.post(
                                "/api/v1/environments/solo-wait/claim",
                                alice,
                                "{\"duration\":\"PT2H\",\"purpose\":\"Demo\"}")
                        .body())
                .get("id")
                .asString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> queued = api.post(
                "/api/v1/environments/solo-wait/waitlist",
                frank,
                "{\"from\":\"" + now + "\",\"until\":\"" + now.plus(Duration.ofMinutes(110))
                        + "\",\"duration\":\"PT1H\",\"purpose\":\"Partner training\"}");
        assertThat(queued.statusCode()).isEqualTo(201);
        assertThat(ApiClient.JSON.readTree(queued.body()).get("position").asInt())
                .isEqualTo(1);
        assertThat(ApiClient.JSON.readTree(api.get("/api/v1/environments/solo-wait/waitlist", alice)
                        .body()))
                .hasSize(1);

        assertThat(api.post("/api/v1/bookings/" + held + "/release", alice, "{}")
                        .statusCode())
                .isEqualTo(200);

        JsonNode holders = ApiClient.JSON
                .readTree(api.get("/api/v1/environments/solo-wait", alice).body())
                .get("holders");
        assertThat(holders).hasSize(1);
        assertThat(holders.get(0).get("holder").get("name").asString()).isEqualTo("Frank Field");
        assertThat(holders.get(0).get("purpose").asString()).isEqualTo("Partner training");
        assertThat(ApiClient.JSON.readTree(api.get("/api/v1/environments/solo-wait/waitlist", alice)
                        .body()))
                .isEmpty();
        assertThat(jdbc.queryForObject("""
                select count(*) from notification n join portal_user u on u.id = n.user_id
                where u.email = 'frank@demoportal.dev' and n.message like 'A slot freed up%'""", Integer.class)).isEqualTo(1);
    }

    private int count() {
        return jdbc.queryForObject("select count(*) from booking", Integer.class);
    }

    private static String booking(String environment, Instant start, Instant end) {
        return "{\"environment\":\"" + environment + "\",\"start\":\"" + start + "\",\"end\":\"" + end
                + "\",\"purpose\":\"Pipeline test\"}";
    }
}
