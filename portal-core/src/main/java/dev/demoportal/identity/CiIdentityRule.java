package dev.demoportal.identity;

import dev.demoportal.base.JsonMaps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** Tokens of a CI issuer whose claims have these values act as this service account. */
@Entity
@Table(name = "ci_identity_rule")
class CiIdentityRule {

    @Id
    private UUID id;

    private UUID issuerId;

    @Convert(converter = JsonMaps.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private Map<String, Object> claims;

    private UUID serviceAccountId;

    private UUID createdBy;

    private Instant createdAt;

    protected CiIdentityRule() {
        this.id = new UUID(0, 0);
        this.issuerId = id;
        this.claims = new LinkedHashMap<>();
        this.serviceAccountId = id;
        this.createdBy = id;
        this.createdAt = Instant.EPOCH;
    }

    CiIdentityRule(UUID issuerId, Map<String, String> claims, UUID serviceAccountId, UUID createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.issuerId = issuerId;
        this.claims = new LinkedHashMap<>(claims);
        this.serviceAccountId = serviceAccountId;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    UUID issuerId() {
        return issuerId;
    }

    UUID serviceAccountId() {
        return serviceAccountId;
    }

    CiRuleSummary toView(String serviceAccountName) {
        Map<String, String> values = new LinkedHashMap<>();
        claims.forEach((k, v) -> values.put(k, String.valueOf(v)));
        return new CiRuleSummary(id, values, serviceAccountId, serviceAccountName);
    }
}
