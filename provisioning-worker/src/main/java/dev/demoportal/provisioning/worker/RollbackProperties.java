package dev.demoportal.provisioning.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clean-up after a failed provision: when a step has failed for good (its retry budget spent, or a
 * permanent error), the worker schedules a rollback of the steps that ran.
 *
 * @param enabled schedule rollbacks at all; off, a failed sandbox waits for the failed-clean-up
 *     teardown ({@code portal.sandbox.failed-cleanup-after}) as before
 * @param after the rollback deadline: how long after the failure the rollback runs, so a person can
 *     still retry the failed step (which cancels it); a template sets {@code rollback=immediate}
 *     to roll back at once
 */
@ConfigurationProperties("portal.provisioning.rollback")
public record RollbackProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30m") Duration after) {

    /** Template parameter: {@code immediate} rolls back at once, without a deadline. */
    public static final String TEMPLATE_PARAMETER = "rollback";

    public static RollbackProperties defaults() {
        return new RollbackProperties(true, Duration.ofMinutes(30));
    }
}
