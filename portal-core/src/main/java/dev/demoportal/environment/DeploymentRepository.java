package dev.demoportal.environment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DeploymentRepository extends JpaRepository<Deployment, UUID> {

    /** The current report of an environment ({@code slot} null) or of one of its slots. */
    @Query("""
            select d from Deployment d
            where d.environmentId = :environmentId
              and ((:slot is null and d.slotNo is null) or d.slotNo = :slot)
            order by d.observedAt desc, d.reportedAt desc""")
    List<Deployment> latest(UUID environmentId, @Nullable Integer slot, Limit limit);

    default Optional<Deployment> current(UUID environmentId, @Nullable Integer slot) {
        return latest(environmentId, slot, Limit.of(1)).stream().findFirst();
    }

    /** The current report of every target (the environment and each slot) of the given environments. */
    @Query(value = """
            select distinct on (environment_id, coalesce(slot_no, 0)) *
            from environment_deployment
            where environment_id in (:environmentIds)
            order by environment_id, coalesce(slot_no, 0), observed_at desc, reported_at desc""", nativeQuery = true)
    List<Deployment> currentOf(List<UUID> environmentIds);

    /** Every report of an environment and its slots, newest first. */
    @Query("""
            select d from Deployment d where d.environmentId = :environmentId
            order by d.observedAt desc, d.reportedAt desc""")
    List<Deployment> history(UUID environmentId, Limit limit);

    /** One page of {@link #history}, by offset. */
    @Query(value = """
            select * from environment_deployment where environment_id = :environmentId
            order by observed_at desc, reported_at desc, id
            limit :limit offset :offset""", nativeQuery = true)
    List<Deployment> historyPage(UUID environmentId, int offset, int limit);

    long countByEnvironmentId(UUID environmentId);

    /**
     * Locks the environment's row so two reports for it are ordered: the second sees the first
     * when it compares ages. Plain SQL, so the environment's version (the admins' edit check) is untouched.
     */
    @Query(value = "select 1 from shared_environment where id = :environmentId for update", nativeQuery = true)
    List<Integer> lockEnvironment(UUID environmentId);
}
