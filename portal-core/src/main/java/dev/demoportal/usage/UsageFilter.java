package dev.demoportal.usage;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a dashboard shows: local days {@code from} to {@code to}, both included (each environment
 * and sandbox is counted on the calendar of its region's time zone), narrowed by the filters that
 * apply to it. Region, environment and template are codes/slugs; holder and organisation are ids.
 */
public record UsageFilter(
        LocalDate from,
        LocalDate to,
        @Nullable String region,
        @Nullable String environment,
        @Nullable UUID holder,
        @Nullable String customer,
        @Nullable UUID organisation,
        @Nullable String template) {

    /** The longest range one request may cover: two years, a leap day included. */
    public static final int MAX_DAYS = 731;

    public static UsageFilter of(LocalDate from, LocalDate to) {
        return new UsageFilter(from, to, null, null, null, null, null, null);
    }

    public UsageFilter withRegion(@Nullable String code) {
        return new UsageFilter(from, to, code, environment, holder, customer, organisation, template);
    }

    public UsageFilter withEnvironment(@Nullable String slug) {
        return new UsageFilter(from, to, region, slug, holder, customer, organisation, template);
    }

    public UsageFilter withHolder(@Nullable UUID id) {
        return new UsageFilter(from, to, region, environment, id, customer, organisation, template);
    }

    public UsageFilter withCustomer(@Nullable String name) {
        return new UsageFilter(from, to, region, environment, holder, name, organisation, template);
    }

    public UsageFilter withOrganisation(@Nullable UUID id) {
        return new UsageFilter(from, to, region, environment, holder, customer, id, template);
    }

    public UsageFilter withTemplate(@Nullable String slug) {
        return new UsageFilter(from, to, region, environment, holder, customer, organisation, slug);
    }

    /** Number of days in the range. */
    public long days() {
        return to.toEpochDay() - from.toEpochDay() + 1;
    }
}
