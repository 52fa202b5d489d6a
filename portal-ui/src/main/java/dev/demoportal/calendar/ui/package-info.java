/** My account's calendar feeds: make, remake and remove the secret URLs. */
@NullMarked
package dev.demoportal.calendar.ui;

import org.jspecify.annotations.NullMarked;
