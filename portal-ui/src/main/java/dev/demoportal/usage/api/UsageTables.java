package dev.demoportal.usage.api;

import dev.demoportal.base.api.CsvWriter;
import dev.demoportal.usage.HolderReport;
import dev.demoportal.usage.NowSnapshot;
import dev.demoportal.usage.SandboxReport;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import dev.demoportal.usage.Utilisation;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every dashboard table as CSV: its name in the URL, its header, and how its rows are read. The
 * rows are those of the same service call the dashboard and the JSON endpoints make; the raw
 * bookings export streams from a database cursor.
 */
final class UsageTables {

    /** Rows read (or, for a stream, authorised and validated) and ready to write. */
    @FunctionalInterface
    interface Rows {
        void writeTo(CsvWriter csv);
    }

    @FunctionalInterface
    interface Reader {
        Rows read(UsageService usage, UsageFilter filter);
    }

    record Table(String name, String[] header, Reader reader) {
        Rows read(UsageService usage, UsageFilter filter) {
            return reader.read(usage, filter);
        }
    }

    static final List<Table> TABLES = List.of(
            new Table(
                    "environment-days",
                    new String[] {
                        "day",
                        "environment",
                        "environment_name",
                        "region",
                        "slots",
                        "available_hours",
                        "booked_hours",
                        "utilisation",
                        "bookings_started",
                        "no_shows"
                    },
                    (usage, f) -> {
                        Utilisation u = usage.utilisation(f);
                        return csv -> u.days()
                                .forEach(d -> csv.row(
                                        d.day(),
                                        d.environment(),
                                        d.environmentName(),
                                        d.region(),
                                        d.slots(),
                                        d.availableHours(),
                                        d.bookedHours(),
                                        d.availableHours() == 0
                                                ? 0
                                                : Math.round(d.bookedHours() / d.availableHours() * 10_000) / 10_000.0,
                                        d.bookingsStarted(),
                                        d.noShows()));
                    }),
            new Table(
                    "heatmap",
                    new String[] {"weekday", "hour", "booked_hours", "available_hours", "utilisation"},
                    (usage, f) -> {
                        Utilisation u = usage.utilisation(f);
                        return csv -> u.heatmap()
                                .forEach(c -> csv.row(
                                        c.weekday(), c.hour(), c.bookedHours(), c.availableHours(), c.utilisation()));
                    }),
            new Table("holders", new String[] {"holder_id", "holder", "bookings", "hours", "no_shows"}, (usage, f) -> {
                HolderReport h = usage.holders(f);
                return csv -> h.holders()
                        .forEach(r -> csv.row(r.holderId(), r.holder(), r.bookings(), r.hours(), r.noShows()));
            }),
            new Table("customers", new String[] {"customer", "bookings", "hours", "holders"}, (usage, f) -> {
                HolderReport h = usage.holders(f);
                return csv -> h.customers().forEach(r -> csv.row(r.customer(), r.bookings(), r.hours(), r.holders()));
            }),
            new Table(
                    "holder-environments",
                    new String[] {
                        "holder_id", "holder", "environment", "environment_name", "region", "bookings", "hours"
                    },
                    (usage, f) -> {
                        HolderReport h = usage.holders(f);
                        return csv -> h.byEnvironment()
                                .forEach(r -> csv.row(
                                        r.holderId(),
                                        r.holder(),
                                        r.environment(),
                                        r.environmentName(),
                                        r.region(),
                                        r.bookings(),
                                        r.hours()));
                    }),
            new Table(
                    "bookings",
                    new String[] {
                        "id",
                        "environment",
                        "region",
                        "slot",
                        "holder",
                        "customer",
                        "purpose",
                        "status",
                        "start",
                        "end",
                        "booked_until",
                        "checked_in_at",
                        "hours_in_range"
                    },
                    (usage, f) -> {
                        UsageFilter checked = usage.checked(f);
                        return csv -> usage.exportBookings(
                                checked,
                                b -> csv.row(
                                        b.id(),
                                        b.environment(),
                                        b.region(),
                                        b.slot(),
                                        b.holder(),
                                        b.customer(),
                                        b.purpose(),
                                        b.status(),
                                        b.start(),
                                        b.end(),
                                        b.bookedUntil(),
                                        b.checkedInAt(),
                                        b.hoursInRange()));
                    }),
            new Table("sandbox-funnel", new String[] {"stage", "sandboxes"}, (usage, f) -> {
                SandboxReport.Funnel s = usage.sandboxes(f).funnel();
                return csv -> {
                    csv.row("requested", s.requested());
                    csv.row("approved", s.approved());
                    csv.row("auto_approved", s.autoApproved());
                    csv.row("rejected", s.rejected());
                    csv.row("ready", s.ready());
                    csv.row("extended", s.extended());
                    csv.row("torn_down", s.tornDown());
                    csv.row("failed", s.failed());
                };
            }),
            new Table(
                    "sandbox-timings",
                    new String[] {"measure", "sandboxes", "p50_minutes", "p95_minutes"},
                    (usage, f) -> {
                        SandboxReport s = usage.sandboxes(f);
                        return csv -> {
                            csv.row(
                                    "lead_time_request_to_ready",
                                    s.leadTime().count(),
                                    s.leadTime().p50Minutes(),
                                    s.leadTime().p95Minutes());
                            csv.row(
                                    "approval_request_to_decision",
                                    s.approval().count(),
                                    s.approval().p50Minutes(),
                                    s.approval().p95Minutes());
                            csv.row(
                                    "provisioning_decision_to_ready",
                                    s.provisioning().count(),
                                    s.provisioning().p50Minutes(),
                                    s.provisioning().p95Minutes());
                        };
                    }),
            new Table("sandbox-activity", new String[] {"day", "region", "template", "active"}, (usage, f) -> {
                SandboxReport s = usage.sandboxes(f);
                return csv -> s.active().forEach(a -> csv.row(a.day(), a.region(), a.template(), a.active()));
            }),
            new Table("step-failures", new String[] {"layer", "step", "runs", "failed", "failure_rate"}, (usage, f) -> {
                SandboxReport s = usage.sandboxes(f);
                return csv -> s.failures().forEach(x -> csv.row(x.layer(), x.step(), x.runs(), x.failed(), x.rate()));
            }),
            new Table(
                    "held-now",
                    new String[] {
                        "environment",
                        "environment_name",
                        "region",
                        "slot",
                        "holder",
                        "since",
                        "until",
                        "purpose",
                        "customer",
                        "checked_in"
                    },
                    (usage, f) -> {
                        NowSnapshot n = usage.now(f);
                        return csv -> n.held()
                                .forEach(h -> csv.row(
                                        h.environment(),
                                        h.environmentName(),
                                        h.region(),
                                        h.slot(),
                                        h.holder(),
                                        h.since(),
                                        h.until(),
                                        h.purpose(),
                                        h.customer(),
                                        h.checkedIn()));
                    }),
            new Table(
                    "expiring",
                    new String[] {
                        "sandbox_id", "sandbox", "organisation", "template", "region", "expires_at", "extensions"
                    },
                    (usage, f) -> {
                        NowSnapshot n = usage.now(f);
                        return csv -> n.expiring()
                                .forEach(e -> csv.row(
                                        e.sandboxId(),
                                        e.sandbox(),
                                        e.organisation(),
                                        e.template(),
                                        e.region(),
                                        e.expiresAt(),
                                        e.extensions()));
                    }),
            new Table(
                    "failed-jobs",
                    new String[] {"job_id", "sandbox_id", "sandbox", "kind", "region", "failed_at", "error"},
                    (usage, f) -> {
                        NowSnapshot n = usage.now(f);
                        return csv -> n.failedJobs()
                                .forEach(j -> csv.row(
                                        j.jobId(),
                                        j.sandboxId(),
                                        j.sandbox(),
                                        j.kind(),
                                        j.region(),
                                        j.failedAt(),
                                        j.error()));
                    }));

    private UsageTables() {}

    static @Nullable Table named(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    static String names() {
        return TABLES.stream().map(Table::name).collect(Collectors.joining(", "));
    }
}
