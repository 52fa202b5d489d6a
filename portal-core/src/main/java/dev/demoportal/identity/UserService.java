package dev.demoportal.identity;

import dev.demoportal.base.Actor;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.identity.IdentityEvents.OrganisationCreated;
import dev.demoportal.identity.IdentityEvents.UserProfileChanged;
import dev.demoportal.identity.IdentityEvents.UserSignedIn;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the portal's user rows in step with what the IdP says. The IdP is the source of truth for
 * roles and organisation: they are re-read at every sign-in, so removing someone from a group in
 * the IdP takes effect at their next sign-in (and on the next API call with a fresh token).
 */
@Service
public class UserService {

    private final PortalUserRepository users;
    private final OrganisationRepository organisations;
    private final IdentityProperties properties;
    private final InvitationService invitations;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /**
     * Only for {@link #sync}: a first sign-in that lost a race must retry in a new transaction, after
     * the failed one rolled back, which {@code @Transactional} on the method cannot express.
     */
    private final TransactionTemplate tx;

    UserService(
            PortalUserRepository users,
            OrganisationRepository organisations,
            IdentityProperties properties,
            InvitationService invitations,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.users = users;
        this.organisations = organisations;
        this.properties = properties;
        this.invitations = invitations;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Interactive sign-in: creates or updates the user and records the sign-in in the audit trail. */
    public UserAccount signIn(MappedIdentity identity) {
        return sync(identity, true);
    }

    /**
     * A bearer token was presented. Writes only when the token says something new about the user,
     * so API calls stay read-only in the common case.
     */
    public UserAccount resolveBearer(MappedIdentity identity) {
        return sync(identity, false);
    }

    private UserAccount sync(MappedIdentity identity, boolean interactive) {
        checkPlaceable(identity);
        try {
            return tx.execute(status -> upsert(identity, interactive));
        } catch (DataIntegrityViolationException concurrentFirstSignIn) {
            // Two first sign-ins raced on the unique (issuer, subject) or organisation slug; the
            // other one won, so this attempt now finds the rows and updates them.
            return tx.execute(status -> upsert(identity, interactive));
        }
    }

    private UserAccount upsert(MappedIdentity identity, boolean interactive) {
        var now = clock.instant();
        Optional<PortalUser> existing = users.findByIssuerAndSubject(identity.issuer(), identity.subject());
        Organisation organisation = null;
        Invitation invitation = null;
        if (identity.roles().contains(Role.CUSTOMER)) {
            organisation = organisationFor(identity);
            if (organisation == null) {
                // no claim, no domain mapping: an invitation of this address (or one accepted before) decides
                invitation = invitations.bindingFor(existing.map(PortalUser::id).orElse(null), verifiedEmail(identity));
                organisation = invitation == null ? null : invitations.organisationOf(invitation);
            }
            if (organisation == null && identity.email() != null && !identity.emailVerified()) {
                throw new SignInRefused(
                        "identity.email_unverified",
                        "Your identity provider has not verified your "
                                + "e-mail address, so we cannot tell which organisation you belong to. Verify the address "
                                + "with your identity provider, then sign in again.");
            }
            if (organisation == null) {
                throw new SignInRefused(
                        "identity.no_organisation",
                        "We could not tell which organisation you "
                                + "belong to. Ask your contact at our company for an invitation.");
            }
        }
        PortalUser user = existing.orElseGet(() -> new PortalUser(identity.issuer(), identity.subject(), now));
        boolean firstTime = existing.isEmpty();
        boolean changed = user.apply(identity, organisation);
        if (interactive) {
            user.signedIn(now);
        }
        if (firstTime || changed || interactive) {
            users.saveAndFlush(user);
        }
        UserAccount account = user.toAccount();
        if (invitation != null) {
            invitations.accepted(invitation, account);
        }
        Actor self = new Actor(account.id(), account.displayName());
        if (interactive) {
            events.publishEvent(new UserSignedIn(self, account, firstTime));
        } else if (firstTime || changed) {
            events.publishEvent(new UserProfileChanged(self, account, firstTime));
        }
        return account;
    }

    private void checkPlaceable(MappedIdentity identity) {
        if (identity.roles().isEmpty()) {
            throw new SignInRefused(
                    "identity.no_role",
                    "Your account has no Demo Portal role. Ask an "
                            + "administrator to add you to one of the portal's groups in your identity provider.");
        }
        if (identity.roles().contains(Role.CUSTOMER)
                && identity.roles().stream().anyMatch(Role::internal)) {
            throw new SignInRefused(
                    "identity.mixed_roles",
                    "Your account is both a customer and internal staff. "
                            + "Ask an administrator to fix your group membership in the identity provider.");
        }
    }

    private @Nullable Organisation organisationFor(MappedIdentity identity) {
        if (identity.organisation() != null) {
            return findOrCreate(identity.organisation(), "named by the identity provider");
        }
        // an address the IdP has not verified may be anyone's: it binds to nothing
        String domain = domainOf(verifiedEmail(identity));
        if (domain != null) {
            Optional<Organisation> byDomain = organisations.findByEmailDomain(domain);
            if (byDomain.isPresent()) {
                return byDomain.get();
            }
            String configured = properties.emailDomainOrganisations().get(domain);
            if (configured != null) {
                return findOrCreate(configured, "e-mail domain " + domain);
            }
        }
        return null;
    }

    private Organisation findOrCreate(String nameOrSlug, String reason) {
        String slug = slugOf(nameOrSlug);
        // "Acme, Inc." and "Acme Inc" share a slug: the same organisation, not a failed sign-in
        Optional<Organisation> existing =
                organisations.findBySlugOrName(nameOrSlug).or(() -> organisations.findBySlugOrName(slug));
        return existing.orElseGet(() -> {
            Organisation created =
                    organisations.saveAndFlush(new Organisation(slug, nameOrSlug.strip(), clock.instant()));
            events.publishEvent(new OrganisationCreated(Actor.system("sign-in"), created.toRef(), reason));
            return created;
        });
    }

    /** The signed-in user, fresh from the database. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public UserAccount me() {
        UUID id = CurrentActor.userId()
                .orElseThrow(() -> new NotFound("user.not_found", "You are not signed in as a portal user."));
        return users.findWithOrganisationById(id)
                .map(PortalUser::toAccount)
                .orElseThrow(() -> new NotFound("user.not_found", "Your user record no longer exists."));
    }

    /** One user by id, for showing who holds or did something. */
    @Transactional(readOnly = true)
    public java.util.Optional<UserAccount> account(UUID id) {
        return users.findWithOrganisationById(id).map(PortalUser::toAccount);
    }

    /** Users by id, for showing who holds or did something. Unknown ids are left out. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, UserAccount> accounts(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return users.findAllWithOrganisationByIdIn(ids).stream()
                .map(PortalUser::toAccount)
                .collect(java.util.stream.Collectors.toMap(UserAccount::id, a -> a));
    }

    /** Everyone holding at least one of {@code roles}: who to tell that a decision waits. */
    @Transactional(readOnly = true)
    public java.util.List<UserAccount> withAnyRole(java.util.Set<Role> roles) {
        String array =
                roles.stream().map(Role::name).sorted().collect(java.util.stream.Collectors.joining(",", "{", "}"));
        return java.util.List.copyOf(accounts(users.findIdsWithAnyRole(array)).values());
    }

    /**
     * The one user with this e-mail address (case-insensitive), for integrations that know a person
     * only by a verified address (the Slack app). Empty when none or more than one match.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<UserAccount> byEmail(String email) {
        java.util.List<PortalUser> found = users.findByEmailIgnoreCase(email);
        return found.size() == 1 ? account(found.get(0).id()) : java.util.Optional.empty();
    }

    /**
     * The users with these ids (unknown ones left out), then the other people of one organisation:
     * {@link #accounts} and {@link #members} in one query, for telling a person and their
     * organisation.
     */
    @Transactional(readOnly = true)
    public java.util.List<UserAccount> accountsAndMembers(java.util.Collection<UUID> ids, UUID organisationId) {
        java.util.List<UserAccount> found =
                users.findAllWithOrganisationByIdInOrOrganisationId(ids, organisationId).stream()
                        .map(PortalUser::toAccount)
                        .toList();
        java.util.List<UserAccount> ordered = new java.util.ArrayList<>();
        found.stream().filter(a -> ids.contains(a.id())).forEach(ordered::add);
        found.stream().filter(a -> !ids.contains(a.id())).forEach(ordered::add);
        return ordered;
    }

    /** The people of one organisation. */
    @Transactional(readOnly = true)
    public java.util.List<UserAccount> members(UUID organisationId) {
        return users.findAllWithOrganisationByOrganisationId(organisationId).stream()
                .map(PortalUser::toAccount)
                .toList();
    }

    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 63) {
            slug = slug.substring(0, 63).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "org-" + UUID.randomUUID().toString().substring(0, 8) : slug;
    }

    private static @Nullable String verifiedEmail(MappedIdentity identity) {
        return identity.emailVerified() ? identity.email() : null;
    }

    private static @Nullable String domainOf(@Nullable String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
