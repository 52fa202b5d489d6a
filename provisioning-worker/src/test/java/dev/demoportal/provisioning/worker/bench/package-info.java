/** Benchmarks of the provisioning worker: not tests, run on purpose with {@code benchmarks/provisioning.sh}. */
@NullMarked
package dev.demoportal.provisioning.worker.bench;

import org.jspecify.annotations.NullMarked;
