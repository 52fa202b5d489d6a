package dev.demoportal.usage.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.CsvWriter;
import dev.demoportal.usage.FilterOptions;
import dev.demoportal.usage.HolderReport;
import dev.demoportal.usage.NowSnapshot;
import dev.demoportal.usage.PersonalUsage;
import dev.demoportal.usage.SandboxReport;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import dev.demoportal.usage.Utilisation;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboards' numbers for BI tools. Every endpoint takes the dashboards' filters: {@code from}
 * and {@code to} are local days (YYYY-MM-DD, both included; default the last 30 days), then
 * {@code region}, {@code environment}, {@code holder}, {@code customer}, {@code organisation},
 * {@code template} where they apply. JSON and CSV come from the same service call as the pages.
 */
@RestController
@RequestMapping("/api/v1/usage")
class UsageController {

    private final UsageService usage;
    private final Clock clock;

    UsageController(UsageService usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @ApiProblem("validation.failed")
    @GetMapping("/utilisation")
    @Operation(
            summary =
                    "Booked vs. available slot-hours per environment, region and day; weekday × hour heatmap; no-shows; waitlists")
    Utilisation utilisation(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String environment) {
        return usage.utilisation(filter(from, to).withRegion(blank(region)).withEnvironment(blank(environment)));
    }

    @ApiProblem("validation.failed")
    @GetMapping("/holders")
    @Operation(summary = "Hours held per field engineer, per customer, and per engineer and environment")
    HolderReport holders(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String environment,
            @RequestParam(required = false) @Nullable UUID holder,
            @RequestParam(required = false) @Nullable String customer) {
        return usage.holders(filter(from, to)
                .withRegion(blank(region))
                .withEnvironment(blank(environment))
                .withHolder(holder)
                .withCustomer(blank(customer)));
    }

    @ApiProblem("validation.failed")
    @GetMapping("/sandboxes")
    @Operation(
            summary =
                    "Sandbox funnel, active per day, lead/approval/provisioning times (p50/p95), step failure rates, extension rate")
    SandboxReport sandboxes(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String template,
            @RequestParam(required = false) @Nullable UUID organisation) {
        return usage.sandboxes(filter(from, to)
                .withRegion(blank(region))
                .withTemplate(blank(template))
                .withOrganisation(organisation));
    }

    @ApiProblem("validation.failed")
    @GetMapping("/now")
    @Operation(summary = "Slots held now, sandboxes expiring in 24 hours, jobs failed in the last 7 days")
    NowSnapshot now(
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String environment,
            @RequestParam(required = false) @Nullable String template,
            @RequestParam(required = false) @Nullable UUID organisation) {
        return usage.now(filter(null, null)
                .withRegion(blank(region))
                .withEnvironment(blank(environment))
                .withTemplate(blank(template))
                .withOrganisation(organisation));
    }

    @ApiProblem("validation.failed")
    @GetMapping("/me")
    @Operation(summary = "The caller's own bookings in the range (field engineers, managers, admins)")
    PersonalUsage me(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        UsageFilter f = filter(from, to);
        return usage.mine(f.from(), f.to());
    }

    @ApiProblem
    @GetMapping("/options")
    @Operation(summary = "What the filters can take: regions, environments, holders, organisations, templates")
    FilterOptions options() {
        return usage.options();
    }

    @ApiProblem("validation.failed")
    @GetMapping("/{table}.csv")
    @Operation(
            summary =
                    "A dashboard table as CSV: environment-days, heatmap, holders, customers, holder-environments, "
                            + "bookings (streamed), sandbox-funnel, sandbox-activity, step-failures, held-now, expiring, failed-jobs")
    void csv(
            @PathVariable String table,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String environment,
            @RequestParam(required = false) @Nullable UUID holder,
            @RequestParam(required = false) @Nullable String customer,
            @RequestParam(required = false) @Nullable UUID organisation,
            @RequestParam(required = false) @Nullable String template,
            HttpServletResponse response)
            throws IOException {
        UsageFilter f = filter(from, to)
                .withRegion(blank(region))
                .withEnvironment(blank(environment))
                .withHolder(holder)
                .withCustomer(blank(customer))
                .withOrganisation(organisation)
                .withTemplate(blank(template));
        UsageTables.Table t = UsageTables.named(table);
        if (t == null) {
            throw ValidationFailed.of("table", "No table '" + table + "'; one of " + UsageTables.names());
        }
        // read (and so validate and authorise) before the first byte: errors still become problem details
        UsageTables.Rows rows = t.read(usage, f);
        CsvWriter.stream(response, t.name() + "-" + f.from() + "-" + f.to() + ".csv", t.header(), rows::writeTo);
    }

    /** The range asked for, or the last 30 days (UTC) up to today. */
    private UsageFilter filter(@Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate last = to != null ? to : (from != null ? from.plusDays(29) : today);
        LocalDate first = from != null ? from : last.minusDays(29);
        return UsageFilter.of(first, last);
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
