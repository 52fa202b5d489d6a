package dev.demoportal.provisioning.worker;

import dev.demoportal.provisioning.worker.aws.AwsSettings;
import dev.demoportal.provisioning.worker.aws.RegionSettings;
import dev.demoportal.provisioning.worker.pipeline.PipelineSettings;
import dev.demoportal.provisioning.worker.simulated.SimulatedSettings;
import dev.demoportal.provisioning.worker.vault.VaultSettings;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker carries out provisioning jobs.
 *
 * @param drivers which driver runs each layer
 * @param maxConcurrentPerRegion jobs running at once in one region, across all workers; more wait
 * @param capacityRetryDelay how soon a job that found its region full is tried again
 * @param retry backoff for transient step failures
 * @param simulated settings of the simulated driver
 * @param aws settings of the aws driver (global and region-core layers, secrets)
 * @param pipelines the team's own CI pipelines, for layers whose driver is {@code pipeline}
 * @param vault each region's Vault, for the Vault part of template contents (with the kubernetes
 *     region-platform driver)
 * @param regions per portal region code (na, emea, apj): its cluster and how to reach it
 * @param wakeUpOnNotify start jobs as soon as they are scheduled (LISTEN); off, the worker only
 *     finds them when db-scheduler next polls (for comparison; leave on)
 */
@ConfigurationProperties("portal.provisioning")
public record ProvisioningProperties(
        @DefaultValue Drivers drivers,
        @DefaultValue("5") int maxConcurrentPerRegion,
        @DefaultValue("2s") Duration capacityRetryDelay,
        @DefaultValue Retry retry,
        // nested: types of other packages get configuration metadata (IDE hints, the generated reference) only so
        @NestedConfigurationProperty @DefaultValue SimulatedSettings simulated,
        @NestedConfigurationProperty @DefaultValue AwsSettings aws,
        @NestedConfigurationProperty @DefaultValue PipelineSettings pipelines,
        @NestedConfigurationProperty @DefaultValue VaultSettings vault,
        Map<String, RegionSettings> regions,
        @DefaultValue("true") boolean wakeUpOnNotify) {

    /**
     * The driver per layer: {@code simulated}, {@code aws} or {@code kubernetes}, or {@code pipeline}
     * (the team's own CI pipeline, {@code portal.provisioning.pipelines.*}) for any layer.
     *
     * @param global DNS record and workload IAM role
     * @param regionCore the region's cluster (assume role, describe EKS)
     * @param regionPlatform the namespace and what lives in it
     * @param access access-lease RoleBindings of shared environments' slots: simulated or kubernetes
     */
    public record Drivers(
            @DefaultValue("simulated") String global,
            @DefaultValue("simulated") String regionCore,
            @DefaultValue("simulated") String regionPlatform,
            @DefaultValue("simulated") String access) {}

    /**
     * Retries of transient failures (throttling, timeouts, 5xx), exponential with jitter.
     *
     * @param maxAttempts attempts of one step before the job fails
     * @param initialBackoff wait after the first failed attempt
     * @param maxBackoff longest wait between attempts
     */
    public record Retry(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("2m") Duration maxBackoff) {}

    public ProvisioningProperties {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }
}
