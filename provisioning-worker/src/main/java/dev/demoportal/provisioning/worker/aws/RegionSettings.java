package dev.demoportal.provisioning.worker.aws;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One portal region as the aws and kubernetes drivers reach it.
 *
 * @param clusterName the EKS cluster sandboxes of this region run in
 * @param provisioningRoleArn the IAM role the worker assumes to work in this region's account
 * @param gatewayNamespace the namespace of the region's ingress gateway (allowed in by network policy)
 * @param gatewayHostname the gateway's load balancer host name, the target of sandbox DNS records
 */
public record RegionSettings(
        String clusterName,
        String provisioningRoleArn,
        @DefaultValue("gateway") String gatewayNamespace,
        @Nullable String gatewayHostname) {

    /** The AWS account of the provisioning role, where the cluster and its OIDC provider live. */
    public String accountId() {
        String[] parts = provisioningRoleArn.split(":");
        if (parts.length < 6 || parts[4].isBlank()) {
            throw new IllegalStateException("Not an IAM role ARN: " + provisioningRoleArn);
        }
        return parts[4];
    }
}
