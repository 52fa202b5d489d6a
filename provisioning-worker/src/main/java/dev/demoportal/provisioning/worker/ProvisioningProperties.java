package dev.demoportal.provisioning.worker;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker carries out provisioning jobs.
 *
 * @param drivers which driver runs each layer
 * @param maxConcurrentPerRegion jobs running at once in one region, across all workers; more wait
 * @param capacityRetryDelay how soon a job that found its region full is tried again
 * @param retry backoff for transient step failures
 * @param simulated settings of the simulated driver
 */
@ConfigurationProperties("portal.provisioning")
public record ProvisioningProperties(@DefaultValue Drivers drivers, @DefaultValue("5") int maxConcurrentPerRegion,
        @DefaultValue("2s") Duration capacityRetryDelay, @DefaultValue Retry retry, @DefaultValue Simulated simulated) {

    /**
     * The driver per layer: {@code simulated}, {@code aws} or {@code kubernetes}.
     *
     * @param global DNS record and workload IAM role
     * @param regionCore the region's cluster (assume role, describe EKS)
     * @param regionPlatform the namespace and what lives in it
     */
    public record Drivers(@DefaultValue("simulated") String global, @DefaultValue("simulated") String regionCore,
            @DefaultValue("simulated") String regionPlatform) {}

    /**
     * Retries of transient failures (throttling, timeouts, 5xx), exponential with jitter.
     *
     * @param maxAttempts attempts of one step before the job fails
     * @param initialBackoff wait after the first failed attempt
     * @param maxBackoff longest wait between attempts
     */
    public record Retry(@DefaultValue("5") int maxAttempts, @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("2m") Duration maxBackoff) {}

    /**
     * The simulated driver: the real step plan without touching infrastructure.
     *
     * @param latency how long each step pretends to work
     * @param failureRate probability (0..1) that an attempt fails transiently
     * @param failOnce step names that fail transiently on their first attempt for each sandbox
     * @param failPermanently step names that always fail permanently
     * @param baseDomain the DNS domain simulated host names go under
     */
    public record Simulated(@DefaultValue("500ms") Duration latency, @DefaultValue("0") double failureRate,
            @DefaultValue List<String> failOnce, @DefaultValue List<String> failPermanently,
            @DefaultValue("sandbox.demoportal.test") String baseDomain) {}
}
