package dev.demoportal.provisioning;

/**
 * Runs the steps of a tenant slot's reset on the region's cluster. {@link #run} returns once the
 * step completed and throws when it failed or timed out (the reset then fails: the slot goes out
 * of service). Running a step whose Job already exists (a worker died mid-step) waits for that Job.
 */
public interface SlotResetDriver {

    /** "kubernetes", "simulated": shown in logs and the docs. */
    String name();

    void run(ResetJobSpec step);
}
