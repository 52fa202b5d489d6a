package dev.demoportal.booking;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SlotResetRepository extends JpaRepository<SlotReset, UUID> {

    /**
     * The next reset to run, locked for this worker: pending ones, and running ones whose worker's
     * claim lapsed, oldest first. Resets another worker runs are skipped.
     */
    @Query(value = """
            select * from slot_reset
            where status = 'PENDING' or (status = 'RUNNING' and claimed_until < :now)
            order by requested_at
            limit 1
            for update skip locked""", nativeQuery = true)
    Optional<SlotReset> nextDue(Instant now);

    /** The failed reset that holds a slot out of service, locked. */
    @Query(value = """
            select * from slot_reset
            where environment_id = :environmentId and slot_no = :slot and status = 'FAILED'
            for update""", nativeQuery = true)
    Optional<SlotReset> outOfService(UUID environmentId, int slot);
}
