package dev.demoportal.environment;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "shared_environment")
class SharedEnvironment {

    @Id
    private UUID id;

    private String slug;

    private String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "region_code")
    private Region region;

    private int tenantSlots;

    @Enumerated(EnumType.STRING)
    private EnvironmentStatus status;

    private String description;

    @Convert(converter = EnvironmentLinks.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private List<EnvironmentLink> links;

    private int minBookingMinutes = 30;

    private int maxBookingMinutes = 4320;

    private int bookingHorizonDays = 60;

    private int checkInGraceMinutes = 30;

    private @org.jspecify.annotations.Nullable String accessNamespaceTemplate;

    @Enumerated(EnumType.STRING)
    private AccessSettings.SubjectKind accessSubjectKind = AccessSettings.SubjectKind.USER;

    private String accessSubjectTemplate = "{email}";

    private String accessClusterRole = "edit";

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected SharedEnvironment() {
        this.id = new UUID(0, 0);
        this.slug = "";
        this.name = "";
        this.region = new Region();
        this.status = EnvironmentStatus.AVAILABLE;
        this.description = "";
        this.links = List.of();
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    SharedEnvironment(EnvironmentForm form, Region region, Instant now) {
        this();
        this.id = UUID.randomUUID();
        this.createdAt = now;
        apply(form, region, now);
    }

    /** Applies the form and returns what changed, field by field, for the audit trail. */
    Map<String, Object> apply(EnvironmentForm form, Region region, Instant now) {
        Map<String, Object> changes = new LinkedHashMap<>();
        track(changes, "slug", slug, form.slug());
        track(changes, "name", name, form.name().strip());
        track(changes, "region", this.region.code(), region.code());
        track(changes, "tenantSlots", tenantSlots, form.tenantSlots());
        track(changes, "status", status.name(), form.status().name());
        track(changes, "description", description, form.description());
        track(changes, "links", links, form.links());
        this.slug = form.slug();
        this.name = form.name().strip();
        this.region = region;
        this.tenantSlots = form.tenantSlots();
        this.status = form.status();
        this.description = form.description();
        this.links = form.links();
        if (!changes.isEmpty()) {
            // a save without changes must not bump the version: it would refuse other admins' edits
            this.updatedAt = now;
        }
        return changes;
    }

    private static void track(Map<String, Object> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, after instanceof List<?> l ? l.size() + " link(s)" : after);
        }
    }

    /** Applies new booking rules and returns what changed, field by field. */
    Map<String, Object> applyRules(BookingRules rules, Instant now) {
        Map<String, Object> changes = new LinkedHashMap<>();
        track(changes, "minMinutes", minBookingMinutes, rules.minMinutes());
        track(changes, "maxMinutes", maxBookingMinutes, rules.maxMinutes());
        track(changes, "horizonDays", bookingHorizonDays, rules.horizonDays());
        track(changes, "checkInGraceMinutes", checkInGraceMinutes, rules.checkInGraceMinutes());
        if (!changes.isEmpty()) {
            minBookingMinutes = rules.minMinutes();
            maxBookingMinutes = rules.maxMinutes();
            bookingHorizonDays = rules.horizonDays();
            checkInGraceMinutes = rules.checkInGraceMinutes();
            updatedAt = now;
        }
        return changes;
    }

    /** Applies new access settings and returns what changed, field by field. */
    Map<String, Object> applyAccess(AccessSettings settings, Instant now) {
        Map<String, Object> changes = new LinkedHashMap<>();
        track(changes, "namespaceTemplate", accessNamespaceTemplate, settings.namespaceTemplate());
        track(
                changes,
                "subjectKind",
                accessSubjectKind.name(),
                settings.subjectKind().name());
        track(changes, "subjectTemplate", accessSubjectTemplate, settings.subjectTemplate());
        track(changes, "clusterRole", accessClusterRole, settings.clusterRole());
        if (!changes.isEmpty()) {
            accessNamespaceTemplate = settings.namespaceTemplate();
            accessSubjectKind = settings.subjectKind();
            accessSubjectTemplate = settings.subjectTemplate();
            accessClusterRole = settings.clusterRole();
            updatedAt = now;
        }
        return changes;
    }

    AccessSettings access() {
        return new AccessSettings(accessNamespaceTemplate, accessSubjectKind, accessSubjectTemplate, accessClusterRole);
    }

    BookingRules rules() {
        return new BookingRules(minBookingMinutes, maxBookingMinutes, bookingHorizonDays, checkInGraceMinutes);
    }

    UUID id() {
        return id;
    }

    long version() {
        return version;
    }

    EnvironmentSummary toView() {
        return new EnvironmentSummary(
                id, slug, name, region.toView(), tenantSlots, status, description, links, rules(), version);
    }
}
