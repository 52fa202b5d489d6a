package dev.demoportal.environment;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Environment queries Spring Data cannot declare: a page at any offset (lazy grids ask for rows
 * from wherever the user scrolled, not for numbered pages).
 */
@Component
class SharedEnvironmentQueries {

    private final EntityManager entityManager;

    SharedEnvironmentQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Rows {@code offset} to {@code offset + limit} of the environments matching the filter, region loaded. */
    List<SharedEnvironment> page(
            @Nullable String region, @Nullable String text, boolean includeRetired, int offset, int limit) {
        return entityManager
                .createQuery(
                        """
                        select e from SharedEnvironment e join fetch e.region r
                        """ + SharedEnvironmentRepository.FILTER + " order by r.name, e.name, e.id",
                        SharedEnvironment.class)
                .setParameter("region", region)
                .setParameter("text", text)
                .setParameter("includeRetired", includeRetired)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }
}
