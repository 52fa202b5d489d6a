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
}
