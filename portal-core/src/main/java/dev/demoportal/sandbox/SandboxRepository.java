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

    /**
     * Ready sandboxes expiring before {@code until} (the longest lead from now) for which one of the warning leads ({@code leadSeconds}, a PostgreSQL array
     * literal of seconds) has been reached, where that lead started after the sandbox was ready (a
     * lead as long as its life is not one): candidates for a warning, soonest expiry first. Those
     * none of whose leads is due are not read at all.
     */
    @Query(value = """
            select s.id from sandbox s
            where s.status = 'READY' and s.expires_at > cast(:now as timestamptz)
              and s.expires_at <= cast(:until as timestamptz)
              and exists (
                select 1 from unnest(cast(:leadSeconds as bigint[])) l(seconds)
                where s.expires_at - make_interval(secs => l.seconds) <= cast(:now as timestamptz)
                  and (s.ready_at is null or s.expires_at - make_interval(secs => l.seconds) > s.ready_at))
            order by s.expires_at""", nativeQuery = true)
    List<UUID> warningDue(Instant now, Instant until, String leadSeconds);

    /** Seconds past expiry of the oldest sandbox not torn down yet (0 when none is late). */
    @Query(value = """
            select coalesce(extract(epoch from (cast(:now as timestamptz) - min(expires_at))), 0) from sandbox
            where status in ('READY', 'TEARING_DOWN') and expires_at < :now""", nativeQuery = true)
    double expiryLagSeconds(Instant now);
}
