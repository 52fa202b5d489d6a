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

    /** The users with these ids and the people of one organisation, in one query. */
    @EntityGraph(attributePaths = "organisation")
    java.util.List<PortalUser> findAllWithOrganisationByIdInOrOrganisationId(
            java.util.Collection<UUID> ids, UUID organisationId);

    /** People holding any of {@code roles} (role names). */
    @org.springframework.data.jpa.repository.Query(
            nativeQuery = true,
            value = "select id from portal_user where roles && cast(:roles as text[])")
    java.util.List<UUID> findIdsWithAnyRole(@org.springframework.data.repository.query.Param("roles") String roles);

    @EntityGraph(attributePaths = "organisation")
    java.util.List<PortalUser> findAllWithOrganisationByOrganisationId(UUID organisationId);
}
