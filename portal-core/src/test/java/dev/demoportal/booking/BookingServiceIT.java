package dev.demoportal.booking;

import static dev.demoportal.booking.BookingFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.demoportal.AuditRows;
import dev.demoportal.AuditRows.AuditRow;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.SystemTask;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.environment.BookingRules;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.RegionForm;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;

@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class BookingServiceIT {

    @Autowired
    BookingService service;

    @Autowired
    BoardService board;

    @Autowired
    NoShowService noShows;

    @Autowired
    EnvironmentService environments;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    BookingFixtures fixtures;
    AuditRows audit;
    UserAccount alice;
    UserAccount bob;
    UserAccount carol;
    UserAccount manager;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        fixtures = new BookingFixtures(users, environments, jdbc);
        audit = new AuditRows(jdbc);
        alice = fixtures.person("Alice Field", Role.FIELD_ENGINEER);
        bob = fixtures.person("Bob Field", Role.FIELD_ENGINEER);
        carol = fixtures.person("Carol Field", Role.FIELD_ENGINEER);
        manager = fixtures.person("Mona Manager", Role.MANAGER);
        as(alice);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    /** An instant on the test day (the clock starts at 09:00 UTC). */
    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + ":00Z");
    }

    private static BookingRequest request(EnvironmentSummary environment, Instant start, Instant end) {
        return new BookingRequest(environment.slug(), start, end, "Demo for a prospect", null);
    }

    private BookingSummary book(UserAccount who, EnvironmentSummary environment, String start, String end) {
        as(who);
        return service.book(request(environment, at(start), at(end)));
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.queryForMap(
                "select status, starts_at, ends_at, booked_until, checked_in_at, ended_reason "
                        + "from booking where id = ?",
                id);
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    private List<String> actions(BookingSummary booking) {
        return audit.about("booking", booking.id().toString()).stream()
                .map(AuditRow::action)
                .toList();
    }

    private AuditRow lastAudit(BookingSummary booking) {
        return audit.about("booking", booking.id().toString()).getLast();
    }

    // ---- allocation ----------------------------------------------------------------------------

    @Test
    void bookingTakesTheLowestFreeSlotAndTheNextBookingTheNextSlot() {
        EnvironmentSummary environment = fixtures.environment(3);

        BookingSummary first = book(alice, environment, "10:00", "11:00");
        BookingSummary second = book(bob, environment, "10:30", "11:30");
        BookingSummary afterFirst = book(carol, environment, "11:00", "12:00");

        assertThat(first.slot()).isEqualTo(1);
        assertThat(first.holder().id()).isEqualTo(alice.id());
        assertThat(first.holder().name()).isEqualTo("Alice Field");
        assertThat(first.start()).isEqualTo(at("10:00"));
        assertThat(first.end()).isEqualTo(at("11:00"));
        assertThat(first.status()).isEqualTo(BookingStatus.RESERVED);
        assertThat(first.checkedIn()).isFalse();
        assertThat(second.slot()).isEqualTo(2);
        // periods are half-open: slot 1 is free again from 11:00
        assertThat(afterFirst.slot()).isEqualTo(1);
        assertThat(fixtures.heldRows(environment)).isEqualTo(3);

        AuditRow booked = audit.about("booking", first.id().toString()).getFirst();
        assertThat(booked.action()).isEqualTo("booking.booked");
        assertThat(booked.actorId()).isEqualTo(alice.id());
        assertThat(booked.occurredAt()).isEqualTo(TestClockConfiguration.START);
        assertThat(booked.details())
                .containsEntry("environment", environment.slug())
                .containsEntry("slot", 1)
                .containsEntry("start", "2026-03-02T10:00:00Z")
                .containsEntry("end", "2026-03-02T11:00:00Z");
    }

    @Test
    void aFullEnvironmentAnswersSlotUnavailableWithTheEarliestEndOfTheBlockingBookings() {
        EnvironmentSummary environment = fixtures.environment(2);
        book(alice, environment, "10:00", "12:00");
        book(bob, environment, "10:00", "11:30");

        as(carol);
        SlotUnavailable full = catchThrowableOfType(
                SlotUnavailable.class, () -> service.book(request(environment, at("10:30"), at("11:00"))));

        assertThat(full.code()).isEqualTo("slot_unavailable");
        assertThat(full.httpStatus()).isEqualTo(409);
        assertThat(full.nextFreeAt()).isEqualTo(at("11:30"));
        assertThat(fixtures.rows(environment)).isEqualTo(2);

        // slot 2 is taken again from 11:30 to 13:00: an hour is next free on slot 1, from 12:00
        book(bob, environment, "11:30", "13:00");
        as(carol);
        SlotUnavailable later = catchThrowableOfType(
                SlotUnavailable.class, () -> service.book(request(environment, at("10:30"), at("11:30"))));
        assertThat(later.nextFreeAt()).isEqualTo(at("12:00"));
        assertThat(service.nextFree(environment.slug(), at("10:30"), Duration.ofHours(1)))
                .contains(at("12:00"));
        assertThat(fixtures.rows(environment)).isEqualTo(3);
    }

    @Test
    void nextFreeAtIsNullWhenNothingIsFreeWithinTheHorizon() {
        EnvironmentSummary environment = fixtures.rules(fixtures.environment(1), new BookingRules(30, 4320, 1, 30));
        as(alice);
        service.book(request(environment, at("09:00"), at("09:00").plus(Duration.ofDays(3))));

        as(bob);
        SlotUnavailable full = catchThrowableOfType(
                SlotUnavailable.class, () -> service.book(request(environment, at("10:00"), at("11:00"))));

        assertThat(full.nextFreeAt()).isNull();
        assertThat(service.nextFree(environment.slug(), at("10:00"), Duration.ofHours(1)))
                .isEmpty();
        assertThat(fixtures.rows(environment)).isEqualTo(1);
    }

    // ---- validation ----------------------------------------------------------------------------

    private void assertRefused(EnvironmentSummary environment, ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationFailed.FieldError::field)
                                .containsExactly(field));
        assertThat(fixtures.rows(environment))
                .as("rows after a refused booking")
                .isZero();
    }

    @Test
    void invalidRequestsAreRefusedWithTheFieldAndLeaveNoRow() {
        EnvironmentSummary environment = fixtures.environment(2);
        Instant now = clock.instant();
        as(alice);

        assertRefused(
                environment,
                () -> service.book(
                        request(environment, now.minus(Duration.ofMinutes(3)), now.plus(Duration.ofHours(1)))),
                "start");
        assertRefused(environment, () -> service.book(request(environment, at("11:00"), at("10:00"))), "end");
        assertRefused(environment, () -> service.book(request(environment, at("10:00"), at("10:00"))), "end");
        assertRefused(environment, () -> service.book(request(environment, at("10:00"), at("10:29"))), "end");
        assertRefused(
                environment,
                () -> service.book(request(
                        environment,
                        at("10:00"),
                        at("10:00").plus(Duration.ofDays(3)).plusSeconds(60))),
                "end");
        Instant beyondHorizon = now.plus(Duration.ofDays(60)).plusSeconds(60);
        assertRefused(
                environment,
                () -> service.book(request(environment, beyondHorizon, beyondHorizon.plus(Duration.ofHours(1)))),
                "start");
        assertRefused(
                environment,
                () -> service.book(new BookingRequest(environment.slug(), at("10:00"), at("11:00"), "   ", null)),
                "purpose");
        assertRefused(environment, () -> service.claim(environment.slug(), Duration.ZERO, "Demo", null), "duration");
        assertRefused(
                environment, () -> service.claim(environment.slug(), Duration.ofMinutes(10), "Demo", null), "end");
    }

    @Test
    void textWithAControlCharacterIsRefusedWhicheverFormItComesFrom() {
        EnvironmentSummary environment = fixtures.environment(1);
        as(alice);

        // PostgreSQL refuses a NUL in text: the form learns which field, instead of an error id
        assertRefused(
                environment,
                () -> service.book(
                        new BookingRequest(environment.slug(), at("10:00"), at("11:00"), "Demo\u0000", null)),
                "purpose");
        assertRefused(
                environment,
                () -> service.book(
                        new BookingRequest(environment.slug(), at("10:00"), at("11:00"), "Demo", "Acme\u001b")),
                "customer");
        assertRefused(
                environment,
                () -> service.claim(environment.slug(), Duration.ofHours(1), "Demo\u0000", null),
                "purpose");
        BookingSummary booking = book(alice, environment, "09:00", "12:00");
        clock.set(at("10:15"));
        as(manager);
        assertThatThrownBy(() -> service.forceRelease(booking.id(), "why\u0000"))
                .isInstanceOfSatisfying(
                        ValidationFailed.class, e -> assertThat(e.byField()).containsOnlyKeys("reason"));
        // line breaks and tabs are text
        assertThat(service.forceRelease(booking.id(), "Escalation:\n\tcustomer needs it")
                        .status())
                .isEqualTo(BookingStatus.RELEASED);
    }

    @Test
    void aStartUpToTwoMinutesAgoCountsAsNow() {
        EnvironmentSummary environment = fixtures.environment(1);
        Instant now = clock.instant();
        as(alice);

        BookingSummary booking =
                service.book(request(environment, now.minus(Duration.ofSeconds(119)), now.plus(Duration.ofHours(1))));

        assertThat(booking.start()).isEqualTo(now);
        assertThat(booking.status()).isEqualTo(BookingStatus.ACTIVE);
    }

    @Test
    void bookingsMayNotOverlapMaintenanceButMayTouchIt() {
        EnvironmentSummary environment = fixtures.environment(2);
        fixtures.asAdmin(
                () -> environments.scheduleMaintenance(environment.id(), at("12:00"), at("14:00"), "Upgrade to 7.2"));
        as(alice);

        assertThatThrownBy(() -> service.book(request(environment, at("13:00"), at("15:00"))))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.byField())
                                .containsOnlyKeys("start")
                                .hasEntrySatisfying("start", m -> assertThat(m).contains("Upgrade")));
        assertRefused(environment, () -> service.book(request(environment, at("11:00"), at("12:01"))), "start");

        assertThat(service.book(request(environment, at("11:00"), at("12:00"))).end())
                .isEqualTo(at("12:00"));
        assertThat(service.book(request(environment, at("14:00"), at("15:00"))).start())
                .isEqualTo(at("14:00"));
    }

    @Test
    void anEnvironmentInMaintenanceCannotBeBooked() {
        EnvironmentSummary environment = fixtures.environment("emea", 2, EnvironmentStatus.MAINTENANCE);
        as(alice);

        assertRefused(environment, () -> service.book(request(environment, at("10:00"), at("11:00"))), "environment");
        assertRefused(
                environment, () -> service.claim(environment.slug(), Duration.ofHours(1), "Demo", null), "environment");
    }

    // ---- the environment as kept, changed by another replica ------------------------------------

    /** What another portal replica does to the environment: this one hears no event of it. */
    private void elsewhere(EnvironmentSummary environment, String set) {
        jdbc.update("update shared_environment set " + set + ", version = version + 1 where id = ?", environment.id());
    }

    @Test
    void rulesChangedOnAnotherReplicaHoldForTheNextBookingAtOnce() {
        EnvironmentSummary environment = fixtures.environment(2);
        book(alice, environment, "10:00", "11:00"); // this replica now keeps the environment

        elsewhere(environment, "max_booking_minutes = 60");
        assertThatThrownBy(() -> book(alice, environment, "12:00", "14:00"))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.byField())
                                .hasEntrySatisfying("end", m -> assertThat(m).contains("at most 1 hour")));

        // looser again: what this replica kept (at most 60) must not refuse it
        elsewhere(environment, "max_booking_minutes = 180");
        assertThat(book(alice, environment, "12:00", "14:00").slot()).isEqualTo(1);

        elsewhere(environment, "status = 'MAINTENANCE'");
        assertThatThrownBy(() -> book(bob, environment, "15:00", "16:00"))
                .isInstanceOfSatisfying(
                        ValidationFailed.class, e -> assertThat(e.byField()).containsOnlyKeys("environment"));
        assertThat(fixtures.heldRows(environment)).isEqualTo(2);
    }

    @Test
    void maintenanceScheduledAfterTheEnvironmentWasKeptIsHonoured() {
        EnvironmentSummary environment = fixtures.environment(2);
        book(alice, environment, "10:00", "11:00");
        // scheduled on another replica: the window is a row of its own, the environment's version stays
        jdbc.update(
                "insert into maintenance_window (environment_id, starts_at, ends_at, reason, created_at) "
                        + "values (?, ?, ?, 'Upgrade to 7.3', now())",
                environment.id(),
                Timestamp.from(at("12:00")),
                Timestamp.from(at("14:00")));

        assertThatThrownBy(() -> book(bob, environment, "13:00", "15:00"))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.byField())
                                .containsOnlyKeys("start")
                                .hasEntrySatisfying("start", m -> assertThat(m).contains("Upgrade to 7.3")));
        assertThat(fixtures.heldRows(environment)).isEqualTo(1);
    }

    @Test
    void aBookingTellsTheBoardsWhenItCommitsAndARefusedOneTellsNobody() throws Exception {
        EnvironmentSummary full = fixtures.environment(1);
        EnvironmentSummary other = fixtures.environment(1);
        try (Connection listener = dataSource.getConnection()) {
            listener.setAutoCommit(true);
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + BoardChanges.CHANNEL);
            }
            book(alice, full, "10:00", "11:00");
            assertThatThrownBy(() -> book(bob, full, "10:30", "11:30")).isInstanceOf(SlotUnavailable.class);
            book(bob, other, "10:00", "11:00");

            // notifications arrive in commit order: the last booking's closes the list
            assertThat(boardChanges(listener, Set.of(full.id(), other.id()), other.id()))
                    .containsExactly(full.id(), other.id());
        }
    }

    /** The board changes of {@code environments} heard on {@code listener}, up to the first of {@code last}. */
    private static List<UUID> boardChanges(Connection listener, Set<UUID> environments, UUID last) throws Exception {
        List<UUID> heard = new ArrayList<>();
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (heard.isEmpty() || !heard.getLast().equals(last)) {
            assertThat(System.nanoTime()).as("heard by now: " + heard).isLessThan(giveUp);
            PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(1000);
            for (PGNotification n : batch == null ? new PGNotification[0] : batch) {
                UUID environment = UUID.fromString(n.getParameter());
                if (n.getName().equals(BoardChanges.CHANNEL) && environments.contains(environment)) {
                    heard.add(environment);
                }
            }
        }
        return heard;
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    @Test
    void claimNowStartsNowAndCountsAsCheckedIn() {
        EnvironmentSummary environment = fixtures.environment(1);
        as(alice);

        BookingSummary claimed = service.claim(environment.slug(), Duration.ofHours(2), "Workshop", "Acme");

        assertThat(claimed.start()).isEqualTo(clock.instant());
        assertThat(claimed.end()).isEqualTo(at("11:00"));
        assertThat(claimed.status()).isEqualTo(BookingStatus.ACTIVE);
        assertThat(claimed.checkedInAt()).isEqualTo(clock.instant());
        assertThat(claimed.customer()).isEqualTo("Acme");
        assertThat(actions(claimed)).containsExactly("booking.claimed");

        clock.advance(Duration.ofHours(1));
        SystemTask.run("no-show", List.of("ADMIN"), noShows::releaseNoShows);
        assertThat(service.booking(claimed.id()).status()).isEqualTo(BookingStatus.ACTIVE);
    }

    @Test
    void statusIsDerivedFromTheClock() {
        EnvironmentSummary environment = fixtures.environment(1);
        BookingSummary booking = book(alice, environment, "10:00", "11:00");

        assertThat(service.booking(booking.id()).status()).isEqualTo(BookingStatus.RESERVED);
        assertThat(service.mine()).extracting(BookingSummary::id).contains(booking.id());
        clock.set(at("10:00"));
        assertThat(service.booking(booking.id()).status()).isEqualTo(BookingStatus.ACTIVE);
        clock.set(at("11:00").minusSeconds(1));
        assertThat(service.booking(booking.id()).status()).isEqualTo(BookingStatus.ACTIVE);
        clock.set(at("11:00"));
        assertThat(service.booking(booking.id()).status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(service.mine()).extracting(BookingSummary::id).doesNotContain(booking.id());
        assertThat(row(booking.id())).containsEntry("status", "BOOKED");
    }

    @Test
    void releaseFreesTheSlotAtOnceAndKeepsTheStart() {
        EnvironmentSummary environment = fixtures.environment(1);
        BookingSummary booking = book(alice, environment, "10:00", "12:00");
        assertThatThrownBy(() -> service.release(booking.id()))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.code()).isEqualTo("booking.not_started"));

        clock.set(at("10:30"));
        BookingSummary released = service.release(booking.id());

        assertThat(released.status()).isEqualTo(BookingStatus.RELEASED);
        assertThat(released.start()).isEqualTo(at("10:00"));
        assertThat(released.end()).isEqualTo(at("10:30"));
        assertThat(row(booking.id())).containsEntry("status", "RELEASED");
        assertThat(instant(row(booking.id()).get("booked_until"))).isEqualTo(at("12:00"));
        assertThat(lastAudit(booking).action()).isEqualTo("booking.released");
        assertThat(lastAudit(booking).actorId()).isEqualTo(alice.id());

        BookingSummary rest = book(bob, environment, "10:30", "12:00");
        assertThat(rest.slot()).isEqualTo(1);
        assertThat(rest.status()).isEqualTo(BookingStatus.ACTIVE);

        as(alice);
        assertThatThrownBy(() -> service.release(booking.id()))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.code()).isEqualTo("booking.ended"));
    }

    @Test
    void cancelOnlyBeforeTheStart() {
        EnvironmentSummary environment = fixtures.environment(1);
        BookingSummary early = book(alice, environment, "10:00", "11:00");
        clock.set(at("09:30"));

        BookingSummary cancelled = service.cancel(early.id());

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(row(early.id())).containsEntry("status", "CANCELLED");
        assertThat(actions(early)).containsExactly("booking.booked", "booking.cancelled");

        BookingSummary started = book(alice, environment, "10:00", "11:00");
        clock.set(at("10:00"));
        assertThatThrownBy(() -> service.cancel(started.id()))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.code()).isEqualTo("booking.already_started"));
        assertThat(service.booking(started.id()).status()).isEqualTo(BookingStatus.ACTIVE);
        assertThat(actions(started)).containsExactly("booking.booked");
    }

    @Test
    void extendSucceedsWhileTheSlotIsFreeAndFailsWhenSomeoneFollows() {
        EnvironmentSummary environment = fixtures.environment(1);
        BookingSummary booking = book(alice, environment, "10:00", "11:00");

        BookingSummary extended = service.extend(booking.id(), at("12:00"));

        assertThat(extended.end()).isEqualTo(at("12:00"));
        assertThat(instant(row(booking.id()).get("booked_until"))).isEqualTo(at("12:00"));
        assertThat(lastAudit(booking).action()).isEqualTo("booking.extended");
        assertThat(lastAudit(booking).details())
                .containsEntry("previousEnd", "2026-03-02T11:00:00Z")
                .containsEntry("end", "2026-03-02T12:00:00Z");

        book(bob, environment, "12:00", "13:00");
        as(alice);
        assertThatThrownBy(() -> service.extend(booking.id(), at("12:30")))
                .isInstanceOfSatisfying(
                        SlotUnavailable.class, e -> assertThat(e.code()).isEqualTo("slot_unavailable"));

        assertThat(service.booking(booking.id()).end()).isEqualTo(at("12:00"));
        assertThat(instant(row(booking.id()).get("ends_at"))).isEqualTo(at("12:00"));
        assertThat(actions(booking)).containsExactly("booking.booked", "booking.extended");
    }

    @Test
    void checkInOnlyFromTheStart() {
        EnvironmentSummary environment = fixtures.environment(1);
        BookingSummary booking = book(alice, environment, "10:00", "11:00");

        assertThatThrownBy(() -> service.checkIn(booking.id()))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.code()).isEqualTo("booking.not_started"));
        assertThat(row(booking.id()).get("checked_in_at")).isNull();

        clock.set(at("10:05"));
        BookingSummary checkedIn = service.checkIn(booking.id());

        assertThat(checkedIn.checkedInAt()).isEqualTo(at("10:05"));
        assertThat(instant(row(booking.id()).get("checked_in_at"))).isEqualTo(at("10:05"));
        assertThat(actions(booking)).containsExactly("booking.booked", "booking.checked_in");
    }

    // ---- who may do what -----------------------------------------------------------------------

    @Test
    void onlyTheHolderOrAManagerMayChangeABooking() {
        EnvironmentSummary environment = fixtures.environment(1);
        BookingSummary booking = book(alice, environment, "10:00", "11:00");
        BookingSummary active = book(alice, environment, "09:00", "10:00");

        as(bob);
        assertThatThrownBy(() -> service.cancel(booking.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.extend(booking.id(), at("11:30"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.release(active.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.checkIn(active.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.forceRelease(active.id(), "I need it"))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThat(service.booking(booking.id()).status()).isEqualTo(BookingStatus.RESERVED);
        assertThat(service.booking(booking.id()).end()).isEqualTo(at("11:00"));
        assertThat(service.booking(active.id()).status()).isEqualTo(BookingStatus.ACTIVE);
        assertThat(actions(booking)).containsExactly("booking.booked");

        as(manager);
        assertThat(service.extend(booking.id(), at("11:30")).end()).isEqualTo(at("11:30"));
        assertThat(lastAudit(booking).actorId()).isEqualTo(manager.id());
        as(fixtures.admin());
        assertThat(service.cancel(booking.id()).status()).isEqualTo(BookingStatus.CANCELLED);
    }

    @Test
    void aManagerForceReleasesWithAReason() {
        EnvironmentSummary environment = fixtures.environment(1);
        BookingSummary booking = book(alice, environment, "09:00", "12:00");
        clock.set(at("10:15"));

        as(manager);
        assertThatThrownBy(() -> service.forceRelease(booking.id(), " ")).isInstanceOf(ValidationFailed.class);
        BookingSummary released = service.forceRelease(booking.id(), "  Customer escalation needs it ");

        assertThat(released.status()).isEqualTo(BookingStatus.RELEASED);
        assertThat(released.end()).isEqualTo(at("10:15"));
        assertThat(row(booking.id()))
                .containsEntry("status", "RELEASED")
                .containsEntry("ended_reason", "Customer escalation needs it");
        AuditRow forced = lastAudit(booking);
        assertThat(forced.action()).isEqualTo("booking.force_released");
        assertThat(forced.actorId()).isEqualTo(manager.id());
        assertThat(forced.details())
                .containsEntry("reason", "Customer escalation needs it")
                .containsEntry("holder", "Alice Field");
        assertThat(book(bob, environment, "10:15", "11:00").slot()).isEqualTo(1);
    }

    @Test
    void customersCannotCallAnyBookingMethod() {
        EnvironmentSummary environment = fixtures.environment(1);
        BookingSummary booking = book(alice, environment, "10:00", "11:00");
        as(fixtures.person("Cody Customer", Role.CUSTOMER));
        String slug = environment.slug();
        UUID id = booking.id();

        List<ThrowingCallable> calls = List.of(
                () -> service.book(request(environment, at("12:00"), at("13:00"))),
                () -> service.claim(slug, Duration.ofHours(1), "Demo", null),
                () -> service.nextFree(slug, at("10:00"), Duration.ofHours(1)),
                () -> service.alternatives(slug, at("10:00"), at("11:00")),
                () -> service.release(id),
                () -> service.forceRelease(id, "mine now"),
                () -> service.cancel(id),
                () -> service.extend(id, at("12:00")),
                () -> service.checkIn(id),
                () -> service.booking(id),
                () -> service.bookings(slug, at("00:00"), at("23:00")),
                () -> service.mine(),
                () -> board.board(),
                () -> noShows.releaseNoShows());
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(AuthorizationDeniedException.class);
        }
        assertThat(fixtures.rows(environment)).isEqualTo(1);
        assertThat(actions(booking)).containsExactly("booking.booked");
    }

    // ---- no-shows ------------------------------------------------------------------------------

    @Test
    void reservationsNotCheckedInWithinTheGraceAreReleasedAsNoShows() {
        EnvironmentSummary environment = fixtures.environment(3);
        BookingSummary noShow = book(alice, environment, "10:00", "12:00");
        BookingSummary checkedIn = book(bob, environment, "10:00", "12:00");
        BookingSummary withinGrace = book(carol, environment, "10:20", "12:00");
        clock.set(at("10:10"));
        as(bob);
        service.checkIn(checkedIn.id());

        clock.set(at("10:40"));
        int released = SystemTask.run("no-show", List.of("ADMIN"), noShows::releaseNoShows);

        assertThat(released).isPositive();
        as(alice);
        BookingSummary gone = service.booking(noShow.id());
        assertThat(gone.status()).isEqualTo(BookingStatus.NO_SHOW);
        assertThat(gone.start()).isEqualTo(at("10:00"));
        assertThat(gone.end()).isEqualTo(at("10:40"));
        assertThat(row(noShow.id())).containsEntry("status", "NO_SHOW");
        assertThat(service.booking(checkedIn.id()).status()).isEqualTo(BookingStatus.ACTIVE);
        assertThat(service.booking(withinGrace.id()).status()).isEqualTo(BookingStatus.ACTIVE);
        AuditRow sweep = lastAudit(noShow);
        assertThat(sweep.action()).isEqualTo("booking.no_show");
        assertThat(sweep.actorId()).isNull();
        assertThat(sweep.actorName()).isEqualTo("system:no-show");
        assertThat(actions(withinGrace)).containsExactly("booking.booked");
        assertThat(book(manager, environment, "10:40", "11:40").slot()).isEqualTo(1);

        clock.set(at("10:50"));
        SystemTask.run("no-show", List.of("ADMIN"), noShows::releaseNoShows);
        as(carol);
        assertThat(service.booking(withinGrace.id()).status()).isEqualTo(BookingStatus.NO_SHOW);
        assertThat(service.booking(checkedIn.id()).status()).isEqualTo(BookingStatus.ACTIVE);
    }

    @Test
    void onlyAdminsAndTheSystemRunTheNoShowSweep() {
        as(manager);
        assertThatThrownBy(() -> noShows.releaseNoShows()).isInstanceOf(AuthorizationDeniedException.class);
    }

    // ---- reading -------------------------------------------------------------------------------

    @Test
    void theBoardShowsTheCurrentHolderAndTheNextBookingOfEachSlot() {
        EnvironmentSummary environment = fixtures.environment(2);
        as(alice);
        BookingSummary current = service.claim(environment.slug(), Duration.ofHours(2), "Workshop", null);
        BookingSummary next = book(bob, environment, "11:00", "12:00");
        book(carol, environment, "13:00", "14:00");
        BookingSummary laterOnTwo = book(carol, environment, "10:00", "11:00");

        BoardEntry entry = board.board().stream()
                .filter(e -> e.environment().id().equals(environment.id()))
                .findFirst()
                .orElseThrow();

        assertThat(entry.slots()).hasSize(2);
        BoardEntry.Slot one = entry.slots().get(0);
        assertThat(one.number()).isEqualTo(1);
        assertThat(one.free()).isFalse();
        assertThat(one.current().id()).isEqualTo(current.id());
        assertThat(one.current().holder().name()).isEqualTo("Alice Field");
        assertThat(one.current().holder().email()).isEqualTo("alice.field@demoportal.dev");
        assertThat(one.next().id()).isEqualTo(next.id());
        assertThat(one.next().holder().name()).isEqualTo("Bob Field");
        BoardEntry.Slot two = entry.slots().get(1);
        assertThat(two.free()).isTrue();
        assertThat(two.next().id()).isEqualTo(laterOnTwo.id());
        assertThat(entry.freeSlots()).isEqualTo(1);

        clock.set(at("11:00"));
        BoardEntry later = board.board().stream()
                .filter(e -> e.environment().id().equals(environment.id()))
                .findFirst()
                .orElseThrow();
        assertThat(later.slots().get(0).current().id()).isEqualTo(next.id());
        assertThat(later.slots().get(1).free()).isTrue();
        assertThat(later.slots().get(1).next()).isNull();
    }

    @Test
    void nextFreeAndAlternativesInTheRegion() {
        String region = "alt-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.asAdmin(() ->
                environments.createRegion(new RegionForm(region, "Region " + region, "eu-west-1", "Europe/Dublin")));
        EnvironmentSummary asked = fixtures.environment(region, 1, EnvironmentStatus.AVAILABLE);
        EnvironmentSummary free = fixtures.environment(region, 1, EnvironmentStatus.AVAILABLE);
        EnvironmentSummary full = fixtures.environment(region, 1, EnvironmentStatus.AVAILABLE);
        EnvironmentSummary underMaintenance = fixtures.environment(region, 1, EnvironmentStatus.AVAILABLE);
        fixtures.environment(region, 1, EnvironmentStatus.MAINTENANCE);
        EnvironmentSummary elsewhere = fixtures.environment("emea", 1, EnvironmentStatus.AVAILABLE);
        fixtures.asAdmin(
                () -> environments.scheduleMaintenance(underMaintenance.id(), at("10:30"), at("12:00"), "Patching"));
        book(alice, asked, "10:00", "12:00");
        book(bob, full, "09:30", "11:30");

        as(carol);
        assertThat(service.nextFree(asked.slug(), at("10:00"), Duration.ofHours(1)))
                .contains(at("12:00"));
        assertThat(service.nextFree(asked.slug(), at("08:00"), Duration.ofHours(1)))
                .contains(at("09:00"));
        assertThat(service.nextFree(asked.slug(), at("08:00"), Duration.ofHours(2)))
                .contains(at("12:00"));
        assertThat(service.alternatives(asked.slug(), at("10:00"), at("11:00")))
                .extracting(EnvironmentSummary::id)
                .containsExactly(free.id())
                .doesNotContain(elsewhere.id());
        assertThat(service.alternatives(asked.slug(), at("12:00"), at("13:00")))
                .extracting(EnvironmentSummary::id)
                .containsExactlyInAnyOrder(free.id(), full.id(), underMaintenance.id());
        assertThat(service.bookings(asked.slug(), at("00:00"), at("23:00")))
                .extracting(BookingSummary::holder)
                .extracting(Holder::name)
                .containsExactly("Alice Field");
    }
}
