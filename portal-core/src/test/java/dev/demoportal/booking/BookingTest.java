package dev.demoportal.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A booking moves only as {@link BookingStatus#next()} allows: the clock moves it from reserved to
 * active to expired, people end it early, and every other move is refused.
 */
class BookingTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static Booking booked(Duration fromNow, Duration length) {
        Instant start = NOW.plus(fromNow);
        return new Booking(
                UUID.randomUUID(),
                1,
                UUID.randomUUID(),
                start,
                start.plus(length),
                "Demo",
                null,
                false,
                NOW.minus(Duration.ofDays(1)));
    }

    /** A booking in each state at {@link #NOW}, as the service and the sweep leave it. */
    private static final Map<BookingStatus, Supplier<Booking>> IN = new EnumMap<>(Map.of(
            BookingStatus.RESERVED, () -> booked(Duration.ofHours(1), Duration.ofHours(2)),
            BookingStatus.ACTIVE, () -> booked(Duration.ofHours(-1), Duration.ofHours(2)),
            BookingStatus.EXPIRED, () -> booked(Duration.ofHours(-3), Duration.ofHours(2)),
            BookingStatus.RELEASED,
                    () -> {
                        Booking b = booked(Duration.ofHours(-1), Duration.ofHours(2));
                        b.release(NOW, null);
                        return b;
                    },
            BookingStatus.CANCELLED,
                    () -> {
                        Booking b = booked(Duration.ofHours(1), Duration.ofHours(2));
                        b.cancel(NOW);
                        return b;
                    },
            BookingStatus.NO_SHOW,
                    () -> {
                        Booking b = booked(Duration.ofHours(-1), Duration.ofHours(2));
                        b.markNoShow(NOW, "not checked in");
                        return b;
                    }));

    /** The methods that end a booking; the other states are the clock's. */
    private static final Map<BookingStatus, Consumer<Booking>> ENDINGS = new EnumMap<>(Map.of(
            BookingStatus.RELEASED, b -> b.release(NOW, "done"),
            BookingStatus.CANCELLED, b -> b.cancel(NOW),
            BookingStatus.NO_SHOW, b -> b.markNoShow(NOW, "not checked in")));

    /** Later moments to look at: within a reserved booking's period, and after every booking's end. */
    private static final List<Instant> LATER =
            List.of(NOW.plusSeconds(1), NOW.plus(Duration.ofMinutes(90)), NOW.plus(Duration.ofHours(5)));

    /** What the service and the sweep do today, written out once more by hand. */
    private static final Map<BookingStatus, Set<BookingStatus>> ALLOWED = new EnumMap<>(Map.of(
            BookingStatus.RESERVED, Set.of(BookingStatus.ACTIVE, BookingStatus.EXPIRED, BookingStatus.CANCELLED),
            BookingStatus.ACTIVE, Set.of(BookingStatus.EXPIRED, BookingStatus.RELEASED, BookingStatus.NO_SHOW),
            // the sweep may find a no-show only after its end
            BookingStatus.EXPIRED, Set.of(BookingStatus.NO_SHOW),
            BookingStatus.RELEASED, Set.of(),
            BookingStatus.CANCELLED, Set.of(),
            BookingStatus.NO_SHOW, Set.of()));

    static Stream<Arguments> everyPair() {
        return Arrays.stream(BookingStatus.values())
                .flatMap(from -> Arrays.stream(BookingStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void movesOnlyAsTheTableAllows(BookingStatus from, BookingStatus to) {
        boolean allowed = ALLOWED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as("%s -> %s in the table", from, to).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
        Booking booking = IN.get(from).get();
        assertThat(booking.status(NOW)).isEqualTo(from);
        Instant end = booking.endsAt();

        Consumer<Booking> ending = ENDINGS.get(to);
        if (ending == null) {
            // the clock's move: some later moment shows the booking in that state
            boolean reached = to != from && LATER.stream().anyMatch(t -> booking.status(t) == to);
            assertThat(reached).as("%s -> %s as time passes", from, to).isEqualTo(allowed);
            return;
        }
        if (allowed) {
            ending.accept(booking);
            assertThat(booking.status(NOW)).isEqualTo(to);
            assertThat(booking.status(NOW.plus(Duration.ofDays(1))))
                    .as("an ending is for good")
                    .isEqualTo(to);
            return;
        }
        IllegalBookingTransition refused =
                catchThrowableOfType(IllegalBookingTransition.class, () -> ending.accept(booking));
        assertThat(refused).as("%s -> %s refused", from, to).isNotNull();
        assertThat(refused.code()).isEqualTo("booking.illegal_transition");
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.from()).isEqualTo(from);
        assertThat(refused.to()).isEqualTo(to);
        assertThat(booking.status(NOW)).as("state kept after a refused move").isEqualTo(from);
        assertThat(booking.endsAt()).as("period kept after a refused move").isEqualTo(end);
    }
}
