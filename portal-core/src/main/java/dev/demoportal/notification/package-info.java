/** Messages the portal leaves for a person (a waitlist hand-off, a force-release, a no-show). */
@NullMarked
package dev.demoportal.notification;

import org.jspecify.annotations.NullMarked;
