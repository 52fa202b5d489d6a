/** iCalendar feeds at secret-token URLs: a person's bookings and sandbox expiries, and an environment's bookings. */
@NullMarked
package dev.demoportal.calendar;

import org.jspecify.annotations.NullMarked;
