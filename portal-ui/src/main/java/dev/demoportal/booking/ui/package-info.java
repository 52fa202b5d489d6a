/** The booking screens: the live board, an environment's timeline, the book dialog and my bookings. */
@NullMarked
package dev.demoportal.booking.ui;

import org.jspecify.annotations.NullMarked;
