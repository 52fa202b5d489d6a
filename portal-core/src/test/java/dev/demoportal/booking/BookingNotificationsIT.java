package dev.demoportal.booking;

import static dev.demoportal.booking.BookingFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Booking events reach the holder on the bell and by mail (an outbox row; no SMTP server here, so
 * held): a reminder to check in when the reservation starts (once), the no-show release, and a
 * force-release by a manager.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class BookingNotificationsIT {

    @Autowired
    BookingService service;

    @Autowired
    NoShowService noShows;

    @Autowired
    CheckInReminders reminders;

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
    UserAccount manager;
    EnvironmentSummary environment;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        fixtures = new BookingFixtures(users, environments, jdbc);
        alice = fixtures.person("Alice Field", Role.FIELD_ENGINEER);
        manager = fixtures.person("Mona Manager", Role.MANAGER);
        environment = fixtures.environment(2);
        // the people's addresses repeat across test classes: count only this test's mail
        jdbc.update("delete from outbox_message");
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void theHolderIsRemindedToCheckInOnceAndToldOfTheNoShowRelease() {
        Instant start = TestClockConfiguration.START.plus(Duration.ofHours(1));
        as(alice);
        BookingSummary booking = service.book(new BookingRequest(
                environment.slug(), start, start.plus(Duration.ofHours(2)), "Demo for a prospect", null));

        assertThat(remind()).isZero(); // not started yet
        clock.set(start.plus(Duration.ofMinutes(1)));
        assertThat(remind()).isGreaterThanOrEqualTo(1);
        assertThat(remind()).isZero(); // once
        assertThat(bell(
                        alice.id(),
                        "Your booking of " + environment.name() + " (slot " + booking.slot()
                                + ") has started: check in by%"))
                .isEqualTo(1);
        assertThat(mails(alice.email(), "booking.check_in_due")).isEqualTo(1);

        clock.set(start.plus(Duration.ofHours(1)));
        SystemTask.run("no-show", List.of("ADMIN"), noShows::releaseNoShows);

        assertThat(bell(
                        alice.id(),
                        "Your booking of " + environment.name() + "%was released: you did not check in " + "within%"))
                .isEqualTo(1);
        assertThat(mails(alice.email(), "booking.no_show_released")).isEqualTo(1);
    }

    @Test
    void aForceReleaseIsToldToTheHolderOnly() {
        as(alice);
        BookingSummary booking = service.claim(environment.slug(), Duration.ofHours(2), "Live demo", null);
        as(manager);
        service.forceRelease(booking.id(), "hardware swap");

        assertThat(bell(alice.id(), "Mona Manager released your booking of " + environment.name() + "%: hardware swap"))
                .isEqualTo(1);
        assertThat(bell(manager.id(), "%released%")).isZero();
        assertThat(mails(alice.email(), "booking.force_released")).isEqualTo(1);
    }

    private int remind() {
        return SystemTask.run("check-in-reminder", List.of("ADMIN"), reminders::remindDue);
    }

    private int bell(UUID user, String like) {
        return jdbc.queryForObject(
                "select count(*) from notification where user_id = ? and message like ?", Integer.class, user, like);
    }

    private int mails(String to, String kind) {
        return jdbc.queryForObject(
                "select count(*) from outbox_message where recipient = ? and kind = ?", Integer.class, to, kind);
    }
}
