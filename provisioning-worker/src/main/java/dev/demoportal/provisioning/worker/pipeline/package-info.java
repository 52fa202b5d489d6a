/**
 * The pipeline driver: a layer carried out by the team's own CI pipeline (CircleCI, GitHub
 * Actions) instead of a built-in driver, triggered and followed through the CI system's public API.
 */
@NullMarked
package dev.demoportal.provisioning.worker.pipeline;

import org.jspecify.annotations.NullMarked;
