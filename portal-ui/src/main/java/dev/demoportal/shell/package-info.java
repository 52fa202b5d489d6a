/**
 * The app shell: layout, navigation by role, user menu, notifications, and the page shown for
 * refused or unknown routes. It composes the features; no feature depends on it.
 */
@NullMarked
package dev.demoportal.shell;

import org.jspecify.annotations.NullMarked;
