/** The notification API: a person's channel choices; admins' webhooks and delivery log. */
@NullMarked
package dev.demoportal.notification.api;

import org.jspecify.annotations.NullMarked;
