package dev.demoportal.booking;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * One slot of one environment held for a period. The database's exclusion constraint guards the
 * slot; the booking guards its own endings ({@link BookingStatus#next()}).
 */
@Entity
@Table(name = "booking")
class Booking implements Persistable<UUID> {

    /** What is stored; reserved/active/expired are derived from the period (see {@link #status}). */
    enum Stored {
        BOOKED,
        RELEASED,
        CANCELLED,
        NO_SHOW
    }

    @Id
    private UUID id;

    private UUID environmentId;

    private int slotNo;

    private UUID holderId;

    private Instant startsAt;

    private Instant endsAt;

    private Instant bookedUntil;

    @Enumerated(EnumType.STRING)
    private Stored status;

    private String purpose;

    private @Nullable String customer;

    private @Nullable Instant checkedInAt;

    private @Nullable String endedReason;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    /** Ids are assigned here, so tell Spring Data which rows are new: it then inserts without a select first. */
    @Transient
    private boolean fresh;

    protected Booking() {
        this.id = new UUID(0, 0);
        this.environmentId = id;
        this.holderId = id;
        this.startsAt = Instant.EPOCH;
        this.endsAt = Instant.EPOCH;
        this.bookedUntil = Instant.EPOCH;
        this.status = Stored.BOOKED;
        this.purpose = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    Booking(
            UUID environmentId,
            int slotNo,
            UUID holderId,
            Instant start,
            Instant end,
            String purpose,
            @Nullable String customer,
            boolean checkedIn,
            Instant now) {
        this(UUID.randomUUID(), environmentId, slotNo, holderId, start, end, purpose, customer, checkedIn, now);
    }

    /** A booking with its id given (the constructor above draws a random one). */
    Booking(
            UUID id,
            UUID environmentId,
            int slotNo,
            UUID holderId,
            Instant start,
            Instant end,
            String purpose,
            @Nullable String customer,
            boolean checkedIn,
            Instant now) {
        this();
        this.id = id;
        this.fresh = true;
        this.environmentId = environmentId;
        this.slotNo = slotNo;
        this.holderId = holderId;
        this.startsAt = start;
        this.endsAt = end;
        this.bookedUntil = end;
        this.purpose = purpose;
        this.customer = customer;
        this.checkedInAt = checkedIn ? now : null;
        this.createdAt = now;
        this.updatedAt = now;
    }

    BookingStatus status(Instant now) {
        return switch (status) {
            case RELEASED -> BookingStatus.RELEASED;
            case CANCELLED -> BookingStatus.CANCELLED;
            case NO_SHOW -> BookingStatus.NO_SHOW;
            case BOOKED ->
                now.isBefore(startsAt)
                        ? BookingStatus.RESERVED
                        : now.isBefore(endsAt) ? BookingStatus.ACTIVE : BookingStatus.EXPIRED;
        };
    }

    /** Ends a started hold now: the slot is free from this instant. */
    void release(Instant now, @Nullable String reason) {
        moveTo(BookingStatus.RELEASED, now);
        end(now, Stored.RELEASED, reason);
    }

    /** Ends the hold of a started booking nobody checked in to (also one that has run out meanwhile). */
    void markNoShow(Instant now, String reason) {
        moveTo(BookingStatus.NO_SHOW, now);
        end(now, Stored.NO_SHOW, reason);
    }

    /** Withdraws a booking that has not started. */
    void cancel(Instant now) {
        moveTo(BookingStatus.CANCELLED, now);
        this.status = Stored.CANCELLED;
        this.updatedAt = now;
    }

    private void end(Instant now, Stored how, @Nullable String reason) {
        this.status = how;
        // never lengthen it (a late no-show sweep), never make it empty (released before it began)
        Instant cut = now.isAfter(startsAt) ? now : startsAt.plusMillis(1);
        this.endsAt = cut.isBefore(endsAt) ? cut : endsAt;
        this.endedReason = reason;
        this.updatedAt = now;
    }

    /** Every ending goes through here: the moves {@link BookingStatus#next()} allows, nothing else. */
    private void moveTo(BookingStatus next, Instant now) {
        BookingStatus current = status(now);
        if (!current.canMoveTo(next)) {
            throw new IllegalBookingTransition(current, next);
        }
    }

    void extendTo(Instant until, Instant now) {
        this.endsAt = until;
        this.bookedUntil = until;
        this.updatedAt = now;
    }

    void checkIn(Instant now) {
        this.checkedInAt = now;
        this.updatedAt = now;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    @PostLoad
    void stored() {
        fresh = false;
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

    UUID holderId() {
        return holderId;
    }

    Instant startsAt() {
        return startsAt;
    }

    Instant endsAt() {
        return endsAt;
    }

    String purpose() {
        return purpose;
    }

    @Nullable
    String customer() {
        return customer;
    }

    @Nullable
    Instant checkedInAt() {
        return checkedInAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    long version() {
        return version;
    }
}
