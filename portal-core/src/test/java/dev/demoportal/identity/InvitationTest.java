package dev.demoportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.demoportal.identity.InvitationSummary.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An invitation moves only as {@link State#next()} allows: every pair, allowed or refused. */
class InvitationTest {

    private static final Instant SENT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRES = SENT.plus(Duration.ofDays(14));
    private static final Instant BEFORE_EXPIRY = SENT.plus(Duration.ofDays(1));
    private static final Instant AFTER_EXPIRY = EXPIRES.plus(Duration.ofDays(1));

    private static final Map<State, Set<State>> ALLOWED = new EnumMap<>(Map.of(
            State.OPEN, Set.of(State.ACCEPTED, State.REVOKED, State.EXPIRED),
            State.ACCEPTED, Set.of(),
            // closed when its address is invited again
            State.EXPIRED, Set.of(State.REVOKED),
            State.REVOKED, Set.of()));

    /** A state reached, and the moment it is looked at from. */
    private record Reached(Invitation invitation, Instant at) {}

    private static Reached reach(State state) {
        Invitation invitation =
                new Invitation("carol@acme.example", UUID.randomUUID(), UUID.randomUUID(), "hash", SENT, EXPIRES);
        return switch (state) {
            case OPEN -> new Reached(invitation, BEFORE_EXPIRY);
            case ACCEPTED -> {
                invitation.accept(UUID.randomUUID(), BEFORE_EXPIRY);
                yield new Reached(invitation, BEFORE_EXPIRY);
            }
            case REVOKED -> {
                invitation.revoke(BEFORE_EXPIRY);
                yield new Reached(invitation, BEFORE_EXPIRY);
            }
            case EXPIRED -> new Reached(invitation, AFTER_EXPIRY);
        };
    }

    /** How each state is reached from another: accepting, revoking, or time passing expiry. */
    private static final Map<State, Consumer<Reached>> MOVES = Map.of(
            State.ACCEPTED, r -> r.invitation().accept(UUID.randomUUID(), r.at()),
            State.REVOKED, r -> r.invitation().revoke(r.at()));

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
        Reached reached = reach(from);
        assertThat(reached.invitation().state(reached.at())).isEqualTo(from);
        if (to == State.OPEN) {
            assertThat(allowed).as("nothing opens an invitation again").isFalse();
            return;
        }
        if (to == State.EXPIRED) {
            // expiry is time passing: it changes only an open invitation
            State later = reached.invitation().state(AFTER_EXPIRY);
            assertThat(later == State.EXPIRED && from != State.EXPIRED).isEqualTo(allowed);
            return;
        }
        Consumer<Reached> move = MOVES.get(to);
        if (allowed) {
            move.accept(reached);
            assertThat(reached.invitation().state(reached.at())).isEqualTo(to);
            return;
        }
        InvitationNotOpen refused = catchThrowableOfType(InvitationNotOpen.class, () -> move.accept(reached));
        assertThat(refused).as("%s -> %s refused", from, to).isNotNull();
        assertThat(refused.code()).isEqualTo("invitation.not_open");
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.from()).isEqualTo(from);
        assertThat(refused.to()).isEqualTo(to);
        assertThat(reached.invitation().state(reached.at()))
                .as("state kept after a refused move")
                .isEqualTo(from);
    }
}
