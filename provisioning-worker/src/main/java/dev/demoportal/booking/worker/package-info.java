/** The booking feature's scheduled work, run by the provisioning worker: no-show release and the waitlist sweep. */
@NullMarked
package dev.demoportal.booking.worker;

import org.jspecify.annotations.NullMarked;
