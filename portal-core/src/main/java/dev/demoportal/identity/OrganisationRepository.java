package dev.demoportal.identity;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrganisationRepository extends JpaRepository<Organisation, UUID> {

    @Query("select o from Organisation o where o.slug = lower(:key) or lower(o.name) = lower(:key)")
    Optional<Organisation> findBySlugOrName(String key);

    @Query(value = """
            select o.* from organisation o
            join organisation_email_domain d on d.organisation_id = o.id
            where d.domain = lower(:domain)""", nativeQuery = true)
    Optional<Organisation> findByEmailDomain(String domain);
}
