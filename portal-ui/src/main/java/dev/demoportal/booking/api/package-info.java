/** REST API of the booking feature (stable: pipelines call it). */
@NullMarked
package dev.demoportal.booking.api;

import org.jspecify.annotations.NullMarked;
