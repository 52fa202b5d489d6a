package dev.demoportal.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A CI identity provider the portal trusts for pipelines' OIDC tokens. */
@Entity
@Table(name = "ci_issuer")
class CiIssuer {

    @Id
    private UUID id;

    private String name;

    private String issuer;

    private @Nullable String jwksUri;

    private String audience;

    private UUID createdBy;

    private Instant createdAt;

    protected CiIssuer() {
        this.id = new UUID(0, 0);
        this.name = "";
        this.issuer = "";
        this.audience = "";
        this.createdBy = id;
        this.createdAt = Instant.EPOCH;
    }

    CiIssuer(String name, String issuer, @Nullable String jwksUri, String audience, UUID createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.issuer = issuer;
        this.jwksUri = jwksUri;
        this.audience = audience;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    CiIssuerSummary toView(List<CiRuleSummary> rules) {
        return new CiIssuerSummary(id, name, issuer, jwksUri, audience, createdAt, rules);
    }
}
