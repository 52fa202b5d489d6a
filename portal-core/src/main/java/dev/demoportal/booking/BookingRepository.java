package dev.demoportal.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface BookingRepository extends JpaRepository<Booking, UUID> {

    /** Bookings holding a slot of the environment at some point in {@code [from, to)}. */
    @Query("""
            select b from Booking b
            where b.environmentId = :environmentId and b.status = dev.demoportal.booking.Booking.Stored.BOOKED
              and b.startsAt < :to and b.endsAt > :from
            order by b.slotNo, b.startsAt""")
    List<Booking> holding(UUID environmentId, Instant from, Instant to);

    /**
     * For every slot of every environment, the first two held bookings that have not ended: the one
     * holding it now (if any) and the next. One query for the whole board, however far ahead people book.
     */
    @Query(value = """
            select * from booking where id in (
                select id from (
                    select id, row_number() over (partition by environment_id, slot_no order by starts_at) as place
                    from booking where status = 'BOOKED' and ends_at > :now) upcoming
                where place <= 2)
            order by environment_id, slot_no, starts_at""", nativeQuery = true)
    List<Booking> currentAndNextPerSlot(Instant now);

    /** Bookings holding their slot at {@code now}, across all environments. */
    @Query("""
            select b from Booking b
            where b.status = dev.demoportal.booking.Booking.Stored.BOOKED and b.startsAt <= :now and b.endsAt > :now
            order by b.environmentId, b.slotNo""")
    List<Booking> heldAt(Instant now);

    @Query("""
            select b from Booking b
            where b.status = dev.demoportal.booking.Booking.Stored.BOOKED and b.checkedInAt is null
              and b.startsAt <= :startedBefore
            order by b.startsAt""")
    List<Booking> notCheckedIn(Instant startedBefore);

    @Query("""
            select b from Booking b
            where b.holderId = :holderId and b.status = dev.demoportal.booking.Booking.Stored.BOOKED
              and b.endsAt > :now
            order by b.startsAt""")
    List<Booking> currentAndUpcoming(UUID holderId, Instant now);

    /** Every booking of the environment overlapping {@code [from, to)}, ended and cancelled ones too: calendar feeds. */
    @Query("""
            select b from Booking b
            where b.environmentId = :environmentId and b.startsAt < :to and b.endsAt > :from
            order by b.startsAt""")
    List<Booking> everyOf(UUID environmentId, Instant from, Instant to);

    /** Every booking of the holder overlapping {@code [from, to)}, ended and cancelled ones too: calendar feeds. */
    @Query("""
            select b from Booking b
            where b.holderId = :holderId and b.startsAt < :to and b.endsAt > :from
            order by b.startsAt""")
    List<Booking> everyHeldBy(UUID holderId, Instant from, Instant to);
}
