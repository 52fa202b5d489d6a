/** The audit trail in the UI: a searchable, paged view for managers and admins, and an export of their organisation's entries for customers. */
@NullMarked
package dev.demoportal.audit.ui;

import org.jspecify.annotations.NullMarked;
