/** Benchmarks of the booking screens: run on purpose with their main method; the suite only runs their smoke modes. */
@NullMarked
package dev.demoportal.booking.bench;

import org.jspecify.annotations.NullMarked;
