/** Slot bookings on shared environments, holds, check-in, the waitlist and the live board. */
@NullMarked
package dev.demoportal.booking;

import org.jspecify.annotations.NullMarked;
