/**
 * The {@code demo} command-line client: picocli commands over the portal's REST API, with the
 * device-flow sign-in cached in the user's config directory.
 */
@NullMarked
package dev.demoportal.cli;

import org.jspecify.annotations.NullMarked;
