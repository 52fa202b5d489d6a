/** The notification bell in the app shell. */
@NullMarked
package dev.demoportal.notification.ui;

import org.jspecify.annotations.NullMarked;
