package dev.demoportal.identity;

import dev.demoportal.base.Actor;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.Message;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.IdentityEvents.InvitationAccepted;
import dev.demoportal.identity.IdentityEvents.InvitationRevoked;
import dev.demoportal.identity.IdentityEvents.InvitationSent;
import dev.demoportal.notification.Mailer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations: a field engineer invites an e-mail address into a customer organisation; the mail
 * carries a one-time link. The binding itself happens when that person first signs in through OIDC
 * with the invited address (see {@link UserService}): the IdP vouches for the address (its
 * {@code email_verified} claim; an unverified address binds to nothing), so nobody can claim an
 * organisation by forwarding a link or by typing someone else's address into their IdP profile. The link's page then confirms the binding. Only a
 * SHA-256 hash of the token is stored.
 */
@Service
public class InvitationService {

    /** How long an invitation can be used. */
    public static final Duration VALIDITY = Duration.ofDays(14);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationRepository invitations;
    private final OrganisationRepository organisations;
    private final PortalUserRepository users;
    private final Mailer mailer;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /**
     * Only for {@link #invite}: a unique-constraint race is answered after the rollback;
     * {@code @Transactional} on the method would enclose both.
     */
    private final TransactionTemplate tx;

    InvitationService(
            InvitationRepository invitations,
            OrganisationRepository organisations,
            PortalUserRepository users,
            Mailer mailer,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.invitations = invitations;
        this.organisations = organisations;
        this.users = users;
        this.mailer = mailer;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Invites {@code email} into the organisation and queues the mail with the link in the same
     * transaction (the outbox delivers it). The link comes back to the sender too, with whether the
     * mail was queued, so they can pass it on themselves when it was not (local mode sends nothing).
     */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    public NewInvitation invite(String email, String organisationSlug) {
        InputRules.requireText("email", email);
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!address.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            throw ValidationFailed.of("email", "Give an e-mail address such as name@company.example");
        }
        UUID me = CurrentActor.userId().orElseThrow(() -> new AccessDeniedException("Invitations come from people"));
        String token = token();
        String link = mailer.link("invitation/" + token);
        NewInvitation created;
        try {
            created = tx.execute(s -> {
                Organisation organisation = organisations
                        .findBySlugOrName(organisationSlug == null ? "" : organisationSlug)
                        .orElseThrow(
                                () -> ValidationFailed.of("organisation", "Choose the organisation to invite into"));
                if (users.findByEmailIgnoreCase(address).stream()
                        .anyMatch(u -> u.toAccount().organisation() != null)) {
                    throw ValidationFailed.of("email", address + " already belongs to an organisation");
                }
                Instant now = clock.instant();
                // an earlier open invitation of the address is replaced: the newest one counts
                invitations.findOpen(address).ifPresent(old -> {
                    old.revoke(now);
                    invitations.saveAndFlush(old);
                });
                Invitation invitation = invitations.saveAndFlush(
                        new Invitation(address, organisation.id(), me, hash(token), now, now.plus(VALIDITY)));
                InvitationSummary view = view(invitation, Map.of(organisation.id(), organisation.toRef()), now);
                events.publishEvent(new InvitationSent(CurrentActor.actor(), view));
                // in the same transaction: the outbox sends it once the invitation exists
                Mailer.Delivery mail = mailer.queue(
                        "invitation",
                        address,
                        "You are invited to Demo Portal for "
                                + view.organisation().name(),
                        "invitation",
                        Map.of(
                                "inviter",
                                CurrentActor.actor().name(),
                                "organisation",
                                view.organisation().name(),
                                "email",
                                address,
                                "link",
                                link,
                                "expires",
                                Message.of(view.expiresAt()).utc()),
                        true);
                return new NewInvitation(view, link, mail);
            });
        } catch (DataIntegrityViolationException raced) {
            throw ValidationFailed.of("email", address + " was invited at the same moment by someone else");
        }
        return created;
    }

    /** The newest invitations first (at most 200). */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    @Transactional(readOnly = true)
    public List<InvitationSummary> recent() {
        return views(invitations.findTop200ByOrderByCreatedAtDesc());
    }

    /** One page of every invitation, newest first (the API's list; {@link #count()} is the total). */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    @Transactional(readOnly = true)
    public List<InvitationSummary> page(int offset, int limit) {
        return views(invitations.page(offset, limit));
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    @Transactional(readOnly = true)
    public long count() {
        return invitations.count();
    }

    private List<InvitationSummary> views(List<Invitation> list) {
        Map<UUID, OrganisationRef> orgs = new java.util.HashMap<>();
        organisations
                .findAllById(
                        list.stream().map(Invitation::organisationId).distinct().toList())
                .forEach(o -> orgs.put(o.id(), o.toRef()));
        Instant now = clock.instant();
        return list.stream().map(i -> view(i, orgs, now)).toList();
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    @Transactional
    public InvitationSummary revoke(UUID id) {
        Invitation invitation =
                invitations.findById(id).orElseThrow(() -> new NotFound("invitation.not_found", "No such invitation."));
        Instant now = clock.instant();
        // a person revokes only what is still open; an expired one is closed only when replaced
        if (!invitation.usable(now)) {
            throw new InvitationNotOpen(invitation.state(now), InvitationSummary.State.REVOKED);
        }
        invitation.revoke(now);
        InvitationSummary view = view(invitation, now);
        events.publishEvent(new InvitationRevoked(CurrentActor.actor(), view));
        return view;
    }

    /**
     * The invitation behind a link, for the signed-in person it bound; empty for anyone else (so
     * links cannot be probed).
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<InvitationSummary> mine(String token) {
        UUID me = CurrentActor.userId().orElse(null);
        return invitations
                .findByTokenHash(hash(token == null ? "" : token))
                .filter(i -> me != null && me.equals(i.acceptedBy()))
                .map(i -> view(i, clock.instant()));
    }

    // ---- sign-in -------------------------------------------------------------------------------

    /**
     * The organisation an invitation gives a customer signing in without an organisation claim or
     * domain mapping: the one they accepted before, or an open one for their address, which is
     * accepted now ({@link #accepted} records it once the user row exists).
     */
    @Nullable
    Invitation bindingFor(@Nullable UUID existingUser, @Nullable String email) {
        if (existingUser != null) {
            Optional<Invitation> accepted = invitations.findFirstByAcceptedByOrderByAcceptedAtDesc(existingUser);
            if (accepted.isPresent()) {
                return accepted.get();
            }
        }
        if (email == null) {
            return null;
        }
        return invitations
                .findOpen(email.toLowerCase(Locale.ROOT))
                .filter(i -> i.usable(clock.instant()))
                .orElse(null);
    }

    @Nullable
    Organisation organisationOf(Invitation invitation) {
        return organisations.findById(invitation.organisationId()).orElse(null);
    }

    /** Marks an open invitation used by {@code user}, in the sign-in's transaction. */
    void accepted(Invitation invitation, UserAccount user) {
        if (invitation.acceptedAt() != null) {
            return;
        }
        invitation.accept(user.id(), clock.instant());
        invitations.saveAndFlush(invitation);
        events.publishEvent(new InvitationAccepted(
                new Actor(user.id(), user.displayName()), view(invitation, clock.instant()), user.id()));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private InvitationSummary view(Invitation i, Instant now) {
        Map<UUID, OrganisationRef> orgs = organisations
                .findById(i.organisationId())
                .map(o -> Map.of(o.id(), o.toRef()))
                .orElse(Map.of());
        return view(i, orgs, now);
    }

    private InvitationSummary view(Invitation i, Map<UUID, OrganisationRef> orgs, Instant now) {
        InvitationSummary.State state = i.state(now);
        String inviter = users.findById(i.invitedBy())
                .map(u -> u.toAccount().displayName())
                .orElse("unknown user");
        return new InvitationSummary(
                i.id(),
                i.email(),
                orgs.get(i.organisationId()),
                inviter,
                i.createdAt(),
                i.expiresAt(),
                i.acceptedAt(),
                i.revokedAt(),
                state);
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
