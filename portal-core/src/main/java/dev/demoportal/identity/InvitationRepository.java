package dev.demoportal.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface InvitationRepository extends JpaRepository<Invitation, UUID> {

    /** The one open invitation of an address (the schema allows one at a time). */
    @Query("select i from Invitation i where i.email = :email and i.acceptedAt is null and i.revokedAt is null")
    Optional<Invitation> findOpen(String email);

    Optional<Invitation> findFirstByAcceptedByOrderByAcceptedAtDesc(UUID user);

    Optional<Invitation> findByTokenHash(String tokenHash);

    List<Invitation> findTop200ByOrderByCreatedAtDesc();

    /** One page of every invitation, newest first. */
    @Query(
            value = "select * from invitation order by created_at desc, id offset :offset limit :limit",
            nativeQuery = true)
    List<Invitation> page(int offset, int limit);
}
