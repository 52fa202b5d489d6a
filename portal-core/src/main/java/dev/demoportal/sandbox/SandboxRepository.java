package dev.demoportal.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface SandboxRepository extends JpaRepository<Sandbox, UUID>, JpaSpecificationExecutor<Sandbox> {

    /**
     * Sandboxes of one organisation and template that count against its quota: all but those over
     * for good ({@link SandboxStatus#finished()}).
     */
    @Query(value = """
            select count(*) from sandbox
            where organisation_id = :organisationId and template_id = :templateId
              and status not in ('REJECTED', 'CANCELLED', 'TORN_DOWN')""", nativeQuery = true)
    long countActive(UUID organisationId, UUID templateId);

    /** {@link #countActive} for every template of one organisation at once. */
    @Query(value = """
            select template_id as templateId, count(*) as active from sandbox
            where organisation_id = :organisationId and status not in ('REJECTED', 'CANCELLED', 'TORN_DOWN')
            group by template_id""", nativeQuery = true)
    List<ActiveCount> countActiveByTemplate(UUID organisationId);

    /** How many sandboxes of one template an organisation holds. */
    interface ActiveCount {
        UUID getTemplateId();

        long getActive();
    }

    /**
     * Serialises quota decisions for one organisation and template: a transaction-scoped advisory
     * lock, so two requests racing for the last unit count one after the other.
     */
    @Query(value = "select 1 from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) l", nativeQuery = true)
    int lockQuota(String key);

    @Query("""
            select s from Sandbox s where s.status = dev.demoportal.sandbox.SandboxStatus.REQUESTED
            order by s.requestedAt""")
    List<Sandbox> waitingForDecision();

    /** Ready sandboxes whose time is up, oldest expiry first. */
    @Query("""
            select s.id from Sandbox s where s.status = dev.demoportal.sandbox.SandboxStatus.READY
              and s.expiresAt <= :now order by s.expiresAt""")
    List<UUID> expiredAt(Instant now);

    /** Failed sandboxes that failed at or before {@code cutoff}, oldest failure first. */
    @Query("""
            select s.id from Sandbox s where s.status = dev.demoportal.sandbox.SandboxStatus.FAILED
              and s.failedAt <= :cutoff order by s.failedAt""")
    List<UUID> failedBefore(Instant cutoff);

    /** Ready sandboxes expiring before {@code until}: candidates for a warning. */
    @Query("""
            select s.id from Sandbox s where s.status = dev.demoportal.sandbox.SandboxStatus.READY
              and s.expiresAt > :now and s.expiresAt <= :until order by s.expiresAt""")
    List<UUID> expiringBetween(Instant now, Instant until);

    /** Seconds past expiry of the oldest sandbox not torn down yet (0 when none is late). */
    @Query(value = """
            select coalesce(extract(epoch from (cast(:now as timestamptz) - min(expires_at))), 0) from sandbox
            where status in ('READY', 'TEARING_DOWN') and expires_at < :now""", nativeQuery = true)
    double expiryLagSeconds(Instant now);
}
