package dev.demoportal.environment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SharedEnvironmentRepository extends JpaRepository<SharedEnvironment, UUID> {

    /**
     * {@code :text} is a LIKE pattern escaped with {@code !}. The escape character is spelled out
     * because Hibernate's PostgreSQL dialect otherwise adds {@code escape ''}, which would make a
     * search for "100%" match "1000".
     */
    String FILTER = """
            where (:region is null or e.region.code = :region)
              and (:includeRetired = true or e.status <> dev.demoportal.environment.EnvironmentStatus.RETIRED)
              and (:text is null or lower(e.name) like :text escape '!' or e.slug like :text escape '!'
                   or lower(e.description) like :text escape '!')
            """;

    @Query(
            value = "select e from SharedEnvironment e join fetch e.region r " + FILTER
                    + " order by r.name, e.name, e.id")
    List<SharedEnvironment> findAllMatching(@Nullable String region, @Nullable String text, boolean includeRetired);

    @Query("select count(e) from SharedEnvironment e " + FILTER)
    long countMatching(@Nullable String region, @Nullable String text, boolean includeRetired);

    @Query("select e from SharedEnvironment e join fetch e.region where e.slug = :slug")
    Optional<SharedEnvironment> findBySlug(String slug);

    boolean existsBySlug(String slug);
}
