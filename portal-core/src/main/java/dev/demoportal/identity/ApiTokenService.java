package dev.demoportal.identity;

import dev.demoportal.base.Actor;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.IdentityEvents.ApiTokenCreated;
import dev.demoportal.identity.IdentityEvents.ApiTokenRevoked;
import dev.demoportal.identity.IdentityEvents.ApiTokenUsed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens and the tokens of service accounts: created (and shown) once, stored as a
 * SHA-256 hash, checked on every API call, revoked at any time. A token carries some or all of its
 * owner's roles, never more: a call with it may use only the roles both the token and, at that
 * moment, its owner have.
 */
@Service
public class ApiTokenService {

    /** A token's use is audited at most this often; {@code lastUsedAt} is kept to the minute. */
    static final Duration USE_AUDIT_INTERVAL = Duration.ofHours(1);

    private final ApiTokenRepository tokens;
    private final PortalUserRepository users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokenService(
            ApiTokenRepository tokens, PortalUserRepository users, ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** A token for the caller, with some or all of the roles the caller acts with now. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public CreatedApiToken create(NewApiToken request) {
        PortalUser me = currentUser();
        Set<Role> allowed = EnumSet.noneOf(Role.class);
        allowed.addAll(me.roleSet());
        allowed.retainAll(callerRoles());
        return issue(me, request, allowed);
    }

    /** A token for a service account, with some or all of its roles. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CreatedApiToken createForServiceAccount(UUID serviceAccountId, NewApiToken request) {
        PortalUser account = serviceAccount(serviceAccountId);
        return issue(account, request, account.roleSet());
    }

    /** The caller's own tokens, newest first, revoked and expired ones included. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ApiTokenSummary> mine() {
        Instant now = clock.instant();
        return tokens.findByOwnerIdOrderByCreatedAtDesc(currentUser().id()).stream()
                .map(t -> t.toView(now))
                .toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<ApiTokenSummary> ofServiceAccount(UUID serviceAccountId) {
        Instant now = clock.instant();
        return tokens
                .findByOwnerIdOrderByCreatedAtDesc(
                        serviceAccount(serviceAccountId).id())
                .stream()
                .map(t -> t.toView(now))
                .toList();
    }

    /**
     * Revokes a token at once. Its owner may revoke it, and admins any token (a leaked one of
     * anybody's); to everyone else it does not exist. Revoking twice changes nothing.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public ApiTokenSummary revoke(UUID id) {
        PortalUser me = currentUser();
        ApiToken token = tokens.findById(id)
                .filter(t -> t.ownerId().equals(me.id()) || callerRoles().contains(Role.ADMIN))
                .orElseThrow(() -> new NotFound("api_token.not_found", "There is no such API token of yours."));
        Instant now = clock.instant();
        if (!token.revoked()) {
            token.revoke(me.id(), now);
            tokens.save(token);
            events.publishEvent(new ApiTokenRevoked(CurrentActor.actor(), token.toView(now), ownerName(token)));
        }
        return token.toView(now);
    }

    /**
     * The caller a presented token stands for, or {@link CallerRejected} saying why not. Runs for
     * every API call with a token, before anyone is signed in; writes only when the minute of last
     * use moves on.
     */
    @Transactional
    public ApiCaller authenticate(String presented) {
        if (!ApiTokenFormat.wellFormed(presented)) {
            throw new CallerRejected(
                    "auth.token_invalid",
                    "This is not a Demo Portal API token (wrong length or " + "checksum); copy it again, whole.");
        }
        String hash = ApiTokenFormat.hash(presented);
        ApiToken token = tokens.findByTokenHash(hash)
                // the index found the row by the hash; compare it once more in constant time
                .filter(t -> MessageDigest.isEqual(
                        t.tokenHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow(() -> new CallerRejected("auth.token_invalid", "This API token does not exist."));
        Instant now = clock.instant();
        if (token.revoked()) {
            throw new CallerRejected("auth.token_revoked", "This API token was revoked. Create a new one.");
        }
        if (!token.expiresAt().isAfter(now)) {
            throw new CallerRejected(
                    "auth.token_expired", "This API token expired at " + token.expiresAt() + ". Create a new one.");
        }
        PortalUser owner = users.findWithOrganisationById(token.ownerId())
                .orElseThrow(() -> new CallerRejected("auth.token_invalid", "The owner of this API token is gone."));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(token.roleSet());
        roles.retainAll(owner.roleSet());
        if (roles.isEmpty()) {
            throw new CallerRejected(
                    "auth.token_no_roles", "This API token's owner no longer has any of the " + "roles it carries.");
        }
        Instant previousUse = token.lastUsedAt();
        if (token.used(now)) {
            tokens.save(token);
            if (previousUse == null || !previousUse.plus(USE_AUDIT_INTERVAL).isAfter(now)) {
                UserAccount account = owner.toAccount();
                events.publishEvent(new ApiTokenUsed(
                        new Actor(account.id(), account.displayName()), token.toView(now), account.displayName()));
            }
        }
        return new ApiCaller(owner.toAccount(), roles, token.id());
    }

    private CreatedApiToken issue(PortalUser owner, NewApiToken request, Set<Role> allowed) {
        List<ValidationFailed.FieldError> errors = new ArrayList<>(InputRules.checkText("name", request.name()));
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 80) {
            errors.add(new ValidationFailed.FieldError("name", "Give the token a name of 1 to 80 characters."));
        } else if (tokens.existsByOwnerIdAndNameIgnoreCaseAndRevokedAtIsNull(owner.id(), name)) {
            errors.add(new ValidationFailed.FieldError(
                    "name", "A token of this name exists; revoke it or pick " + "another name."));
        }
        Duration lifetime = request.lifetime();
        if (lifetime == null
                || lifetime.compareTo(InputRules.SHORTEST) < 0
                || lifetime.compareTo(InputRules.LONGEST) > 0) {
            errors.add(new ValidationFailed.FieldError("lifetime", "A token lives from 1 minute to 365 days."));
        }
        Set<Role> roles = request.roles() == null || request.roles().isEmpty() ? allowed : request.roles();
        if (roles.isEmpty() || !allowed.containsAll(roles)) {
            errors.add(new ValidationFailed.FieldError(
                    "roles",
                    "A token can carry only roles its owner has: "
                            + allowed.stream().map(Role::name).sorted().toList() + "."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Instant now = clock.instant();
        String secret = ApiTokenFormat.generate();
        UUID by = CurrentActor.userId().orElse(owner.id());
        ApiToken token = tokens.save(new ApiToken(owner.id(), name, secret, roles, by, now, now.plus(lifetime)));
        ApiTokenSummary view = token.toView(now);
        events.publishEvent(new ApiTokenCreated(
                CurrentActor.actor(), view, owner.toAccount().displayName()));
        return new CreatedApiToken(view, secret);
    }

    private String ownerName(ApiToken token) {
        return users.findById(token.ownerId())
                .map(u -> u.toAccount().displayName())
                .orElse("unknown user");
    }

    private PortalUser currentUser() {
        UUID id = CurrentActor.userId()
                .orElseThrow(() -> new NotFound("user.not_found", "You are not signed in as a portal user."));
        return users.findWithOrganisationById(id)
                .orElseThrow(() -> new NotFound("user.not_found", "Your user record no longer exists."));
    }

    private PortalUser serviceAccount(UUID id) {
        return users.findById(id)
                .filter(PortalUser::isServiceAccount)
                .orElseThrow(() -> new NotFound("service_account.not_found", "There is no such service account."));
    }

    /** The roles the current call acts with (a token may carry fewer than its owner has). */
    private static Set<Role> callerRoles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null) {
            for (GrantedAuthority authority : auth.getAuthorities()) {
                for (Role role : Role.values()) {
                    if (role.authority().equals(authority.getAuthority())) {
                        roles.add(role);
                    }
                }
            }
        }
        return roles;
    }
}
