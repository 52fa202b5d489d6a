/**
 * The kubernetes driver (fabric8): the region-platform layer of a sandbox, its namespace and what
 * lives in it, on the region's EKS cluster reached with a presigned STS token.
 */
@NullMarked
package dev.demoportal.provisioning.worker.kubernetes;

import org.jspecify.annotations.NullMarked;
