package dev.demoportal.booking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AccessLeaseRepository extends JpaRepository<AccessLease, UUID> {

    Optional<AccessLease> findByBookingId(UUID bookingId);

    List<AccessLease> findByBookingIdIn(Collection<UUID> bookingIds);

    @Query("select l from AccessLease l where l.status <> dev.demoportal.booking.AccessStatus.REVOKED")
    List<AccessLease> open();

    /**
     * The next lease with work due, locked for this worker: revokes first (the lease must never
     * outlive the holding), then grants, oldest due first. A grant waits while the slot is resetting
     * or out of service (V52 {@code slot_ready}), and while the slot's latest ended holding has not
     * had its reset asked for yet (V58 {@code slot_reset_owed}: an environment with a reset plan, a
     * booking that starts the moment the previous one ends): the next holder gets access only to a clean slot.
     * Leases another worker has claimed are skipped until its claim lapses.
     */
    @Query(value = """
            select * from access_lease
            where status <> 'REVOKED' and next_attempt_at <= :now
              and (claimed_until is null or claimed_until < :now)
              and (revoke_due_at <= :now
                   or (status in ('PENDING', 'FAILED') and slot_ready(environment_id, slot_no)
                       and coalesce(slot_reset_owed(environment_id, slot_no, :now), booking_id) = booking_id))
            order by case when revoke_due_at <= :now then 0 else 1 end, next_attempt_at
            limit 1
            for update skip locked""", nativeQuery = true)
    Optional<AccessLease> nextDue(Instant now);
}
