package dev.demoportal.sandbox;

import dev.demoportal.base.JsonMaps;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "sandbox_template")
class SandboxTemplate {

    @Id
    private UUID id;

    private String slug;

    private String name;

    private String description;

    private String offering;

    private int defaultLifetimeHours;

    private int maxLifetimeHours;

    private boolean autoApprove;

    private int organisationQuota;

    @Convert(converter = JsonMaps.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private Map<String, Object> parameters;

    private boolean active;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sandbox_template_region", joinColumns = @JoinColumn(name = "template_id"))
    @Column(name = "region_code")
    private Set<String> regions;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected SandboxTemplate() {
        this.id = new UUID(0, 0);
        this.slug = "";
        this.name = "";
        this.description = "";
        this.offering = "";
        this.parameters = new LinkedHashMap<>();
        this.regions = new TreeSet<>();
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    SandboxTemplate(TemplateForm form, Instant now) {
        this();
        this.id = UUID.randomUUID();
        this.createdAt = now;
        apply(form, now);
    }

    void apply(TemplateForm form, Instant now) {
        this.slug = form.slug();
        this.name = form.name().strip();
        this.description = form.description().strip();
        this.offering = form.offering() == null ? "" : form.offering().strip();
        this.defaultLifetimeHours = form.defaultLifetimeHours();
        this.maxLifetimeHours = form.maxLifetimeHours();
        this.autoApprove = form.autoApprove();
        this.organisationQuota = form.organisationQuota();
        this.parameters = new LinkedHashMap<>(form.parameters());
        this.regions = new TreeSet<>(form.regions());
        this.active = form.active();
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String slug() {
        return slug;
    }

    String name() {
        return name;
    }

    boolean active() {
        return active;
    }

    boolean autoApprove() {
        return autoApprove;
    }

    int defaultLifetimeHours() {
        return defaultLifetimeHours;
    }

    int maxLifetimeHours() {
        return maxLifetimeHours;
    }

    int organisationQuota() {
        return organisationQuota;
    }

    Set<String> regions() {
        return regions;
    }

    /** Parameters as the layers get them: every value as text. */
    Map<String, String> parameterText() {
        Map<String, String> text = new LinkedHashMap<>();
        parameters.forEach((k, v) -> text.put(k, String.valueOf(v)));
        return text;
    }

    TemplateSummary toView() {
        return new TemplateSummary(
                id,
                slug,
                name,
                description,
                offering,
                regions.stream().sorted().toList(),
                defaultLifetimeHours,
                maxLifetimeHours,
                autoApprove,
                organisationQuota,
                parameterText(),
                active,
                version);
    }
}
