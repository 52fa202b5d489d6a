/**
 * What operators need from the running portal: request correlation ids, UI session metrics, the
 * management port, and the one-shot {@code migrate} mode that upgrades the schema before a release.
 */
@NullMarked
package dev.demoportal.operations;

import org.jspecify.annotations.NullMarked;
