/** The app shell shared by every view: layout, navigation by role, error handling. */
@NullMarked
package dev.demoportal.base.ui;

import org.jspecify.annotations.NullMarked;
