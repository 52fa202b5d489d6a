package dev.demoportal.booking;

import static dev.demoportal.booking.BookingFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The follow-the-sun finder against bookings in three regions (New York, Dublin, Tokyo): ranking
 * by clock distance then start, booking rules and maintenance, and windows across DST changes.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class SlotFinderServiceIT {

    @Autowired
    SlotFinderService finder;

    @Autowired
    BookingService bookings;

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
    String amer;
    String eu;
    String jp;
    EnvironmentSummary newYork;
    EnvironmentSummary dublin;
    EnvironmentSummary tokyo;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        fixtures = new BookingFixtures(users, environments, jdbc);
        alice = fixtures.person("Alice Field", Role.FIELD_ENGINEER);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        amer = region("am" + suffix, "America/New_York", "us-east-1");
        eu = region("eu" + suffix, "Europe/Dublin", "eu-west-1");
        jp = region("jp" + suffix, "Asia/Tokyo", "ap-northeast-1");
        newYork = fixtures.environment(amer, 1, EnvironmentStatus.AVAILABLE);
        dublin = fixtures.environment(eu, 1, EnvironmentStatus.AVAILABLE);
        tokyo = fixtures.environment(jp, 1, EnvironmentStatus.AVAILABLE);
        as(alice);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private String region(String code, String zone, String awsRegion) {
        return fixtures.asAdmin(
                        () -> environments.createRegion(new RegionForm(code, "Region " + code, awsRegion, zone)))
                .code();
    }

    private List<FreeSlot> find(Duration duration, Instant from, Instant to, String zone) {
        return finder.find(new SlotSearch(
                duration,
                from,
                to,
                zone == null ? null : ZoneId.of(zone),
                Set.of(amer, eu, jp),
                SlotSearch.DEFAULT_LIMIT));
    }

    private void book(EnvironmentSummary environment, String start, String end) {
        bookings.book(new BookingRequest(
                environment.slug(), Instant.parse(start), Instant.parse(end), "Customer call", null));
    }

    private static List<String> order(List<FreeSlot> found) {
        return found.stream().map(f -> f.environment().slug() + "@" + f.start()).toList();
    }

    @Test
    void aTokyoCustomerGetsTokyoFirstEvenWhenItIsFreeLaterThenTheNearestClocks() {
        book(tokyo, "2026-03-02T09:00:00Z", "2026-03-02T15:00:00Z");
        fixtures.asAdmin(() -> environments.scheduleMaintenance(
                newYork.id(),
                Instant.parse("2026-03-02T10:00:00Z"),
                Instant.parse("2026-03-02T12:00:00Z"),
                "Cluster upgrade"));

        List<FreeSlot> found = find(
                Duration.ofHours(2),
                Instant.parse("2026-03-02T10:00:00Z"),
                Instant.parse("2026-03-03T10:00:00Z"),
                "Asia/Tokyo");

        assertThat(order(found))
                .containsExactly(
                        tokyo.slug() + "@2026-03-02T15:00:00Z",
                        dublin.slug() + "@2026-03-02T10:00:00Z",
                        newYork.slug() + "@2026-03-02T12:00:00Z");
        assertThat(found)
                .extracting(FreeSlot::distance)
                .containsExactly(Duration.ZERO, Duration.ofHours(9), Duration.ofHours(10));
        assertThat(found.getFirst().slot()).isEqualTo(1);
        assertThat(found.getFirst().end()).isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));
    }

    @Test
    void withoutACustomerZoneTheEarliestStartComesFirst() {
        book(dublin, "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z");
        book(newYork, "2026-03-02T10:00:00Z", "2026-03-02T13:00:00Z");

        assertThat(order(find(
                        Duration.ofHours(1),
                        Instant.parse("2026-03-02T10:00:00Z"),
                        Instant.parse("2026-03-02T18:00:00Z"),
                        null)))
                .containsExactly(
                        tokyo.slug() + "@2026-03-02T10:00:00Z",
                        dublin.slug() + "@2026-03-02T11:00:00Z",
                        newYork.slug() + "@2026-03-02T13:00:00Z");
    }

    @Test
    void anEnvironmentIsLeftOutWhenItsRulesMaintenanceOrStatusForbidTheBooking() {
        fixtures.rules(dublin, new BookingRules(30, 60, 60, 30));
        fixtures.asAdmin(() -> environments.scheduleMaintenance(
                tokyo.id(),
                Instant.parse("2026-03-02T09:30:00Z"),
                Instant.parse("2026-03-02T20:00:00Z"),
                "Node pool rotation"));
        fixtures.environment(amer, 2, EnvironmentStatus.MAINTENANCE);
        book(newYork, "2026-03-02T12:00:00Z", "2026-03-02T14:00:00Z");

        List<FreeSlot> found = find(
                Duration.ofHours(2),
                Instant.parse("2026-03-02T10:00:00Z"),
                Instant.parse("2026-03-02T15:00:00Z"),
                "Europe/Dublin");

        // Dublin allows at most an hour, Tokyo is in maintenance until after the window, the second
        // New York environment is in maintenance: New York's slot fits before its booking
        assertThat(order(found)).containsExactly(newYork.slug() + "@2026-03-02T10:00:00Z");
        // past the horizon (60 days) nothing is offered
        assertThat(find(
                        Duration.ofHours(1),
                        Instant.parse("2026-06-01T10:00:00Z"),
                        Instant.parse("2026-06-02T10:00:00Z"),
                        null))
                .isEmpty();
    }

    @Test
    void aWindowAcrossTheUsClockChangeIsAnHourShorterThanItsLocalTimesSay() {
        ZoneId ny = ZoneId.of("America/New_York");
        // 01:00 to 05:00 local on the night the clocks go forward is three hours, not four
        Instant from = LocalDateTime.parse("2026-03-08T01:00").atZone(ny).toInstant();
        Instant to = LocalDateTime.parse("2026-03-08T05:00").atZone(ny).toInstant();

        List<FreeSlot> threeHours = finder.find(new SlotSearch(Duration.ofHours(3), from, to, ny, Set.of(amer), 10));
        assertThat(threeHours).singleElement().satisfies(f -> {
            assertThat(f.start()).isEqualTo(Instant.parse("2026-03-08T06:00:00Z"));
            assertThat(f.end()).isEqualTo(Instant.parse("2026-03-08T09:00:00Z"));
            assertThat(f.end().atZone(ny).toLocalTime()).hasToString("05:00");
        });
        ValidationFailed fourHours = catchThrowableOfType(
                ValidationFailed.class,
                () -> finder.find(new SlotSearch(Duration.ofHours(4), from, to, ny, Set.of(amer), 10)));
        assertThat(fourHours.byField()).containsKey("duration");
    }

    @Test
    void theRankingFollowsTheEuropeanClockChange() {
        // Kabul (UTC+4:30, no DST) sits halfway between Dublin and Tokyo until Europe moves its clocks
        // on 2026-03-29; after that Dublin is an hour closer. Dublin is busy for the first hour each day.
        book(dublin, "2026-03-27T10:00:00Z", "2026-03-27T11:00:00Z");
        book(dublin, "2026-03-30T10:00:00Z", "2026-03-30T11:00:00Z");
        Set<String> euAndJapan = Set.of(eu, jp);
        ZoneId kabul = ZoneId.of("Asia/Kabul");

        List<FreeSlot> before = finder.find(new SlotSearch(
                Duration.ofHours(1),
                Instant.parse("2026-03-27T10:00:00Z"),
                Instant.parse("2026-03-27T14:00:00Z"),
                kabul,
                euAndJapan,
                10));
        List<FreeSlot> after = finder.find(new SlotSearch(
                Duration.ofHours(1),
                Instant.parse("2026-03-30T10:00:00Z"),
                Instant.parse("2026-03-30T14:00:00Z"),
                kabul,
                euAndJapan,
                10));

        assertThat(order(before))
                .containsExactly(tokyo.slug() + "@2026-03-27T10:00:00Z", dublin.slug() + "@2026-03-27T11:00:00Z");
        assertThat(order(after))
                .containsExactly(dublin.slug() + "@2026-03-30T11:00:00Z", tokyo.slug() + "@2026-03-30T10:00:00Z");
    }

    @Test
    void anAnswerCanBeBookedAsItStandsAndIsThenNoLongerOffered() {
        FreeSlot first = find(
                        Duration.ofHours(2),
                        Instant.parse("2026-03-02T10:00:00Z"),
                        Instant.parse("2026-03-02T14:00:00Z"),
                        "Asia/Tokyo")
                .getFirst();

        assertThat(first.environment().slug()).isEqualTo(tokyo.slug());
        BookingSummary booked = bookings.book(
                new BookingRequest(first.environment().slug(), first.start(), first.end(), "Tokyo customer", null));

        assertThat(booked.slot()).isEqualTo(first.slot());
        // Tokyo's next free time is after the booking just made
        assertThat(order(find(
                        Duration.ofHours(2),
                        Instant.parse("2026-03-02T10:00:00Z"),
                        Instant.parse("2026-03-02T14:00:00Z"),
                        "Asia/Tokyo")))
                .containsExactly(
                        tokyo.slug() + "@2026-03-02T12:00:00Z",
                        dublin.slug() + "@2026-03-02T10:00:00Z",
                        newYork.slug() + "@2026-03-02T10:00:00Z");
    }

    @Test
    void badSearchesAreRefusedByField() {
        Instant from = Instant.parse("2026-03-02T10:00:00Z");
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> find(Duration.ofHours(1), from, from, null))
                        .byField())
                .containsKey("to");
        assertThat(catchThrowableOfType(
                                ValidationFailed.class,
                                () -> find(Duration.ZERO, from, from.plus(Duration.ofHours(2)), null))
                        .byField())
                .containsKey("duration");
        assertThat(catchThrowableOfType(
                                ValidationFailed.class,
                                () -> finder.find(new SlotSearch(
                                        Duration.ofHours(1), from, from.plus(Duration.ofDays(1)), null, Set.of(), 0)))
                        .byField())
                .containsKey("limit");
    }
}
