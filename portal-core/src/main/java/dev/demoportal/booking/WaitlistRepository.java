package dev.demoportal.booking;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface WaitlistRepository extends JpaRepository<WaitlistEntry, UUID> {

    @Query("""
            select w from WaitlistEntry w
            where w.environmentId = :environmentId and w.status = dev.demoportal.booking.WaitlistEntry.State.WAITING
            order by w.createdAt, w.id""")
    List<WaitlistEntry> waiting(UUID environmentId);

    @Query("""
            select distinct w.environmentId from WaitlistEntry w
            where w.status = dev.demoportal.booking.WaitlistEntry.State.WAITING""")
    List<UUID> environmentsWithWaiting();
}
