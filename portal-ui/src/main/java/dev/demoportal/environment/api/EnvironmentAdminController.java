package dev.demoportal.environment.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.environment.BookingRules;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentLink;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.RegionSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins create, change and retire shared environments without the browser. Each change is the
 * service's (validated, audited as {@code environment.created} / {@code environment.updated}).
 */
@RestController
@RequestMapping("/api/v1/environments")
class EnvironmentAdminController {

    /**
     * An environment as an admin writes it. On a change, a field left out keeps its value;
     * {@code version} is the one last read (a change by someone else in between is {@code 409
     * environment.changed}), or left out to overwrite.
     */
    record EnvironmentInput(
            @Nullable String slug,
            @Nullable String name,
            @Nullable String region,
            @Nullable Integer tenantSlots,
            @Nullable String status,
            @Nullable String description,
            @Nullable List<EnvironmentLink> links,
            @Nullable Long version) {}

    /** The environment as written, with the version to send with the next change. */
    record EnvironmentWritten(
            String slug,
            String name,
            String region,
            int tenantSlots,
            String status,
            String description,
            List<EnvironmentLink> links,
            long version) {

        static EnvironmentWritten of(EnvironmentSummary e) {
            return new EnvironmentWritten(
                    e.slug(),
                    e.name(),
                    e.region().code(),
                    e.tenantSlots(),
                    e.status().name(),
                    e.description(),
                    e.links(),
                    e.version());
        }
    }

    /**
     * How an environment may be booked, ISO-8601: the shortest and longest booking (whole minutes),
     * how far ahead one may start (whole days), and how long after its start a reservation not
     * checked in is released (whole minutes). On a change, a field left out keeps its value.
     */
    record BookingRulesJson(
            @Nullable Duration minimum,
            @Nullable Duration maximum,
            @Nullable Duration horizon,
            @Nullable Duration checkInGrace,
            @Nullable Long version) {

        static BookingRulesJson of(EnvironmentSummary e) {
            BookingRules r = e.rules();
            return new BookingRulesJson(r.minimum(), r.maximum(), r.horizon(), r.checkInGrace(), e.version());
        }
    }

    private final EnvironmentService environments;

    EnvironmentAdminController(EnvironmentService environments) {
        this.environments = environments;
    }

    @PostMapping
    @ApiProblem("validation.failed")
    @Operation(
            summary =
                    "Admins: create a shared environment {slug, name, region, tenantSlots, status?, description?, links?}")
    ResponseEntity<EnvironmentWritten> create(@RequestBody EnvironmentInput body) {
        EnvironmentSummary created = environments.createEnvironment(new EnvironmentForm(
                text(body.slug()),
                text(body.name()),
                region(body.region()),
                body.tenantSlots() == null ? 0 : body.tenantSlots(),
                status(body.status(), EnvironmentStatus.AVAILABLE),
                text(body.description()),
                body.links()));
        return ResponseEntity.created(URI.create("/api/v1/environments/" + created.slug()))
                .body(EnvironmentWritten.of(created));
    }

    @PutMapping("/{slug}")
    @ApiProblem({"validation.failed", "environment.not_found", "environment.changed"})
    @Operation(summary = "Admins: change an environment; fields left out keep their value; version from the last read")
    EnvironmentWritten update(@PathVariable String slug, @RequestBody EnvironmentInput body) {
        EnvironmentSummary current = environments.environment(slug);
        EnvironmentForm form = new EnvironmentForm(
                body.slug() == null ? current.slug() : body.slug(),
                body.name() == null ? current.name() : body.name(),
                body.region() == null ? current.region().code() : region(body.region()),
                body.tenantSlots() == null ? current.tenantSlots() : body.tenantSlots(),
                status(body.status(), current.status()),
                body.description() == null ? current.description() : body.description(),
                body.links() == null ? current.links() : body.links());
        long version = body.version() == null ? current.version() : body.version();
        return EnvironmentWritten.of(environments.updateEnvironment(current.id(), version, form));
    }

    @PostMapping("/{slug}/retire")
    @ApiProblem({"environment.not_found", "environment.changed"})
    @Operation(summary = "Admins: retire an environment (status RETIRED: no new bookings; undone with PUT status)")
    EnvironmentWritten retire(@PathVariable String slug) {
        EnvironmentSummary current = environments.environment(slug);
        EnvironmentForm form = new EnvironmentForm(
                current.slug(),
                current.name(),
                current.region().code(),
                current.tenantSlots(),
                EnvironmentStatus.RETIRED,
                current.description(),
                current.links());
        return EnvironmentWritten.of(environments.updateEnvironment(current.id(), current.version(), form));
    }

    @GetMapping("/{slug}/booking-rules")
    @ApiProblem("environment.not_found")
    @Operation(summary = "Staff: how an environment may be booked, with the version to send with a change")
    BookingRulesJson bookingRules(@PathVariable String slug) {
        return BookingRulesJson.of(environments.environment(slug));
    }

    @PutMapping("/{slug}/booking-rules")
    @ApiProblem({"validation.failed", "environment.not_found", "environment.changed"})
    @Operation(
            summary = "Admins: change how an environment may be booked {minimum, maximum, horizon, checkInGrace, "
                    + "version}; fields left out keep their value; existing bookings keep their times")
    BookingRulesJson updateBookingRules(@PathVariable String slug, @RequestBody BookingRulesJson body) {
        EnvironmentSummary current = environments.environment(slug);
        BookingRules rules = current.rules();
        BookingRules changed = new BookingRules(
                body.minimum() == null ? rules.minMinutes() : minutes("minimum", body.minimum()),
                body.maximum() == null ? rules.maxMinutes() : minutes("maximum", body.maximum()),
                body.horizon() == null ? rules.horizonDays() : days("horizon", body.horizon()),
                body.checkInGrace() == null
                        ? rules.checkInGraceMinutes()
                        : minutes("checkInGrace", body.checkInGrace()));
        long version = body.version() == null ? current.version() : body.version();
        try {
            return BookingRulesJson.of(environments.updateBookingRules(current.id(), version, changed));
        } catch (ValidationFailed e) {
            // the form's names are in minutes and days; the API's are durations
            throw new ValidationFailed(e.errors().stream()
                    .map(f -> new FieldError(
                            switch (f.field()) {
                                case "minMinutes" -> "minimum";
                                case "maxMinutes" -> "maximum";
                                case "horizonDays" -> "horizon";
                                case "checkInGraceMinutes" -> "checkInGrace";
                                default -> f.field();
                            },
                            f.text()))
                    .toList());
        }
    }

    private static int minutes(String field, Duration d) {
        if (d.isNegative() || d.toSecondsPart() != 0 || d.toMinutes() > Integer.MAX_VALUE) {
            throw ValidationFailed.of(field, "Give whole minutes as ISO-8601, e.g. PT30M or PT8H");
        }
        return (int) d.toMinutes();
    }

    private static int days(String field, Duration d) {
        if (d.isNegative() || !d.equals(Duration.ofDays(d.toDays())) || d.toDays() > Integer.MAX_VALUE) {
            throw ValidationFailed.of(field, "Give whole days as ISO-8601, e.g. P30D");
        }
        return (int) d.toDays();
    }

    private String region(@Nullable String code) {
        if (code == null || code.isBlank()) {
            throw ValidationFailed.of("region", "Choose a region (its code, e.g. emea)");
        }
        List<String> known =
                environments.regions().stream().map(RegionSummary::code).toList();
        if (!known.contains(code.strip())) {
            throw ValidationFailed.of("region", "No region " + code + "; one of " + known);
        }
        return code.strip();
    }

    private static EnvironmentStatus status(@Nullable String status, EnvironmentStatus otherwise) {
        if (status == null || status.isBlank()) {
            return otherwise;
        }
        return Arrays.stream(EnvironmentStatus.values())
                .filter(s -> s.name().equals(status.strip().toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ValidationFailed.of("status", "AVAILABLE, MAINTENANCE or RETIRED"));
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}
