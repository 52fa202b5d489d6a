/** Shared kernel: the clock, domain errors, the acting user and the auditable-event contract. */
@NullMarked
package dev.demoportal.base;

import org.jspecify.annotations.NullMarked;
