package dev.demoportal.environment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SharedEnvironmentRepository extends JpaRepository<SharedEnvironment, UUID> {

    String FILTER = """
            where (:region is null or e.region.code = :region)
              and (:includeRetired = true or e.status <> dev.demoportal.environment.EnvironmentStatus.RETIRED)
              and (:text is null or lower(e.name) like :text or e.slug like :text or lower(e.description) like :text)
            """;

    @Query(value = "select e from SharedEnvironment e join fetch e.region r " + FILTER + " order by r.name, e.name, e.id")
    List<SharedEnvironment> findAllMatching(String region, String text, boolean includeRetired);

    @Query("select count(e) from SharedEnvironment e " + FILTER)
    long countMatching(String region, String text, boolean includeRetired);

    @Query("select e from SharedEnvironment e join fetch e.region where e.slug = :slug")
    Optional<SharedEnvironment> findBySlug(String slug);

    boolean existsBySlug(String slug);
}
