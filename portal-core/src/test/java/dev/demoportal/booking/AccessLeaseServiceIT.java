package dev.demoportal.booking;

import static dev.demoportal.booking.BookingFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.AuditRows;
import dev.demoportal.AuditRows.AuditRow;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.AccessWork.Action;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.AccessSettings.SubjectKind;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Access leases follow the holdings (the worker's side is played here by hand: reconcile, claim,
 * report): a claim opens a lease whose grant is due at once, each holding of a slot is a lease of
 * its own, every way a holding ends makes the revoke due, and a grant failure keeps the booking.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class AccessLeaseServiceIT {

    @Autowired
    AccessLeaseService leases;

    @Autowired
    BookingService bookings;

    @Autowired
    EnvironmentService environments;

    @Autowired
    UserService users;

    @Autowired
    SlotResetService resets;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    BookingFixtures fixtures;
    AuditRows audit;
    UserAccount alice;
    EnvironmentSummary environment;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        fixtures = new BookingFixtures(users, environments, jdbc);
        audit = new AuditRows(jdbc);
        alice = fixtures.person("Alice Field", Role.FIELD_ENGINEER);
        environment = fixtures.environment(2);
        fixtures.asAdmin(() -> environments.updateAccessSettings(
                environment.id(),
                environment.version(),
                new AccessSettings("{environment}-slot-{slot}", SubjectKind.USER, "oidc:{email}", "edit")));
        as(alice);
        // leases of other tests' bookings are not this test's business: finish them first
        worker(List.of());
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    /** One pass of the worker: reconcile, then claim and report every due piece of work. */
    private List<AccessWork> worker(List<Action> failing) {
        return SystemTask.run("test", List.of("ADMIN"), () -> {
            leases.reconcile();
            List<AccessWork> done = new ArrayList<>();
            for (Optional<AccessWork> w = leases.claimNext(); w.isPresent(); w = leases.claimNext()) {
                if (failing.contains(w.get().action())) {
                    leases.failed(w.get(), "cluster unreachable");
                } else {
                    leases.done(w.get());
                    done.add(w.get());
                }
            }
            return done;
        });
    }

    private List<AccessWork> mine(List<AccessWork> work, BookingSummary... booking) {
        List<java.util.UUID> ids =
                java.util.Arrays.stream(booking).map(BookingSummary::id).toList();
        return work.stream().filter(w -> ids.contains(w.bookingId())).toList();
    }

    private AccessSummary access(BookingSummary booking) {
        return leases.access(booking.id()).orElseThrow();
    }

    @Test
    void aClaimIsGrantedToTheHolderInTheSlotsNamespaceWithAReceipt() {
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);

        List<AccessWork> work = mine(worker(List.of()), held);

        assertThat(work).singleElement().satisfies(w -> {
            assertThat(w.action()).isEqualTo(Action.GRANT);
            assertThat(w.namespace()).isEqualTo(environment.slug() + "-slot-1");
            assertThat(w.subject()).isEqualTo("oidc:" + alice.email());
            assertThat(w.clusterRole()).isEqualTo("edit");
        });
        AccessSummary access = access(held);
        assertThat(access.status()).isEqualTo(AccessStatus.ACTIVE);
        assertThat(access.grantedAt()).isEqualTo(TestClockConfiguration.START);
        assertThat(access.revokeDueAt()).isEqualTo(held.end());
        AuditRow receipt = audit.about("booking", held.id().toString()).getLast();
        assertThat(receipt.action()).isEqualTo("booking.access_granted");
        assertThat(receipt.details())
                .containsEntry("namespace", environment.slug() + "-slot-1")
                .containsEntry("due", held.start().toString())
                .containsEntry("lateBy", "PT0S");
    }

    @Test
    void theNextHolderIsGrantedOnlyOnceTheSlotsResetSucceeded() {
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);
        // the previous holding's reset still runs (a booking made ahead, before that holding ended)
        UUID reset = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                insert into slot_reset (id, environment_id, slot_no, status, plan, requested_at, started_at)
                values (?, ?, 1, 'RUNNING', '{"steps": []}'::jsonb, ?, ?)""", reset, environment.id(), now, now);

        assertThat(mine(worker(List.of()), held)).isEmpty();
        assertThat(access(held).status()).isEqualTo(AccessStatus.PENDING);

        jdbc.update("update slot_reset set status = 'SUCCEEDED', finished_at = ? where id = ?", now, reset);

        assertThat(mine(worker(List.of()), held))
                .singleElement()
                .extracting(AccessWork::action)
                .isEqualTo(Action.GRANT);
        assertThat(access(held).status()).isEqualTo(AccessStatus.ACTIVE);
    }

    @Test
    void aBookingThatStartsAsThePreviousEndsIsGrantedOnlyAfterTheResetBetweenThem() {
        EnvironmentSummary one = fixtures.environment(1);
        fixtures.asAdmin(() -> environments.updateAccessSettings(
                one.id(),
                one.version(),
                new AccessSettings("{environment}-slot-{slot}", SubjectKind.USER, "oidc:{email}", "edit")));
        jdbc.update("""
                update shared_environment set reset_plan = '{"steps": [{"kind": "KUBERNETES_JOB", "name": "wipe",
                  "image": "bitnami/kubectl:1.31", "command": ["true"], "timeoutMinutes": 5}]}'::jsonb
                where id = ?""", one.id());
        BookingSummary first = bookings.claim(one.slug(), 1, Duration.ofHours(1), "First", null);
        BookingSummary next = bookings.book(
                new BookingRequest(one.slug(), first.end(), first.end().plus(Duration.ofHours(1)), "Next", null));
        assertThat(next.slot()).isEqualTo(1);
        assertThat(mine(worker(List.of()), first))
                .singleElement()
                .extracting(AccessWork::action)
                .isEqualTo(Action.GRANT);

        clock.set(first.end());
        // the first holding is revoked; the next waits: its slot's reset has not even been asked for
        assertThat(mine(worker(List.of()), first, next))
                .singleElement()
                .satisfies(w -> assertThat(w.bookingId()).isEqualTo(first.id()))
                .extracting(AccessWork::action)
                .isEqualTo(Action.REVOKE);
        assertThat(SystemTask.run("test", List.of("ADMIN"), resets::reconcile)).isEqualTo(1);
        assertThat(mine(worker(List.of()), next)).isEmpty();
        assertThat(access(next).status()).isEqualTo(AccessStatus.PENDING);

        jdbc.update(
                "update slot_reset set status = 'SUCCEEDED', finished_at = ? where booking_id = ?",
                Timestamp.from(clock.instant()),
                first.id());

        assertThat(mine(worker(List.of()), next))
                .singleElement()
                .extracting(AccessWork::action)
                .isEqualTo(Action.GRANT);
    }

    @Test
    void twoSlotsAreTwoBindingsAndReleasingOneRevokesOnlyThatOne() {
        BookingSummary one = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);
        BookingSummary two = bookings.claim(environment.slug(), 2, Duration.ofHours(2), "Demo", null);
        assertThat(mine(worker(List.of()), one, two))
                .hasSize(2)
                .extracting(AccessWork::bindingName)
                .doesNotHaveDuplicates();

        clock.advance(Duration.ofMinutes(10));
        bookings.release(one.id());

        assertThat(mine(worker(List.of()), one, two)).singleElement().satisfies(w -> {
            assertThat(w.action()).isEqualTo(Action.REVOKE);
            assertThat(w.bookingId()).isEqualTo(one.id());
        });
        assertThat(access(one).status()).isEqualTo(AccessStatus.REVOKED);
        assertThat(access(one).revokedAt()).isEqualTo(clock.instant());
        assertThat(access(two).status()).isEqualTo(AccessStatus.ACTIVE);
    }

    @Test
    void theEndOfTheHoldingRevokesToTheMinuteAndAnExtensionMovesIt() {
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);
        worker(List.of());
        bookings.extend(held.id(), held.end().plus(Duration.ofHours(1)));

        clock.set(held.end().plus(Duration.ofMinutes(1)));
        assertThat(mine(worker(List.of()), held)).isEmpty();
        assertThat(access(held).revokeDueAt()).isEqualTo(held.end().plus(Duration.ofHours(1)));

        clock.set(held.end().plus(Duration.ofHours(1)));
        assertThat(mine(worker(List.of()), held)).extracting(AccessWork::action).containsExactly(Action.REVOKE);
        assertThat(access(held).revokedAt()).isEqualTo(held.end().plus(Duration.ofHours(1)));
    }

    @Test
    void aWorkerThatWasDownAtTheEndRevokesFirstThingWithALateReceipt() {
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);
        worker(List.of());

        // nobody ran the worker from a minute before the end until two hours after it
        clock.set(held.end().plus(Duration.ofHours(2)));
        assertThat(mine(worker(List.of()), held)).extracting(AccessWork::action).containsExactly(Action.REVOKE);

        AuditRow receipt = audit.about("booking", held.id().toString()).getLast();
        assertThat(receipt.action()).isEqualTo("booking.access_revoked");
        assertThat(receipt.details())
                .containsEntry("due", held.end().toString())
                .containsEntry("lateBy", "PT2H");
    }

    @Test
    void aFailedGrantKeepsTheBookingAndIsRetriedWithBackoffButNeverPastTheEnd() {
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);

        assertThat(mine(worker(List.of(Action.GRANT)), held)).isEmpty();

        assertThat(access(held).status()).isEqualTo(AccessStatus.FAILED);
        assertThat(access(held).lastError()).isEqualTo("cluster unreachable");
        assertThat(bookings.booking(held.id()).status()).isEqualTo(BookingStatus.ACTIVE);
        assertThat(mine(worker(List.of()), held)).as("not before the backoff").isEmpty();
        clock.advance(Duration.ofSeconds(3));
        assertThat(mine(worker(List.of()), held)).extracting(AccessWork::action).containsExactly(Action.GRANT);
        assertThat(access(held).status()).isEqualTo(AccessStatus.ACTIVE);
    }

    @Test
    void aHoldingThatEndsWhileItsGrantKeepsFailingIsStillRevoked() {
        BookingSummary held = bookings.claim(environment.slug(), 1, Duration.ofHours(2), "Demo", null);
        for (int i = 0; i < 8; i++) {
            worker(List.of(Action.GRANT));
            clock.advance(Duration.ofMinutes(1));
        }
        bookings.release(held.id());

        assertThat(mine(worker(List.of()), held)).extracting(AccessWork::action).containsExactly(Action.REVOKE);
        assertThat(access(held).status()).isEqualTo(AccessStatus.REVOKED);
    }

    @Test
    void environmentsWithoutLeasesOpenNone() {
        EnvironmentSummary plain = fixtures.environment("emea", 1, EnvironmentStatus.AVAILABLE);
        BookingSummary held = bookings.claim(plain.slug(), 1, Duration.ofHours(1), "Demo", null);

        assertThat(mine(worker(List.of()), held)).isEmpty();
        assertThat(leases.access(held.id())).isEmpty();
    }
}
