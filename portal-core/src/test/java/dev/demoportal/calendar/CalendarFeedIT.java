package dev.demoportal.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Calendar feeds parsed back with ical4j, event by event: stable UIDs, SEQUENCE growing as a booking
 * changes, cancelled bookings marked so, UTC times; a replaced or unknown token finds nothing.
 */
@SpringBootTest(properties = "portal.mail.portal-url=https://portal.example")
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class CalendarFeedIT {

    @Autowired
    CalendarService calendars;

    @Autowired
    BookingService bookings;

    @Autowired
    EnvironmentService environments;

    @Autowired
    UserService users;

    @Autowired
    MutableClock clock;

    UserAccount alice;
    UserAccount bob;
    EnvironmentSummary environment;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        alice = person("Alice Field");
        bob = person("Bob Field");
        TestUsers.signInAs("Ada Admin", Role.ADMIN);
        environment = environments.createEnvironment(new EnvironmentForm(
                "cal-" + UUID.randomUUID().toString().substring(0, 8),
                "Calendar Demo " + UUID.randomUUID().toString().substring(0, 4),
                "emea",
                2,
                EnvironmentStatus.AVAILABLE,
                "",
                List.of()));
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void feedsShowBookingsEventByEventAndFollowTheirChanges() throws Exception {
        Instant tomorrow = TestClockConfiguration.START.plus(Duration.ofDays(1));
        as(alice);
        BookingSummary kept = bookings.book(new BookingRequest(
                environment.slug(), tomorrow, tomorrow.plus(Duration.ofHours(2)), "Acme demo", "Acme"));
        BookingSummary dropped = bookings.book(new BookingRequest(
                environment.slug(),
                tomorrow.plus(Duration.ofHours(3)),
                tomorrow.plus(Duration.ofHours(4)),
                "Dry run",
                null));
        CalendarFeedSummary.Created mine = calendars.create(null);
        CalendarFeedSummary.Created env = calendars.create(environment.slug());
        as(bob);
        BookingSummary bobs = bookings.book(new BookingRequest(
                environment.slug(), tomorrow, tomorrow.plus(Duration.ofHours(1)), "Initech POC", null));

        Map<String, VEvent> first = events(feed(mine));
        assertThat(first.keySet()).containsExactlyInAnyOrder(uid(kept), uid(dropped));
        VEvent event = first.get(uid(kept));
        assertThat(text(event, Property.DTSTART)).isEqualTo("20260303T090000Z");
        assertThat(text(event, Property.DTEND)).isEqualTo("20260303T110000Z");
        assertThat(text(event, Property.SUMMARY)).contains(environment.name()).contains("Acme demo");
        assertThat(text(event, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(text(event, Property.URL)).isEqualTo("https://portal.example/environments/" + environment.slug());
        int sequence = Integer.parseInt(text(event, Property.SEQUENCE));

        as(alice);
        bookings.extend(kept.id(), tomorrow.plus(Duration.ofMinutes(150)));
        bookings.cancel(dropped.id());

        Map<String, VEvent> second = events(feed(mine));
        assertThat(second.keySet()).containsExactlyInAnyOrder(uid(kept), uid(dropped));
        assertThat(text(second.get(uid(kept)), Property.DTEND)).isEqualTo("20260303T113000Z");
        assertThat(Integer.parseInt(text(second.get(uid(kept)), Property.SEQUENCE)))
                .isGreaterThan(sequence);
        assertThat(text(second.get(uid(dropped)), Property.STATUS)).isEqualTo("CANCELLED");

        // the environment's feed: everyone's bookings, with the holder
        Map<String, VEvent> all = events(feed(env));
        assertThat(all.keySet()).containsExactlyInAnyOrder(uid(kept), uid(dropped), uid(bobs));
        assertThat(text(all.get(uid(bobs)), Property.SUMMARY)).startsWith("Bob Field · ");
        assertThat(text(all.get(uid(dropped)), Property.STATUS)).isEqualTo("CANCELLED");
    }

    @Test
    void aReplacedOrUnknownTokenFindsNothing() {
        as(alice);
        CalendarFeedSummary.Created old = calendars.create(null);
        CalendarFeedSummary.Created fresh = calendars.create(null);

        assertThat(calendars.ics(token(old))).isEmpty();
        assertThat(calendars.ics(token(fresh))).isPresent();
        assertThat(calendars.ics("x".repeat(43))).isEmpty();
        assertThat(calendars.ics("../../etc/passwd")).isEmpty();
        assertThat(calendars.mine()).singleElement().satisfies(f -> {
            assertThat(f.personal()).isTrue();
            assertThat(f.lastReadAt()).isEqualTo(TestClockConfiguration.START);
        });

        calendars.delete(calendars.mine().getFirst().id());
        assertThat(calendars.ics(token(fresh))).isEmpty();
    }

    private String feed(CalendarFeedSummary.Created created) {
        TestUsers.signOut(); // calendar clients have no session
        return calendars.ics(token(created)).orElseThrow();
    }

    private static Map<String, VEvent> events(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        return events.stream().collect(Collectors.toMap(e -> text(e, Property.UID), Function.identity()));
    }

    private static String text(VEvent event, String property) {
        return event.getProperty(property)
                .map(Property::getValue)
                .orElseThrow(() -> new AssertionError("no " + property + " in " + event));
    }

    private static String uid(BookingSummary b) {
        return "booking-" + b.id() + "@demoportal";
    }

    private static String token(CalendarFeedSummary.Created created) {
        String url = created.url();
        assertThat(url).startsWith("https://portal.example/calendar/").endsWith(".ics");
        return url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());
    }

    private UserAccount person(String name) {
        return users.signIn(new MappedIdentity(
                "https://idp.example",
                "sub-" + UUID.randomUUID(),
                name.toLowerCase().replace(' ', '.') + "-"
                        + UUID.randomUUID().toString().substring(0, 6) + "@demoportal.dev",
                name,
                Set.of(Role.FIELD_ENGINEER),
                null));
    }

    private static void as(UserAccount who) {
        TestUsers.signInAs(who.id(), who.displayName(), who.roles().toArray(Role[]::new));
    }
}
