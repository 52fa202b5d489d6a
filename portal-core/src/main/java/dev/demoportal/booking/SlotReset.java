package dev.demoportal.booking;

import dev.demoportal.environment.ResetPlan;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.jspecify.annotations.Nullable;

/**
 * One reset of one tenant slot, and the durable job of running it: claimed by one worker at a
 * time until {@link #claimedUntil}. Rows are created by {@link SlotResetQueries} (an insert that
 * yields to a reset already open for the slot); this entity carries the transitions.
 */
@Entity
@Table(name = "slot_reset")
class SlotReset {

    /** A worker's claim lasts the longest step plus this; a dead worker's claim lapses after it. */
    static final Duration CLAIM_MARGIN = Duration.ofMinutes(2);

    @Id
    private UUID id;

    private UUID environmentId;
    private int slotNo;
    private @Nullable UUID bookingId;

    @Enumerated(EnumType.STRING)
    private SlotResetStatus status;

    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private String plan;

    private Instant requestedAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private @Nullable Instant claimedUntil;
    private int attempts;
    private int stepReached;
    private @Nullable String error;
    private @Nullable Instant returnedAt;
    private @Nullable UUID returnedBy;
    private @Nullable String returnNote;

    protected SlotReset() {
        this.id = new UUID(0, 0);
        this.environmentId = id;
        this.status = SlotResetStatus.PENDING;
        this.plan = "{}";
        this.requestedAt = Instant.EPOCH;
    }

    /** A worker takes it (again, when the previous worker's claim lapsed). */
    void claim(Instant now) {
        move(SlotResetStatus.RUNNING);
        if (startedAt == null) {
            startedAt = now;
        }
        attempts++;
        Duration longest = plan().steps().stream()
                .map(ResetPlan.Step::timeout)
                .reduce(Duration.ZERO, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        claimedUntil = now.plus(longest).plus(CLAIM_MARGIN);
    }

    /** Step {@code index} completed: a worker that takes over starts after it. */
    void stepDone(int index, Instant now) {
        stepReached = Math.max(stepReached, index + 1);
        Duration longest = plan().steps().stream()
                .map(ResetPlan.Step::timeout)
                .reduce(Duration.ZERO, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        claimedUntil = now.plus(longest).plus(CLAIM_MARGIN);
    }

    void succeeded(Instant now) {
        move(SlotResetStatus.SUCCEEDED);
        stepReached = plan().steps().size();
        finishedAt = now;
        claimedUntil = null;
    }

    void failed(String why, Instant now) {
        move(SlotResetStatus.FAILED);
        error = why.length() > 1000 ? why.substring(0, 1000) : why;
        finishedAt = now;
        claimedUntil = null;
    }

    void returnToService(UUID by, @Nullable String note, Instant now) {
        move(SlotResetStatus.RETURNED);
        returnedAt = now;
        returnedBy = by;
        returnNote = note == null || note.isBlank() ? null : note.strip();
    }

    private void move(SlotResetStatus target) {
        if (!status.canMoveTo(target)) {
            throw new IllegalResetTransition(status, target);
        }
        status = target;
    }

    ResetPlan plan() {
        ResetPlan read = ResetPlan.fromJson(plan);
        return read == null ? new ResetPlan(java.util.List.of()) : read;
    }

    UUID id() {
        return id;
    }

    UUID environmentId() {
        return environmentId;
    }

    int slotNo() {
        return slotNo;
    }

    SlotResetStatus status() {
        return status;
    }

    int stepReached() {
        return stepReached;
    }

    SlotResetSummary toView() {
        return new SlotResetSummary(
                id,
                environmentId,
                slotNo,
                bookingId,
                status,
                requestedAt,
                startedAt,
                finishedAt,
                stepReached,
                plan().steps().size(),
                error,
                returnedAt,
                returnNote);
    }
}
