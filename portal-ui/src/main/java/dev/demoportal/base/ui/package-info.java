/** What every view shares: error handling, field errors, times in the viewer's time zone. */
@NullMarked
package dev.demoportal.base.ui;

import org.jspecify.annotations.NullMarked;
