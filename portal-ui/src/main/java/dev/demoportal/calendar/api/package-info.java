/** The calendar feeds' public address, {@code /calendar/<token>.ics}: no session, the token is the key. */
@NullMarked
package dev.demoportal.calendar.api;

import org.jspecify.annotations.NullMarked;
