/** Sandbox pages: my sandboxes, requesting one, its page, approvals, all sandboxes, organisations, templates. */
@NullMarked
package dev.demoportal.sandbox.ui;

import org.jspecify.annotations.NullMarked;
