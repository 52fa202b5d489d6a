package dev.demoportal.booking.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.demoportal.base.PortalPrincipal;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.AccessStatus;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.AccessSettings.SubjectKind;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.provisioning.AccessBindingDriver;
import dev.demoportal.provisioning.worker.ProvisioningWorkerApplication;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesAccessDriver;
import dev.demoportal.testing.PortalDatabaseTest;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The worker's access leases against fabric8's CRUD mock API server (which stores RoleBindings but
 * enforces no RBAC): RoleBindings appear when a holding starts and disappear when it ends, one per
 * holding; and an end that passes while the worker is down is revoked as soon as it is back.
 */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "db-scheduler.enabled=false")
@PortalDatabaseTest
@EnableKubernetesMockClient(crud = true)
@Import(AccessLeaseWorkerIT.FakeClusterAndClock.class)
class AccessLeaseWorkerIT {

    static KubernetesClient client;

    /** Generous for a loaded two-core machine; the measured times are printed. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestConfiguration(proxyBeanMethods = false)
    static class FakeClusterAndClock {

        @Bean
        @Primary
        AccessBindingDriver kubernetesAgainstMockServer() {
            return new KubernetesAccessDriver(binding -> client);
        }

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    /** The system clock, moved forward by hand (db-scheduler keeps real time, as in production). */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void skip(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    record Signed(UUID userId, String displayName) implements PortalPrincipal {}

    @Autowired
    BookingService bookings;

    @Autowired
    EnvironmentService environments;

    @Autowired
    AccessLeaseService leases;

    @Autowired
    UserService users;

    @Autowired
    RecurringTask<Void> accessLeases;

    @Autowired
    DataSource dataSource;

    @Autowired
    MovableClock clock;

    @Autowired
    AccessWakeUp wakeUp;

    private EnvironmentSummary environment;
    private Scheduler worker;

    @BeforeEach
    void setUp() {
        String slug = "lease-" + UUID.randomUUID().toString().substring(0, 8);
        environment = SystemTask.run("test", List.of("ADMIN"), () -> {
            EnvironmentSummary created = environments.createEnvironment(
                    new EnvironmentForm(slug, "Env " + slug, "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of()));
            environments.updateAccessSettings(
                    created.id(),
                    created.version(),
                    new AccessSettings("{environment}-slot-{slot}", SubjectKind.USER, "oidc:{email}", "edit"));
            return created;
        });
        UserAccount alice = users.signIn(new MappedIdentity(
                "https://idp.example",
                "sub-" + UUID.randomUUID(),
                "alice." + slug + "@demoportal.dev",
                true,
                "Alice Field",
                Set.of(Role.FIELD_ENGINEER),
                null));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TestingAuthenticationToken(
                new Signed(alice.id(), "Alice Field"), "n/a", Role.FIELD_ENGINEER.authority()));
        SecurityContextHolder.setContext(context);
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.stop();
        }
        SecurityContextHolder.clearContext();
    }

    private RoleBinding binding(int slot) {
        return client.rbac().roleBindings().inNamespace(environment.slug() + "-slot-" + slot).list().getItems().stream()
                .findFirst()
                .orElse(null);
    }

    private static long await(BooleanSupplier condition) {
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
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private Scheduler startWorker() {
        worker = Scheduler.create(dataSource)
                .startTasks(accessLeases)
                .schedulerName(new SchedulerName.Fixed("access-test"))
                .pollingInterval(AccessLeaseWork.POLL)
                .build();
        worker.start();
        return worker;
    }

    @Test
    void aClaimMakesTheRoleBindingAndAReleaseRemovesIt() {
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);

        long granted = await(() -> binding(1) != null);
        RoleBinding made = binding(1);
        assertThat(made.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("User");
            assertThat(s.getName()).isEqualTo("oidc:alice." + environment.slug() + "@demoportal.dev");
        });
        assertThat(made.getRoleRef().getName()).isEqualTo("edit");
        assertThat(made.getMetadata().getLabels())
                .containsEntry("demoportal.dev/booking", held.id().toString());

        bookings.release(held.id());
        long revoked = await(() -> binding(1) == null);
        System.out.printf(
                "access lease (fabric8 mock): claim to binding %d ms, release to no binding %d ms%n", granted, revoked);
        // the binding goes first, then the worker records the revoke: wait for that too
        await(() -> SystemTask.run("test", List.of("ADMIN"), () -> leases.access(held.id()))
                        .orElseThrow()
                        .status()
                == AccessStatus.REVOKED);
    }

    @Test
    void twoSlotsAreTwoBindingsAndReleasingOneLeavesTheOther() {
        BookingSummary one = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);
        BookingSummary two = bookings.claim(environment.slug(), 2, Duration.ofHours(2), "Demo", null);
        await(() -> binding(1) != null && binding(2) != null);
        assertThat(binding(1).getMetadata().getName())
                .isNotEqualTo(binding(2).getMetadata().getName());

        bookings.release(one.id());

        await(() -> binding(1) == null);
        assertThat(binding(2)).isNotNull();
        assertThat(binding(2).getMetadata().getLabels())
                .containsEntry("demoportal.dev/booking", two.id().toString());
    }

    @Test
    void anEndThatPassesWhileTheWorkerIsDownIsRevokedWithinAPollOfItsReturn() {
        startWorker();
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);
        await(() -> binding(1) != null);
        worker.stop();
        wakeUp.stop();

        // the worker is down from a minute before the end until a minute after it
        clock.skip(Duration.between(clock.instant(), held.end()).plus(Duration.ofMinutes(1)));
        assertThat(binding(1)).as("nothing revokes while the worker is down").isNotNull();

        wakeUp.start();
        startWorker();
        long revoked = await(() -> binding(1) == null);
        System.out.printf(
                "access lease (fabric8 mock): worker back to binding gone %d ms (poll %s)%n",
                revoked, AccessLeaseWork.POLL);
        assertThat(Duration.ofMillis(revoked)).isLessThan(AccessLeaseWork.POLL.plus(Duration.ofSeconds(10)));
    }
}
