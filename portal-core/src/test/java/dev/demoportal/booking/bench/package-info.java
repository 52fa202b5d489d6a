/** Benchmarks of the booking feature: run on purpose with {@code benchmarks/booking.sh}, never by the build. */
package dev.demoportal.booking.bench;
