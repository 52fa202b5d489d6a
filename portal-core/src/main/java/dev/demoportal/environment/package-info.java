/** Regions and the shared, multi-tenant demo environments that run in them. */
@NullMarked
package dev.demoportal.environment;

import org.jspecify.annotations.NullMarked;
