package dev.demoportal.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "portal_user")
class PortalUser {

    @Id
    private UUID id;

    private String issuer;

    private String subject;

    private @Nullable String email;

    private String displayName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] roles;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "organisation_id")
    private @Nullable Organisation organisation;

    private Instant createdAt;

    private Instant lastLoginAt;

    private boolean serviceAccount;

    @Version
    private long version;

    protected PortalUser() {
        this.id = new UUID(0, 0);
        this.issuer = "";
        this.subject = "";
        this.displayName = "";
        this.roles = new String[0];
        this.createdAt = Instant.EPOCH;
        this.lastLoginAt = Instant.EPOCH;
    }

    PortalUser(String issuer, String subject, Instant now) {
        this();
        this.id = UUID.randomUUID();
        this.issuer = issuer;
        this.subject = subject;
        this.createdAt = now;
        this.lastLoginAt = now;
    }

    /** A service account: a user of the portal's own issuer that signs in only with tokens. */
    static PortalUser serviceAccount(String name, Set<Role> roles, Instant now) {
        PortalUser user = new PortalUser(ServiceAccountService.ISSUER, UserService.slugOf(name), now);
        user.serviceAccount = true;
        user.apply(
                new MappedIdentity(ServiceAccountService.ISSUER, user.subject, null, name.strip(), roles, null), null);
        return user;
    }

    boolean isServiceAccount() {
        return serviceAccount;
    }

    /** Applies what the IdP says now; returns whether anything the portal shows or checks changed. */
    boolean apply(MappedIdentity identity, @Nullable Organisation organisation) {
        String[] newRoles = identity.roles().stream().map(Role::name).sorted().toArray(String[]::new);
        boolean changed = !Objects.equals(email, identity.email())
                || !displayName.equals(identity.displayName())
                || !Arrays.equals(roles, newRoles)
                || !Objects.equals(organisationId(), organisation == null ? null : organisation.id());
        this.email = identity.email();
        this.displayName = identity.displayName();
        this.roles = newRoles;
        this.organisation = organisation;
        return changed;
    }

    void signedIn(Instant now) {
        this.lastLoginAt = now;
    }

    UUID id() {
        return id;
    }

    Instant createdAt() {
        return createdAt;
    }

    private @Nullable UUID organisationId() {
        return organisation == null ? null : organisation.id();
    }

    Set<Role> roleSet() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        for (String r : roles) {
            set.add(Role.valueOf(r));
        }
        return set;
    }

    UserAccount toAccount() {
        return new UserAccount(id, email, displayName, roleSet(), organisation == null ? null : organisation.toRef());
    }
}
