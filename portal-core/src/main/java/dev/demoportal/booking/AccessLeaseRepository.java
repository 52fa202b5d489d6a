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
     * outlive the holding), then grants, oldest due first. Leases another worker has claimed are
     * skipped until its claim lapses.
     */
    @Query(value = """
            select * from access_lease
            where status <> 'REVOKED' and next_attempt_at <= :now
              and (claimed_until is null or claimed_until < :now)
              and (revoke_due_at <= :now or status in ('PENDING', 'FAILED'))
            order by case when revoke_due_at <= :now then 0 else 1 end, next_attempt_at
            limit 1
            for update skip locked""", nativeQuery = true)
    Optional<AccessLease> nextDue(Instant now);
}
