/** The simulated provisioning driver: the real plan, no infrastructure, with configurable latency and failures. */
@NullMarked
package dev.demoportal.provisioning.worker.simulated;

import org.jspecify.annotations.NullMarked;
