/**
 * The aws driver (AWS SDK v2): the global layer (Route 53 record, workload IAM role), the
 * region-core layer (assume the region's provisioning role, describe its EKS cluster), and
 * sandbox secrets in Secrets Manager; and, for both apps, the KMS key that wraps the keyset of
 * sandbox secrets at rest. Credentials come from the default provider chain.
 */
@NullMarked
package dev.demoportal.provisioning.worker.aws;

import org.jspecify.annotations.NullMarked;
