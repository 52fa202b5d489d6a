/** The notification bell, a person's notification choices, and admins' outbox (delivery log) and webhooks. */
@NullMarked
package dev.demoportal.notification.ui;

import org.jspecify.annotations.NullMarked;
