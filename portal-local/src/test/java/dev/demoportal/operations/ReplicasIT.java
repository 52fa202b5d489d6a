package dev.demoportal.operations;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.PortalApplication;
import dev.demoportal.local.idp.LocalIdentityProvider;
import dev.demoportal.testing.TestDatabase;
import dev.demoportal.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * N replicas on one PostgreSQL, each a JVM of its own: two portals and two workers, with the OIDC
 * provider in this test's JVM (so killing a portal does not take sign-in with it). What it proves:
 * a booking made through portal A reaches a board open on portal B (cross-replica NOTIFY); a
 * worker killed with SIGKILL mid-step has its job finished by the other with no resource created
 * twice (the simulated cloud is in the database, so both workers' side effects are counted); the
 * recurring tasks keep running, one row each, on the survivor; and portal A keeps serving when B
 * is killed. Timings are printed (they are reported, not asserted: the machine may be loaded).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    /** Generous: four JVMs start on two cores, possibly beside other builds. */
    private static final Duration START = Duration.ofMinutes(5);

    private static final Duration SETTLE = Duration.ofMinutes(3);

    private final List<Replica> replicas = new ArrayList<>();
    private final List<String> timings = new ArrayList<>();
    private LocalIdentityProvider.Running idp;
    private TestDatabase db;
    private String keyset;
    private JdbcTemplate jdbc;
    private Replica portalA;
    private Replica portalB;
    private Replica worker1;
    private Replica worker2;
    private ApiClient apiA;
    private DemoSignIn tokens;
    private Replica killedWorker;
    private Instant workerKilledAt;

    @BeforeAll
    void startReplicas() throws Exception {
        AeadConfig.register();
        // one keyset for the sandbox secrets of every replica, as the chart hands them one Secret
        keyset = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        db = TestDatabases.fresh();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), db.username(), db.password()));
        int portA = freePort();
        int portB = freePort();
        idp = LocalIdentityProvider.start(
                0,
                List.of(
                        "http://localhost:" + portA,
                        "http://127.0.0.1:" + portA,
                        "http://localhost:" + portB,
                        "http://127.0.0.1:" + portB));
        tokens = new DemoSignIn(idp.issuer());

        // A first: it migrates the schema and seeds the demo environments; the others find both
        portalA = portal("portal-a", portA, true).awaitReady(START);
        portalB = portal("portal-b", portB, false);
        worker1 = worker("worker-1");
        worker2 = worker("worker-2");
        portalB.awaitReady(START);
        worker1.awaitReady(START);
        worker2.awaitReady(START);
        apiA = new ApiClient(portA);
    }

    @AfterAll
    void stopReplicas() throws Exception {
        for (Replica replica : replicas) {
            replica.close();
        }
        if (idp != null) {
            idp.close();
        }
        timings.forEach(line -> System.out.println("[replicas] " + line));
        Files.write(Path.of("target", "replicas", "timings.txt"), timings);
    }

    @Test
    @Order(1)
    void aBookingThroughReplicaAReachesABoardOpenOnReplicaB() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM);
        try (Playwright playwright = Playwright.create(
                        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true)
                                .setArgs(List.of(
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-background-networking",
                                        "--disable-component-update",
                                        "--disable-sync",
                                        "--no-first-run",
                                        "--disable-quic")));
                BrowserContext context = browser.newContext()) {
            Page board = signIn(context, portalB, "alice");
            board.locator("#board-apj-demo-2").waitFor();
            assertThat(board.locator("#board-apj-demo-2")).not().containsText("Frank Field");

            String frank = tokens.accessToken("frank");
            Instant booked = Instant.now();
            HttpResponse<String> claim = apiA.post(
                    "/api/v1/environments/apj-demo-2/claim",
                    frank,
                    Map.of("duration", "PT1H", "purpose", "Replica test"));
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(201);

            assertThat(board.locator("#board-apj-demo-2"))
                    .containsText(
                            "Frank Field", new LocatorAssertions.ContainsTextOptions().setTimeout(SETTLE.toMillis()));
            timings.add("booking on portal A shown on a board open on portal B after "
                    + Duration.between(booked, Instant.now()).toMillis() + " ms (from the API call's start)");
        }
    }

    @Test
    @Order(2)
    void aWorkerKilledMidStepHasItsJobFinishedByTheOtherWithNoSideEffectTwice() throws Exception {
        HttpResponse<String> requested = apiA.post(
                "/api/v1/sandbox-requests",
                tokens.accessToken("carol"),
                Map.of("template", "cicd-trial", "region", "emea", "lifetimeHours", 24, "useCase", "Replica test"));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        UUID sandbox = UUID.fromString(ApiClient.json(requested).get("id").asString());

        // a step of its provision job is under way on some worker: kill that worker now
        await("a step of the job running", () -> jdbc.queryForObject("""
                select count(*) from provisioning_step s join provisioning_job j on j.id = s.job_id
                 where j.sandbox_id = ? and s.status = 'RUNNING' and s.ordinal >= 2""", Long.class, sandbox) > 0);
        Map<String, Object> running = jdbc.queryForMap("""
                select j.worker, s.ordinal from provisioning_step s join provisioning_job j on j.id = s.job_id
                 where j.sandbox_id = ? and s.status = 'RUNNING'""", sandbox);
        String holder = (String) running.get("worker");
        killedWorker = holder.startsWith(worker1.name + "#") ? worker1 : worker2;
        Replica survivor = killedWorker == worker1 ? worker2 : worker1;
        killedWorker.kill();
        workerKilledAt = Instant.now();

        await(
                "the interrupted step resumed by " + survivor.name,
                () -> jdbc.queryForObject("""
                select s.attempts from provisioning_step s join provisioning_job j on j.id = s.job_id
                 where j.sandbox_id = ? and s.ordinal = ?""", Integer.class, sandbox, running.get("ordinal")) >= 2);
        timings.add("worker " + killedWorker.name + " SIGKILLed mid-step; " + survivor.name + " resumed the step "
                + Duration.between(workerKilledAt, Instant.now()).toMillis() + " ms later");
        await(
                "the job finished by " + survivor.name,
                () -> "SUCCEEDED"
                        .equals(jdbc.queryForObject(
                                "select status from provisioning_job where sandbox_id = ?", String.class, sandbox)));
        Instant done = Instant.now();
        timings.add("... and finished the job (the remaining steps at 3 s each) "
                + Duration.between(workerKilledAt, done).toMillis()
                + " ms after the kill (heartbeat 1 s, dead after 4 missed)");

        // the interrupted step was applied again by the survivor (a second attempt), the earlier
        // ones were not; and the idempotent drivers made nothing twice
        assertThat(jdbc.queryForObject("""
                select s.attempts from provisioning_step s join provisioning_job j on j.id = s.job_id
                 where j.sandbox_id = ? and s.ordinal = ?""", Integer.class, sandbox, running.get("ordinal")))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("""
                select max(s.attempts) from provisioning_step s join provisioning_job j on j.id = s.job_id
                 where j.sandbox_id = ? and s.ordinal < ?""", Integer.class, sandbox, running.get("ordinal")))
                .isEqualTo(1);
        String name = jdbc.queryForObject("select name from sandbox where id = ?", String.class, sandbox);
        List<Map<String, Object>> resources = jdbc.queryForList(
                "select id, creations, present from simulated_resource where id like ?", "sim/%/" + name + "/%");
        assertThat(resources)
                .as("the sandbox's simulated resources")
                .hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(row -> {
                    assertThat(row.get("creations"))
                            .as("creations of " + row.get("id"))
                            .isEqualTo(1);
                    assertThat(row.get("present")).isEqualTo(true);
                });
        assertThat(jdbc.queryForObject("select status from sandbox where id = ?", String.class, sandbox))
                .isEqualTo("READY");
    }

    @Test
    @Order(3)
    void recurringTasksKeepRunningOnceEachOnTheSurvivingWorker() {
        Assumptions.assumeTrue(workerKilledAt != null, "runs after a worker was killed");
        List<String> recurring = jdbc.queryForList(
                "select distinct task_name from scheduled_tasks where task_name <> 'provisioning-job' order by 1",
                String.class);
        assertThat(recurring).contains("sandbox-expiry", "usage-rollup", "booking-no-shows");

        Timestamp killed = Timestamp.from(workerKilledAt);
        await(
                "every recurring task ran again after the kill",
                () -> jdbc.queryForObject("""
                select count(*) from scheduled_tasks where task_name = any(?)
                   and (last_success is null or last_success <= ?)""", Long.class, recurring.toArray(String[]::new), killed) == 0);
        timings.add("all " + recurring.size() + " recurring tasks ran again on the survivor within "
                + Duration.between(workerKilledAt, Instant.now()).toMillis() + " ms of the kill");

        for (String task : recurring) {
            assertThat(jdbc.queryForObject(
                            "select count(*) from scheduled_tasks where task_name = ?", Long.class, task))
                    .as("one execution row of " + task + ": it runs once per period across all workers")
                    .isEqualTo(1);
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from scheduled_tasks where picked and picked_by = ?",
                        Long.class,
                        killedWorker.name))
                .as("nothing still held by the dead worker")
                .isZero();
    }

    @Test
    @Order(4)
    void portalAKeepsServingWhenPortalBIsKilled() throws Exception {
        portalB.kill();
        Instant killed = Instant.now();

        HttpResponse<String> holders = apiA.get("/api/v1/environments/apj-demo-2", tokens.accessToken("maria"));
        assertThat(holders.statusCode()).as(holders.body()).isEqualTo(200);
        assertThat(holders.body()).contains("Frank Field");
        timings.add("portal B SIGKILLed; portal A answered who holds apj-demo-2 "
                + Duration.between(killed, Instant.now()).toMillis()
                + " ms later (it never stopped; B's users sign in again on A: Vaadin sessions are per pod)");
        assertThat(portalA.alive()).isTrue();
    }

    private Replica portal(String name, int port, boolean seed) throws IOException {
        Replica replica = Replica.start(
                name,
                PortalApplication.class.getName(),
                port,
                List.of(
                        "--spring.datasource.url=" + db.url(),
                        "--portal.local.enabled=true",
                        "--portal.local.idp-enabled=false",
                        "--portal.local.demo-data=" + seed,
                        "--portal.local.demo-history=false",
                        "--portal.worker.embedded=false",
                        "--vaadin.devmode.devTools.enabled=false"),
                // the OIDC wiring as production takes it: from the environment
                Map.of(
                        "SPRING_DATASOURCE_USERNAME",
                        db.username(),
                        "SPRING_DATASOURCE_PASSWORD",
                        db.password(),
                        "PORTAL_OIDC_ISSUER_URI",
                        idp.issuer(),
                        "PORTAL_OIDC_CLIENT_ID",
                        LocalIdentityProvider.PORTAL_CLIENT_ID,
                        "PORTAL_OIDC_CLIENT_SECRET",
                        idp.portalClientSecret(),
                        "PORTAL_API_AUDIENCES",
                        LocalIdentityProvider.API_AUDIENCE,
                        "PORTAL_API_ACCESSTOKENTYPES",
                        LocalIdentityProvider.ACCESS_TOKEN_TYPE,
                        "PORTAL_SANDBOX_KEYS_KEYSET",
                        keyset));
        replicas.add(replica);
        return replica;
    }

    private Replica worker(String name) throws IOException {
        // the worker's own executable jar (the reactor built it before this module): its class path
        // and defaults, not the portal's
        Replica replica = Replica.startJar(
                name,
                workerJar(),
                freePort(),
                List.of(
                        "--spring.datasource.url=" + db.url(),
                        "--db-scheduler.scheduler-name=" + name,
                        "--db-scheduler.polling-interval=1s",
                        "--db-scheduler.heartbeat-interval=1s",
                        "--db-scheduler.missed-heartbeats-limit=4",
                        "--portal.provisioning.simulated.latency=3s",
                        "--portal.usage.rollup-interval=5s",
                        "--portal.sandbox.keys.reencryption-interval=5s"),
                Map.of(
                        "SPRING_DATASOURCE_USERNAME",
                        db.username(),
                        "SPRING_DATASOURCE_PASSWORD",
                        db.password(),
                        "PORTAL_SANDBOX_KEYS_KEYSET",
                        keyset));
        replicas.add(replica);
        return replica;
    }

    private static Path workerJar() throws IOException {
        try (var jars = Files.list(Path.of("..", "provisioning-worker", "target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("provisioning-worker-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException(
                                    "provisioning-worker/target/provisioning-worker-*-exec.jar missing: build the reactor first"));
        }
    }

    private static Page signIn(BrowserContext context, Replica portal, String username) {
        Page page = context.newPage();
        page.setDefaultTimeout(SETTLE.toMillis());
        page.navigate(portal.base() + "/");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(DemoSignIn.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url -> url.startsWith(portal.base()) && !url.contains("/login"));
        page.locator("vaadin-app-layout").waitFor();
        return page;
    }

    private void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                StringBuilder logs = new StringBuilder();
                replicas.forEach(r ->
                        logs.append("\n--- ").append(r.name).append(" ---\n").append(r.tail()));
                throw new AssertionError("Timed out waiting for " + what + logs);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
