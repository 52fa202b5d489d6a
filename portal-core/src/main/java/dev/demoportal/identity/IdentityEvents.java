package dev.demoportal.identity;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Domain events of the identity feature. */
public final class IdentityEvents {

    private IdentityEvents() {}

    /** Someone signed in interactively (not on every API call). */
    public record UserSignedIn(Actor actor, UserAccount user, boolean firstTime) implements AuditableEvent {
        @Override
        public String action() {
            return "user.signed_in";
        }

        @Override
        public String targetType() {
            return "user";
        }

        @Override
        public String targetId() {
            return user.id().toString();
        }

        @Override
        public @Nullable UUID organisationId() {
            return orgId(user);
        }

        @Override
        public Map<String, Object> details() {
            return describe(user, firstTime);
        }
    }

    /** The IdP sent new facts (roles, organisation, name, e-mail) for a user, or a user was seen first by token. */
    public record UserProfileChanged(Actor actor, UserAccount user, boolean firstTime) implements AuditableEvent {
        @Override
        public String action() {
            return "user.profile_changed";
        }

        @Override
        public String targetType() {
            return "user";
        }

        @Override
        public String targetId() {
            return user.id().toString();
        }

        @Override
        public @Nullable UUID organisationId() {
            return orgId(user);
        }

        @Override
        public Map<String, Object> details() {
            return describe(user, firstTime);
        }
    }

    /** An organisation was created because an IdP named it or a domain mapping pointed to it. */
    public record OrganisationCreated(Actor actor, OrganisationRef organisation, String reason)
            implements AuditableEvent {
        @Override
        public String action() {
            return "organisation.created";
        }

        @Override
        public String targetType() {
            return "organisation";
        }

        @Override
        public String targetId() {
            return organisation.id().toString();
        }

        @Override
        public UUID organisationId() {
            return organisation.id();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("slug", organisation.slug(), "name", organisation.name(), "reason", reason);
        }
    }

    /** An organisation has a new name; its slug (how everything refers to it) is unchanged. */
    public record OrganisationRenamed(Actor actor, OrganisationRef organisation, String previousName)
            implements AuditableEvent {
        @Override
        public String action() {
            return "organisation.renamed";
        }

        @Override
        public String targetType() {
            return "organisation";
        }

        @Override
        public String targetId() {
            return organisation.id().toString();
        }

        @Override
        public UUID organisationId() {
            return organisation.id();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("slug", organisation.slug(), "from", previousName, "to", organisation.name());
        }
    }

    /** Customers signing in with an address at this domain now belong to the organisation. */
    public record OrganisationDomainAdded(Actor actor, OrganisationRef organisation, String domain)
            implements AuditableEvent {
        @Override
        public String action() {
            return "organisation.domain_added";
        }

        @Override
        public String targetType() {
            return "organisation";
        }

        @Override
        public String targetId() {
            return organisation.id().toString();
        }

        @Override
        public UUID organisationId() {
            return organisation.id();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("slug", organisation.slug(), "domain", domain);
        }
    }

    /** A field engineer invited an e-mail address into an organisation (the token is never recorded). */
    public record InvitationSent(Actor actor, InvitationSummary invitation) implements AuditableEvent {
        @Override
        public String action() {
            return "invitation.sent";
        }

        @Override
        public String targetType() {
            return "invitation";
        }

        @Override
        public String targetId() {
            return invitation.id().toString();
        }

        @Override
        public UUID organisationId() {
            return invitation.organisation().id();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of(
                    "email",
                    invitation.email(),
                    "organisation",
                    invitation.organisation().slug(),
                    "expiresAt",
                    invitation.expiresAt().toString());
        }
    }

    /** Someone signed in with the invited address and now belongs to the organisation. */
    public record InvitationAccepted(Actor actor, InvitationSummary invitation, UUID user) implements AuditableEvent {
        @Override
        public String action() {
            return "invitation.accepted";
        }

        @Override
        public String targetType() {
            return "invitation";
        }

        @Override
        public String targetId() {
            return invitation.id().toString();
        }

        @Override
        public UUID organisationId() {
            return invitation.organisation().id();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of(
                    "email",
                    invitation.email(),
                    "organisation",
                    invitation.organisation().slug(),
                    "user",
                    user.toString());
        }
    }

    public record InvitationRevoked(Actor actor, InvitationSummary invitation) implements AuditableEvent {
        @Override
        public String action() {
            return "invitation.revoked";
        }

        @Override
        public String targetType() {
            return "invitation";
        }

        @Override
        public String targetId() {
            return invitation.id().toString();
        }

        @Override
        public UUID organisationId() {
            return invitation.organisation().id();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of(
                    "email",
                    invitation.email(),
                    "organisation",
                    invitation.organisation().slug());
        }
    }

    /** An API token was created for a person or a service account (never the token itself). */
    public record ApiTokenCreated(Actor actor, ApiTokenSummary token, String owner) implements AuditableEvent {
        @Override
        public String action() {
            return "identity.token_created";
        }

        @Override
        public String targetType() {
            return "api_token";
        }

        @Override
        public String targetId() {
            return token.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return describe(token, owner);
        }
    }

    /**
     * An API token was used, recorded at most once an hour per token (sampled: the token's
     * {@code lastUsedAt} keeps the minute of its latest use).
     */
    public record ApiTokenUsed(Actor actor, ApiTokenSummary token, String owner) implements AuditableEvent {
        @Override
        public String action() {
            return "identity.token_used";
        }

        @Override
        public String targetType() {
            return "api_token";
        }

        @Override
        public String targetId() {
            return token.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return describe(token, owner);
        }
    }

    public record ApiTokenRevoked(Actor actor, ApiTokenSummary token, String owner) implements AuditableEvent {
        @Override
        public String action() {
            return "identity.token_revoked";
        }

        @Override
        public String targetType() {
            return "api_token";
        }

        @Override
        public String targetId() {
            return token.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return describe(token, owner);
        }
    }

    public record ServiceAccountCreated(Actor actor, ServiceAccountSummary account) implements AuditableEvent {
        @Override
        public String action() {
            return "identity.service_account_created";
        }

        @Override
        public String targetType() {
            return "user";
        }

        @Override
        public String targetId() {
            return account.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of(
                    "name",
                    account.name(),
                    "roles",
                    account.roles().stream().map(Role::name).sorted().toList());
        }
    }

    /** An admin trusted a CI identity provider, or changed which of its tokens map to a service account. */
    public record CiIdentityChanged(Actor actor, String change, CiIssuerSummary issuer, Map<String, Object> about)
            implements AuditableEvent {
        @Override
        public String action() {
            return "identity.ci_" + change;
        }

        @Override
        public String targetType() {
            return "ci_issuer";
        }

        @Override
        public String targetId() {
            return issuer.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("issuer", issuer.issuer());
            d.put("audience", issuer.audience());
            d.putAll(about);
            return d;
        }
    }

    private static Map<String, Object> describe(ApiTokenSummary token, String owner) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", token.name());
        d.put("token", token.display());
        d.put("owner", owner);
        d.put("roles", token.roles().stream().map(Role::name).sorted().toList());
        d.put("expiresAt", token.expiresAt().toString());
        return d;
    }

    private static @Nullable UUID orgId(UserAccount user) {
        return user.organisation() == null ? null : user.organisation().id();
    }

    private static Map<String, Object> describe(UserAccount user, boolean firstTime) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("roles", user.roles().stream().map(Role::name).sorted().toList());
        if (user.organisation() != null) {
            d.put("organisation", user.organisation().slug());
        }
        d.put("firstTime", firstTime);
        return d;
    }
}
