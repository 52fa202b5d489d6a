package dev.demoportal.identity;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

interface PortalUserRepository extends JpaRepository<PortalUser, UUID> {

    @EntityGraph(attributePaths = "organisation")
    Optional<PortalUser> findByIssuerAndSubject(String issuer, String subject);

    @EntityGraph(attributePaths = "organisation")
    Optional<PortalUser> findWithOrganisationById(UUID id);

    @EntityGraph(attributePaths = "organisation")
    java.util.List<PortalUser> findByEmailIgnoreCase(String email);

    java.util.List<PortalUser> findByServiceAccountTrueOrderByDisplayName();

    @EntityGraph(attributePaths = "organisation")
    java.util.List<PortalUser> findAllWithOrganisationByIdIn(java.util.Collection<UUID> ids);
}
