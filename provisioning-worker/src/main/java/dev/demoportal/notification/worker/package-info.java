/** The notification feature's scheduled work, run by the provisioning worker: delivering the outbox. */
@NullMarked
package dev.demoportal.notification.worker;

import org.jspecify.annotations.NullMarked;
