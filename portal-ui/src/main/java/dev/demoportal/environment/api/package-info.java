/** REST API of the environment feature. */
@NullMarked
package dev.demoportal.environment.api;

import org.jspecify.annotations.NullMarked;
