package dev.demoportal.environment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MaintenanceWindowRepository extends JpaRepository<MaintenanceWindow, UUID> {

    @Query("""
            select w from MaintenanceWindow w
            where w.environmentId = :environmentId and w.startsAt < :to and w.endsAt > :from
            order by w.startsAt""")
    List<MaintenanceWindow> overlapping(UUID environmentId, Instant from, Instant to);
}
