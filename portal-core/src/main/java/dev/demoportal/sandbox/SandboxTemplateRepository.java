package dev.demoportal.sandbox;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SandboxTemplateRepository extends JpaRepository<SandboxTemplate, UUID> {

    Optional<SandboxTemplate> findBySlug(String slug);

    List<SandboxTemplate> findAllByOrderByName();

    List<SandboxTemplate> findByActiveTrueOrderByName();

    /**
     * What a sandbox's view shows of its templates, in one query: not the entity, whose regions
     * would cost a second query per template.
     */
    @Query("""
            select t.id as id, t.slug as slug, t.name as name, t.maxLifetimeHours as maxLifetimeHours
            from SandboxTemplate t where t.id in :ids""")
    List<Shown> shown(Collection<UUID> ids);

    /** A template as a sandbox's view names it. */
    interface Shown {
        UUID getId();

        String getSlug();

        String getName();

        int getMaxLifetimeHours();
    }
}
