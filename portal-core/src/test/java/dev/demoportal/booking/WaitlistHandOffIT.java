package dev.demoportal.booking;

import static dev.demoportal.booking.BookingFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.demoportal.AuditRows;
import dev.demoportal.AuditRows.AuditRow;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.SystemTask;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whichever way a slot frees, the first person waiting holds it at once: a release, a manager's
 * force-release, a cancellation, a no-show, and a hold that simply runs out. (The UI's release
 * is in MyBookingsViewIT, the API's in BookingApiIT.) And a claim of one slot gets that slot or a
 * clear refusal, never another one.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class WaitlistHandOffIT {

    /** Generous for a loaded two-core machine; the hand-off itself runs right after the release commits. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    BookingService service;

    @Autowired
    WaitlistService waitlist;

    @Autowired
    NoShowService noShows;

    @Autowired
    EnvironmentService environments;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    BookingFixtures fixtures;
    UserAccount alice;
    UserAccount bob;
    UserAccount carol;
    UserAccount manager;
    EnvironmentSummary solo;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        fixtures = new BookingFixtures(users, environments, jdbc);
        alice = fixtures.person("Alice Field", Role.FIELD_ENGINEER);
        bob = fixtures.person("Bob Field", Role.FIELD_ENGINEER);
        carol = fixtures.person("Carol Field", Role.FIELD_ENGINEER);
        manager = fixtures.person("Mona Manager", Role.MANAGER);
        as(alice);
        solo = fixtures.environment(1);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    /** An instant on the test day (the clock starts at 09:00 UTC). */
    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + ":00Z");
    }

    private void waits(UserAccount who, String from, String until, Duration length, String purpose) {
        as(who);
        waitlist.joinWaitlist(solo.slug(), at(from), at(until), length, purpose);
    }

    /** Waits until {@code who} holds the only slot at {@code when}, with that purpose. */
    private void holds(UserAccount who, String purpose, Instant when) {
        await().atMost(PATIENCE).pollInSameThread().untilAsserted(() -> {
            as(manager);
            assertThat(service.bookings(solo.slug(), when, when.plusSeconds(1)))
                    .singleElement()
                    .satisfies(b -> {
                        assertThat(b.holder().id()).isEqualTo(who.id());
                        assertThat(b.purpose()).isEqualTo(purpose);
                        assertThat(b.status())
                                .isEqualTo(
                                        when.isAfter(clock.instant()) ? BookingStatus.RESERVED : BookingStatus.ACTIVE);
                    });
        });
    }

    @Test
    void aReleaseHandsTheSlotToTheFirstInLineAndNotTheSecond() {
        BookingSummary held = service.claim(solo.slug(), Duration.ofHours(2), "Board review", null);
        waits(bob, "09:00", "10:50", Duration.ofHours(1), "Bob first");
        clock.set(at("09:01"));
        waits(carol, "09:00", "10:50", Duration.ofHours(1), "Carol second");

        clock.set(at("09:20"));
        as(alice);
        service.release(held.id());

        holds(bob, "Bob first", at("09:20"));
        as(carol);
        assertThat(waitlist.waitlist(solo.slug())).singleElement().satisfies(w -> {
            assertThat(w.person().id()).isEqualTo(carol.id());
            assertThat(w.position()).isEqualTo(1);
        });
        AuditRow handOff = new AuditRows(jdbc).withAction("booking.booked").getLast();
        assertThat(handOff.actorName()).isEqualTo("system:waitlist");
        assertThat(jdbc.queryForObject(
                        "select count(*) from notification where user_id = ? and message like " + "'A slot freed up%'",
                        Integer.class, bob.id()))
                .isEqualTo(1);
    }

    @Test
    void aManagersForceReleaseHandsTheSlotOn() {
        BookingSummary held = service.claim(solo.slug(), Duration.ofHours(2), "Board review", null);
        waits(bob, "09:00", "10:50", Duration.ofHours(1), "Bob first");

        clock.set(at("09:05"));
        as(manager);
        service.forceRelease(held.id(), "Needed for the customer visit");

        holds(bob, "Bob first", at("09:05"));
    }

    @Test
    void aNoShowHandsTheSlotToTheFirstInLine() {
        service.book(new BookingRequest(solo.slug(), at("09:00"), at("11:00"), "Never came", null));
        waits(bob, "09:00", "10:50", Duration.ofHours(1), "Bob first");

        clock.set(at("09:31"));
        SystemTask.run("no-show", List.of("ADMIN"), noShows::releaseNoShows);

        holds(bob, "Bob first", at("09:31"));
    }

    @Test
    void theTimeAfterAHoldIsHandedOutAheadSoTheFirstInLineHoldsTheSlotTheMomentItRunsOut() {
        service.claim(solo.slug(), Duration.ofHours(1), "Until ten", null);
        as(carol);
        BookingSummary later =
                service.book(new BookingRequest(solo.slug(), at("10:00"), at("12:00"), "From ten", null));
        // free only from 12:00, too late for Bob's window
        waits(bob, "09:00", "11:30", Duration.ofHours(1), "Bob first");

        clock.set(at("09:10"));
        as(carol);
        service.cancel(later.id());
        holds(bob, "Bob first", at("10:00"));

        clock.set(at("10:00"));
        holds(bob, "Bob first", at("10:00"));
    }

    @Test
    void aClaimOfOneSlotGetsThatSlotOrSaysItIsTakenAndWhichIsFree() {
        EnvironmentSummary trio = fixtures.environment(3);

        BookingSummary third = service.claim(trio.slug(), 3, Duration.ofHours(1), "Slot three", null);
        assertThat(third.slot()).isEqualTo(3);

        as(bob);
        SlotTaken taken = catchThrowableOfType(
                SlotTaken.class, () -> service.claim(trio.slug(), 3, Duration.ofHours(1), "Also slot three", null));
        assertThat(taken.code()).isEqualTo("slot_taken");
        assertThat(taken.slot()).isEqualTo(3);
        assertThat(taken.freeSlot()).isEqualTo(1);
        assertThat(taken.getMessage())
                .isEqualTo("Slot 3 of " + trio.name() + " was taken a moment ago; slot 1 is " + "free.");
        assertThatThrownBy(() -> service.claim(trio.slug(), 4, Duration.ofHours(1), "No such slot", null))
                .isInstanceOfSatisfying(
                        ValidationFailed.class, e -> assertThat(e.byField()).containsKey("slot"));
        assertThat(fixtures.rows(trio)).isEqualTo(1);
    }
}
