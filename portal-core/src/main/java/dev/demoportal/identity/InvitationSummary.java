package dev.demoportal.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An invitation as field engineers see it (never its token). */
public record InvitationSummary(
        UUID id,
        String email,
        OrganisationRef organisation,
        String invitedBy,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant acceptedAt,
        @Nullable Instant revokedAt,
        State state) {

    /**
     * Where an invitation is. {@link #next()} is the one table of its moves; {@link Invitation}
     * refuses any other with {@link InvitationNotOpen}. An open invitation is accepted (once), revoked
     * by a field engineer, or expires as time passes; an expired one that was never closed is revoked
     * when its address is invited again (the newest invitation counts). The rest is final.
     */
    public enum State {
        OPEN,
        ACCEPTED,
        EXPIRED,
        REVOKED;

        private static final Map<State, Set<State>> NEXT = Map.of(
                OPEN, EnumSet.of(ACCEPTED, REVOKED, EXPIRED),
                ACCEPTED, EnumSet.noneOf(State.class),
                EXPIRED, EnumSet.of(REVOKED),
                REVOKED, EnumSet.noneOf(State.class));

        /** The states an invitation in this one may move to. */
        public Set<State> next() {
            return Set.copyOf(NEXT.getOrDefault(this, Set.of()));
        }

        public boolean canMoveTo(State next) {
            return NEXT.getOrDefault(this, Set.of()).contains(next);
        }
    }
}
