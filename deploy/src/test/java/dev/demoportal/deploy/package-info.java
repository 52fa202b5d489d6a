/**
 * Tests of what production runs: the Helm chart rendered and validated without a cluster, the
 * container images as built, the alert rules and dashboard, and the generated configuration reference.
 */
@NullMarked
package dev.demoportal.deploy;

import org.jspecify.annotations.NullMarked;
