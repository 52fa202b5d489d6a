package dev.demoportal.provisioning.worker.simulated;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated driver: the real step plan without touching infrastructure.
 *
 * @param latency how long each step pretends to work
 * @param failureRate probability (0..1) that an attempt fails transiently
 * @param failOnce step names that fail transiently on their first attempt for each sandbox
 * @param failPermanently step names that always fail permanently
 * @param baseDomain the DNS domain simulated host names go under
 */
public record SimulatedSettings(
        @DefaultValue("500ms") Duration latency,
        @DefaultValue("0") double failureRate,
        @DefaultValue List<String> failOnce,
        @DefaultValue List<String> failPermanently,
        @DefaultValue("sandbox.demoportal.test") String baseDomain) {}
