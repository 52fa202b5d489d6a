package dev.demoportal.booking;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Someone queueing for a slot of a full environment within a time window. */
@Entity
@Table(name = "waitlist_entry")
class WaitlistEntry {

    /**
     * Where an entry is. {@link #next()} is the one table of its moves; the entry refuses any other
     * with {@link IllegalWaitlistTransition}. A waiting entry is granted a booking, left by its
     * person, or lapses when no booking of its length fits any more; each of those is final.
     */
    enum State {
        WAITING,
        GRANTED,
        LEFT,
        LAPSED;

        private static final Map<State, Set<State>> NEXT = Map.of(
                WAITING, EnumSet.of(GRANTED, LEFT, LAPSED),
                GRANTED, EnumSet.noneOf(State.class),
                LEFT, EnumSet.noneOf(State.class),
                LAPSED, EnumSet.noneOf(State.class));

        Set<State> next() {
            return Set.copyOf(NEXT.getOrDefault(this, Set.of()));
        }

        boolean canMoveTo(State next) {
            return NEXT.getOrDefault(this, Set.of()).contains(next);
        }
    }

    @Id
    private UUID id;

    private UUID environmentId;

    private UUID userId;

    private Instant windowStart;

    private Instant windowEnd;

    private int minutes;

    private String purpose;

    @Enumerated(EnumType.STRING)
    private State status;

    private @Nullable UUID bookingId;

    private Instant createdAt;

    private Instant updatedAt;

    protected WaitlistEntry() {
        this.id = new UUID(0, 0);
        this.environmentId = id;
        this.userId = id;
        this.windowStart = Instant.EPOCH;
        this.windowEnd = Instant.EPOCH;
        this.purpose = "";
        this.status = State.WAITING;
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    WaitlistEntry(
            UUID environmentId,
            UUID userId,
            Instant windowStart,
            Instant windowEnd,
            Duration length,
            String purpose,
            Instant now) {
        this();
        this.id = UUID.randomUUID();
        this.environmentId = environmentId;
        this.userId = userId;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.minutes = (int) length.toMinutes();
        this.purpose = purpose;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** No booking of the asked length fits in what is left of the window. */
    boolean lapsed(Instant now) {
        return windowEnd.minus(length()).isBefore(now);
    }

    void granted(UUID booking, Instant now) {
        moveTo(State.GRANTED);
        this.bookingId = booking;
        this.updatedAt = now;
    }

    void end(State how, Instant now) {
        moveTo(how);
        this.updatedAt = now;
    }

    /** Every state change goes through here: the moves {@link State#next()} allows, nothing else. */
    private void moveTo(State next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalWaitlistTransition(status.name(), next.name());
        }
        status = next;
    }

    Duration length() {
        return Duration.ofMinutes(minutes);
    }

    UUID id() {
        return id;
    }

    UUID environmentId() {
        return environmentId;
    }

    UUID userId() {
        return userId;
    }

    Instant windowStart() {
        return windowStart;
    }

    Instant windowEnd() {
        return windowEnd;
    }

    String purpose() {
        return purpose;
    }

    State status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }
}
