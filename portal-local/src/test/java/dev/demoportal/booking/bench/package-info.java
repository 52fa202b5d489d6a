/** Benchmarks of the booking screens: run on purpose with their main method, never by the test suite. */
@NullMarked
package dev.demoportal.booking.bench;

import org.jspecify.annotations.NullMarked;
