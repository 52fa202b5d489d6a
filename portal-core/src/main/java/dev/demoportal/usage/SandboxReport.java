package dev.demoportal.usage;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sandboxes requested in the range (the cohort) and how they went; the active count is per local
 * day of the range regardless of when they were requested; failures are the steps of jobs created
 * in the range.
 */
public record SandboxReport(
        UsageFilter filter,
        Funnel funnel,
        List<ActiveDay> active,
        Timing leadTime,
        Timing approval,
        Timing provisioning,
        List<StepFailures> failures,
        double extensionRate) {

    /**
     * Requested → approved (by a person or by policy) → ready → extended → torn down; rejected and
     * failed are the ways out.
     */
    public record Funnel(
            long requested,
            long approved,
            long autoApproved,
            long rejected,
            long ready,
            long extended,
            long tornDown,
            long failed) {}

    /** Sandboxes that were ready at some point of a local day, per region and template. */
    public record ActiveDay(LocalDate day, String region, String template, long active) {}

    /** Percentiles of a duration in minutes over {@code count} sandboxes (null without any). */
    public record Timing(
            long count,
            @Nullable Double p50Minutes,
            @Nullable Double p95Minutes) {}

    /** Runs (steps that finished) and failures of one step of one layer. */
    public record StepFailures(String layer, String step, long runs, long failed, double rate) {}
}
