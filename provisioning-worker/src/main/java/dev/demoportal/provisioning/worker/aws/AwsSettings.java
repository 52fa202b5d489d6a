package dev.demoportal.provisioning.worker.aws;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The aws driver.
 *
 * @param hostedZoneId the Route 53 hosted zone sandbox host names are created in
 * @param baseDomain the domain of that zone: a sandbox is reached at {@code <name>.<baseDomain>}
 * @param recordTtl TTL of the sandbox DNS records
 * @param rolePrefix prefix of the workload IAM role of each sandbox (the sandbox name follows)
 * @param serviceAccount the service account in the sandbox namespace that may assume the workload role
 * @param secretPrefix prefix of the Secrets Manager secret names of sandboxes
 * @param endpointOverride one endpoint for every AWS API (moto, LocalStack, tests); unset in production
 */
public record AwsSettings(
        @Nullable String hostedZoneId,
        @DefaultValue("sandbox.demoportal.test") String baseDomain,
        @DefaultValue("60s") Duration recordTtl,
        @DefaultValue("demoportal-sandbox-") String rolePrefix,
        @DefaultValue("sandbox-workload") String serviceAccount,
        @DefaultValue("demoportal/sandbox/") String secretPrefix,
        @Nullable URI endpointOverride) {}
