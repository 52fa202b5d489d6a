package dev.demoportal.booking.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.base.PortalPrincipal;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.booking.SlotResetStatus;
import dev.demoportal.booking.SlotResetSummary;
import dev.demoportal.booking.SlotUnavailable;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.AccessSettings.SubjectKind;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.ResetPlan;
import dev.demoportal.environment.ResetPlanService;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.provisioning.SlotResetDriver;
import dev.demoportal.provisioning.worker.ProvisioningWorkerApplication;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesResetDriver;
import dev.demoportal.testing.PortalDatabaseTest;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Verified hand-off against fabric8's CRUD mock API server (it stores Jobs but runs nothing: the
 * test sets a Job's status as Kubernetes would once its pod ended). The waitlisted person gets a
 * released slot only once its reset Job succeeded; a failed Job takes the slot out of service,
 * tells the admins, and keeps everyone off it (the database refuses a holding too) until an admin
 * returns it to service.
 */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "db-scheduler.enabled=false")
@PortalDatabaseTest
@EnableKubernetesMockClient(crud = true)
@Import(SlotResetWorkerIT.FakeCluster.class)
class SlotResetWorkerIT {

    static KubernetesClient client;

    /** Generous for a loaded two-core machine. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class FakeCluster {
        @Bean
        @Primary
        SlotResetDriver kubernetesAgainstMockServer() {
            return new KubernetesResetDriver(step -> client);
        }
    }

    record Signed(UUID userId, String displayName) implements PortalPrincipal {}

    @Autowired
    BookingService bookings;

    @Autowired
    WaitlistService waitlist;

    @Autowired
    EnvironmentService environments;

    @Autowired
    ResetPlanService plans;

    @Autowired
    SlotResetService resets;

    @Autowired
    SlotResetWork work;

    @Autowired
    UserService users;

    @Autowired
    JdbcClient jdbc;

    private EnvironmentSummary environment;
    private UserAccount alice;
    private UserAccount bob;
    private UserAccount admin;

    @BeforeEach
    void setUp() {
        String slug = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        environment = SystemTask.run("test", List.of("ADMIN"), () -> {
            EnvironmentSummary created = environments.createEnvironment(
                    new EnvironmentForm(slug, "Env " + slug, "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of()));
            environments.updateAccessSettings(
                    created.id(),
                    created.version(),
                    new AccessSettings("{environment}-slot-{slot}", SubjectKind.USER, "oidc:{email}", "edit"));
            plans.update(
                    created.id(),
                    new ResetPlan(List.of(new ResetPlan.Step(
                            "wipe", "bitnami/kubectl:1.31", List.of("delete", "all", "--all"), null, 5))));
            return created;
        });
        alice = person("alice", slug, Role.FIELD_ENGINEER);
        bob = person("bob", slug, Role.FIELD_ENGINEER);
        admin = person("admin", slug, Role.ADMIN);
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theWaitlistedPersonGetsTheSlotOnlyAfterItsResetSucceeded() {
        as(alice, Role.FIELD_ENGINEER);
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(3), "Demo", null);
        as(bob, Role.FIELD_ENGINEER);
        Instant now = Instant.now();
        waitlist.joinWaitlist(environment.slug(), now, now.plus(Duration.ofHours(2)), Duration.ofHours(1), "Next demo");

        as(alice, Role.FIELD_ENGINEER);
        bookings.release(held.id());

        // released, but the slot is resetting: the waitlist hand-off right after the release left Bob waiting
        assertThat(latest().status()).isEqualTo(SlotResetStatus.PENDING);
        assertThat(bookingsOf(bob)).isZero();
        assertThat(waitingCount()).isEqualTo(1);
        assertThatThrownBy(this::insertHoldingNow)
                .as("the database refuses a holding of a resetting slot")
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("slot_not_ready");

        CompletableFuture<Integer> pass = CompletableFuture.supplyAsync(work::run);
        Job job = awaitJob();
        assertThat(job.getMetadata().getLabels()).containsEntry("demoportal.dev/slot", "1");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers())
                .singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("bitnami/kubectl:1.31"));
        assertThat(bookingsOf(bob)).as("not before the Job completed").isZero();
        assertThat(latest().status()).isEqualTo(SlotResetStatus.RUNNING);

        finish(job, true);

        assertThat(pass.join()).isEqualTo(1);
        SlotResetSummary clean = latest();
        assertThat(clean.status()).isEqualTo(SlotResetStatus.SUCCEEDED);
        assertThat(clean.state()).isEqualTo(SlotResetSummary.SlotState.CLEAN);
        await(() -> bookingsOf(bob) == 1);
        Instant bobFrom = jdbc.sql("select starts_at from booking where holder_id = ?")
                .param(bob.id())
                .query(Timestamp.class)
                .single()
                .toInstant();
        assertThat(bobFrom).isAfterOrEqualTo(clean.finishedAt().minusSeconds(1));
        assertThat(waitingCount()).isZero();
    }

    @Test
    void aFailedResetTakesTheSlotOutOfServiceTellsTheAdminsAndAnAdminReturnsIt() {
        as(alice, Role.FIELD_ENGINEER);
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(1), "Demo", null);
        bookings.release(held.id());

        CompletableFuture<Integer> pass = CompletableFuture.supplyAsync(work::run);
        finish(awaitJob(), false);
        assertThat(pass.join()).isEqualTo(1);

        SlotResetSummary failed = latest();
        assertThat(failed.status()).isEqualTo(SlotResetStatus.FAILED);
        assertThat(failed.state()).isEqualTo(SlotResetSummary.SlotState.OUT_OF_SERVICE);
        assertThat(failed.error()).contains("step 1 (wipe)").contains("BackoffLimitExceeded");
        assertThat(jdbc.sql("select message from notification where user_id = ?")
                        .param(admin.id())
                        .query(String.class)
                        .list())
                .anySatisfy(m -> assertThat(m).contains("Resetting Env " + environment.slug(), "out of service"));

        as(bob, Role.FIELD_ENGINEER);
        assertThatThrownBy(() -> bookings.claim(environment.slug(), Duration.ofHours(1), "Try", null))
                .isInstanceOf(SlotUnavailable.class);
        assertThatThrownBy(this::insertHoldingNow).hasMessageContaining("slot_not_ready");

        as(admin, Role.ADMIN);
        SlotResetSummary returned = resets.returnToService(environment.slug(), 1, "Wiped by hand");
        assertThat(returned.status()).isEqualTo(SlotResetStatus.RETURNED);
        assertThat(returned.state().available()).isTrue();
        assertThatThrownBy(() -> resets.returnToService(environment.slug(), 1, null))
                .hasMessageContaining("already returned to service");

        as(bob, Role.FIELD_ENGINEER);
        BookingSummary bobs = bookings.claim(environment.slug(), Duration.ofHours(1), "Now it works", null);
        assertThat(bobs.slot()).isEqualTo(1);
    }

    private void finish(Job job, boolean succeeded) {
        job.setStatus(
                succeeded
                        ? new JobStatusBuilder()
                                .withSucceeded(1)
                                .addToConditions(new JobConditionBuilder()
                                        .withType("Complete")
                                        .withStatus("True")
                                        .build())
                                .build()
                        : new JobStatusBuilder()
                                .withFailed(1)
                                .addToConditions(new JobConditionBuilder()
                                        .withType("Failed")
                                        .withStatus("True")
                                        .withReason("BackoffLimitExceeded")
                                        .build())
                                .build());
        client.batch()
                .v1()
                .jobs()
                .inNamespace(job.getMetadata().getNamespace())
                .resource(job)
                .updateStatus();
    }

    private Job awaitJob() {
        String namespace = environment.slug() + "-slot-1";
        await(() -> !client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .list()
                .getItems()
                .isEmpty());
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .list()
                .getItems()
                .getFirst();
    }

    private SlotResetSummary latest() {
        return SystemTask.run(
                "test", List.of("ADMIN"), () -> resets.latest(environment.id()).get(1));
    }

    private long bookingsOf(UserAccount who) {
        return jdbc.sql("select count(*) from booking where holder_id = ? and status = 'BOOKED'")
                .param(who.id())
                .query(Long.class)
                .single();
    }

    private long waitingCount() {
        return jdbc.sql("select count(*) from waitlist_entry where environment_id = ? and status = 'WAITING'")
                .param(environment.id())
                .query(Long.class)
                .single();
    }

    private void insertHoldingNow() {
        Instant now = Instant.now();
        jdbc.sql("""
                        insert into booking (id, environment_id, slot_no, holder_id, starts_at, ends_at, booked_until,
                                             status, purpose, created_at, updated_at)
                        values (?, ?, 1, ?, ?, ?, ?, 'BOOKED', 'sneaky', ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        environment.id(),
                        bob.id(),
                        Timestamp.from(now),
                        Timestamp.from(now.plusSeconds(3600)),
                        Timestamp.from(now.plusSeconds(3600)),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    private UserAccount person(String name, String slug, Role role) {
        return users.signIn(new MappedIdentity(
                "https://idp.example",
                "sub-" + UUID.randomUUID(),
                name + "." + slug + "@demoportal.dev",
                true,
                name,
                Set.of(role),
                null));
    }

    private static void as(UserAccount who, Role role) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                new TestingAuthenticationToken(new Signed(who.id(), who.displayName()), "n/a", role.authority()));
        SecurityContextHolder.setContext(context);
    }

    private static void await(BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > WAIT.toNanos()) {
                throw new AssertionError("Not true within " + WAIT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
