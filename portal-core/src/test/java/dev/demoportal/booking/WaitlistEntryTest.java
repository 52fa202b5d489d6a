package dev.demoportal.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.demoportal.booking.WaitlistEntry.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A waitlist entry moves only as {@link State#next()} allows: every pair, allowed or refused. */
class WaitlistEntryTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static final Map<State, Set<State>> ALLOWED = new EnumMap<>(Map.of(
            State.WAITING, Set.of(State.GRANTED, State.LEFT, State.LAPSED),
            State.GRANTED, Set.of(),
            State.LEFT, Set.of(),
            State.LAPSED, Set.of()));

    private static WaitlistEntry entry() {
        return new WaitlistEntry(
                UUID.randomUUID(),
                UUID.randomUUID(),
                NOW,
                NOW.plus(Duration.ofHours(4)),
                Duration.ofHours(1),
                "demo",
                NOW);
    }

    /** Moves the entry to {@code state} the way the waitlist does. */
    private static void move(WaitlistEntry entry, State state) {
        if (state == State.GRANTED) {
            entry.granted(UUID.randomUUID(), NOW);
        } else {
            entry.end(state, NOW);
        }
    }

    static Stream<Arguments> everyPair() {
        return Arrays.stream(State.values())
                .flatMap(from -> Arrays.stream(State.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void movesOnlyAsTheTableAllows(State from, State to) {
        boolean allowed = ALLOWED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as("%s -> %s in the table", from, to).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
        WaitlistEntry entry = entry();
        if (from != State.WAITING) {
            move(entry, from);
        }
        assertThat(entry.status()).isEqualTo(from);
        if (allowed) {
            move(entry, to);
            assertThat(entry.status()).isEqualTo(to);
            return;
        }
        IllegalWaitlistTransition refused =
                catchThrowableOfType(IllegalWaitlistTransition.class, () -> move(entry, to));
        assertThat(refused).as("%s -> %s refused", from, to).isNotNull();
        assertThat(refused.code()).isEqualTo("waitlist.illegal_transition");
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(entry.status()).as("state kept after a refused move").isEqualTo(from);
    }
}
