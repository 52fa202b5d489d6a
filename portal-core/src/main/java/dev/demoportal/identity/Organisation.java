package dev.demoportal.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "organisation")
class Organisation {

    @Id
    private UUID id;

    private String slug;

    private String name;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Organisation() {
        this.id = new UUID(0, 0);
        this.slug = "";
        this.name = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    Organisation(String slug, String name, Instant now) {
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    /** A new display name; the slug, by which the API, invitations and IdP mappings name it, stays. */
    void rename(String newName, Instant now) {
        this.name = newName;
        this.updatedAt = now;
    }

    OrganisationRef toRef() {
        return new OrganisationRef(id, slug, name);
    }
}
