package dev.demoportal.environment;

import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.FormValidator;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.environment.EnvironmentEvents.EnvironmentCreated;
import dev.demoportal.environment.EnvironmentEvents.EnvironmentUpdated;
import dev.demoportal.environment.EnvironmentEvents.RegionCreated;
import dev.demoportal.environment.EnvironmentEvents.RegionUpdated;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Regions and shared environments: reading them, and their administration. */
@Service
@Transactional(readOnly = true)
public class EnvironmentService {

    private static final Map<String, FieldError> ENVIRONMENT_CONSTRAINTS = Map.of(
            "shared_environment_slug_key",
            new FieldError("slug", "Another environment already uses this slug"),
            "shared_environment_region_code_name_key",
            new FieldError("name", "Another environment in this region already has this name"));

    private static final Map<String, FieldError> REGION_CONSTRAINTS = Map.of(
            "region_pkey", new FieldError("code", "A region with this code already exists"),
            "region_name_key", new FieldError("name", "Another region already has this name"));

    private static final Map<String, FieldError> WINDOW_CONSTRAINTS = Map.of(
            "maintenance_window_environment_id_period_excl",
            new FieldError("start", "Overlaps another maintenance window of this environment"));

    private final RegionRepository regions;
    private final MaintenanceWindowRepository windows;
    private final SharedEnvironmentRepository environments;
    private final SharedEnvironmentQueries environmentPages;
    private final FormValidator validator;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EnvironmentService(
            RegionRepository regions,
            MaintenanceWindowRepository windows,
            SharedEnvironmentRepository environments,
            SharedEnvironmentQueries environmentPages,
            FormValidator validator,
            ApplicationEventPublisher events,
            Clock clock) {
        this.regions = regions;
        this.windows = windows;
        this.environments = environments;
        this.environmentPages = environmentPages;
        this.validator = validator;
        this.events = events;
        this.clock = clock;
    }

    @PreAuthorize("isAuthenticated()")
    public List<RegionSummary> regions() {
        return regions.findAllByOrderByNameAsc().stream().map(Region::toView).toList();
    }

    /** One page of environments, ordered by region name then environment name (for lazy grids). */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<EnvironmentSummary> environments(EnvironmentFilter filter, int offset, int limit) {
        return environmentPages
                .page(filter.regionCode(), pattern(filter.text()), filter.includeRetired(), offset, limit)
                .stream()
                .map(SharedEnvironment::toView)
                .toList();
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public long countEnvironments(EnvironmentFilter filter) {
        return environments.countMatching(filter.regionCode(), pattern(filter.text()), filter.includeRetired());
    }

    /** Every environment matching the filter; for the API, where the list is small by nature. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<EnvironmentSummary> allEnvironments(EnvironmentFilter filter) {
        return environments
                .findAllMatching(filter.regionCode(), pattern(filter.text()), filter.includeRetired())
                .stream()
                .map(SharedEnvironment::toView)
                .toList();
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public EnvironmentSummary environment(String slug) {
        return environments.findBySlug(slug).map(SharedEnvironment::toView).orElseThrow(() -> notFound(slug));
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public EnvironmentSummary createEnvironment(EnvironmentForm form) {
        validator.check(form);
        Region region = region(form.regionCode());
        if (environments.existsBySlug(form.slug())) {
            throw ValidationFailed.of("slug", "Another environment already uses this slug");
        }
        SharedEnvironment environment = new SharedEnvironment(form, region, clock.instant());
        flush(() -> environments.saveAndFlush(environment), ENVIRONMENT_CONSTRAINTS, "environment");
        EnvironmentSummary view = environment.toView();
        events.publishEvent(new EnvironmentCreated(CurrentActor.actor(), view));
        return view;
    }

    /**
     * Saves an admin's edit. {@code expectedVersion} is the version the admin looked at: if someone
     * else saved in between, the edit is refused rather than silently overwriting theirs.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public EnvironmentSummary updateEnvironment(UUID id, long expectedVersion, EnvironmentForm form) {
        validator.check(form);
        SharedEnvironment environment = environments.findById(id).orElseThrow(() -> notFound(id.toString()));
        if (environment.version() != expectedVersion) {
            throw changedMeanwhile("environment");
        }
        Region region = region(form.regionCode());
        Map<String, Object> changes = environment.apply(form, region, clock.instant());
        if (changes.isEmpty()) {
            return environment.toView();
        }
        flush(() -> environments.saveAndFlush(environment), ENVIRONMENT_CONSTRAINTS, "environment");
        EnvironmentSummary view = environment.toView();
        events.publishEvent(new EnvironmentUpdated(CurrentActor.actor(), view, changes));
        return view;
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public EnvironmentSummary environment(UUID id) {
        return environments.findById(id).map(SharedEnvironment::toView).orElseThrow(() -> notFound(id.toString()));
    }

    /** Changes how an environment may be booked; existing bookings keep their times. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public EnvironmentSummary updateBookingRules(UUID id, long expectedVersion, BookingRules rules) {
        validator.check(rules);
        if (rules.minMinutes() > rules.maxMinutes()) {
            throw ValidationFailed.of("minMinutes", "The shortest booking cannot be longer than the longest");
        }
        SharedEnvironment environment = environments.findById(id).orElseThrow(() -> notFound(id.toString()));
        if (environment.version() != expectedVersion) {
            throw changedMeanwhile("environment");
        }
        Map<String, Object> changes = environment.applyRules(rules, clock.instant());
        if (changes.isEmpty()) {
            return environment.toView();
        }
        flush(() -> environments.saveAndFlush(environment), ENVIRONMENT_CONSTRAINTS, "environment");
        EnvironmentSummary view = environment.toView();
        events.publishEvent(new EnvironmentEvents.BookingRulesChanged(CurrentActor.actor(), view, changes));
        return view;
    }

    /** How holding a slot of the environment grants access to the slot's namespace. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public AccessSettings accessSettings(UUID id) {
        return environments.findById(id).map(SharedEnvironment::access).orElseThrow(() -> notFound(id.toString()));
    }

    /**
     * Changes how holdings grant access. Leases already granted keep their binding until their
     * holding ends; new holdings follow the new settings.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public AccessSettings updateAccessSettings(UUID id, long expectedVersion, AccessSettings settings) {
        validator.check(settings);
        SharedEnvironment environment = environments.findById(id).orElseThrow(() -> notFound(id.toString()));
        if (environment.version() != expectedVersion) {
            throw changedMeanwhile("environment");
        }
        if (settings.enabled()
                && !settings.namespace(environment.toView().slug(), 64).matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw ValidationFailed.of(
                    "namespaceTemplate",
                    "Gives namespaces longer than 63 characters or not a " + "valid name for this environment");
        }
        Map<String, Object> changes = environment.applyAccess(settings, clock.instant());
        if (changes.isEmpty()) {
            return environment.access();
        }
        flush(() -> environments.saveAndFlush(environment), ENVIRONMENT_CONSTRAINTS, "environment");
        events.publishEvent(
                new EnvironmentEvents.AccessSettingsChanged(CurrentActor.actor(), environment.toView(), changes));
        return environment.access();
    }

    /** Maintenance windows of an environment that overlap {@code [from, to)}, in time order. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<MaintenanceWindowSummary> maintenanceWindows(UUID environmentId, Instant from, Instant to) {
        return windows.overlapping(environmentId, from, to).stream()
                .map(MaintenanceWindow::toView)
                .toList();
    }

    /**
     * Schedules maintenance: no booking may be made inside it. Bookings already made for that time
     * stand; the admin sees them on the environment's timeline and can force-release them.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public MaintenanceWindowSummary scheduleMaintenance(UUID environmentId, Instant start, Instant end, String reason) {
        InputRules.requireText("reason", reason);
        EnvironmentSummary environment = environment(environmentId);
        if (!end.isAfter(start)) {
            throw ValidationFailed.of("end", "The end must be after the start");
        }
        if (!end.isAfter(clock.instant())) {
            throw ValidationFailed.of("end", "The window is already over");
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 200) {
            throw ValidationFailed.of("reason", "Say why, in at most 200 characters");
        }
        MaintenanceWindow window = new MaintenanceWindow(environmentId, start, end, reason.strip(), clock.instant());
        flush(() -> windows.saveAndFlush(window), WINDOW_CONSTRAINTS, "maintenance window");
        MaintenanceWindowSummary view = window.toView();
        events.publishEvent(new EnvironmentEvents.MaintenanceScheduled(CurrentActor.actor(), environment, view));
        return view;
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void cancelMaintenance(UUID windowId) {
        MaintenanceWindow window = windows.findById(windowId)
                .orElseThrow(() -> new NotFound("maintenance.not_found", "There is no such maintenance window."));
        MaintenanceWindowSummary view = window.toView();
        windows.delete(window);
        events.publishEvent(new EnvironmentEvents.MaintenanceCancelled(
                CurrentActor.actor(), environment(view.environmentId()), view));
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public RegionSummary createRegion(RegionForm form) {
        validator.check(form);
        checkTimeZone(form.timeZone());
        if (regions.existsById(form.code())) {
            throw ValidationFailed.of("code", "A region with this code already exists");
        }
        if (regions.existsByNameIgnoreCase(form.name().strip())) {
            throw ValidationFailed.of("name", "Another region already has this name");
        }
        Region region =
                new Region(form.code(), form.name().strip(), form.awsRegion(), form.timeZone(), clock.instant());
        flush(() -> regions.saveAndFlush(region), REGION_CONSTRAINTS, "region");
        RegionSummary view = region.toView();
        events.publishEvent(new RegionCreated(CurrentActor.actor(), view));
        return view;
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public RegionSummary updateRegion(String code, long expectedVersion, RegionForm form) {
        validator.check(form);
        checkTimeZone(form.timeZone());
        if (!code.equals(form.code())) {
            throw ValidationFailed.of("code", "A region's code cannot change: environments and history refer to it");
        }
        Region region = regions.findById(code)
                .orElseThrow(() -> new NotFound("region.not_found", "There is no region '" + code + "'."));
        if (region.version() != expectedVersion) {
            throw changedMeanwhile("region");
        }
        RegionSummary before = region.toView();
        region.update(form, clock.instant());
        Map<String, Object> changes = new LinkedHashMap<>();
        RegionSummary after = region.toView();
        if (!before.name().equals(after.name())) changes.put("name", after.name());
        if (!before.awsRegion().equals(after.awsRegion())) changes.put("awsRegion", after.awsRegion());
        if (!before.timeZone().equals(after.timeZone())) changes.put("timeZone", after.timeZone());
        if (changes.isEmpty()) {
            return before;
        }
        flush(() -> regions.saveAndFlush(region), REGION_CONSTRAINTS, "region");
        RegionSummary view = region.toView();
        events.publishEvent(new RegionUpdated(CurrentActor.actor(), view, changes));
        return view;
    }

    private Region region(String code) {
        return regions.findById(code).orElseThrow(() -> ValidationFailed.of("regionCode", "No such region: " + code));
    }

    private static void checkTimeZone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ValidationFailed.of("timeZone", "Not a known time zone; use an IANA name such as Europe/Dublin");
        }
    }

    private static void flush(Runnable save, Map<String, FieldError> constraints, String what) {
        try {
            save.run();
        } catch (DataIntegrityViolationException e) {
            throw FormValidator.translate(e, constraints);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw changedMeanwhile(what);
        }
    }

    private static Conflict changedMeanwhile(String what) {
        return new Conflict(
                what + ".changed",
                "Someone else changed this " + what
                        + " while you were editing it. Reload to see their changes, then edit again.");
    }

    static NotFound notFound(String slug) {
        return new NotFound("environment.not_found", "There is no environment '" + slug + "'.");
    }

    private static @Nullable String pattern(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        // '!' is the escape character the repository's LIKE clauses declare
        String escaped = text.strip()
                .toLowerCase(Locale.ROOT)
                .replace("!", "!!")
                .replace("%", "!%")
                .replace("_", "!_");
        return "%" + escaped + "%";
    }
}
