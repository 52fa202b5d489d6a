/** The audit trail over HTTP: a searchable, paged list for managers and a CSV export (customers: their organisation's only). */
@NullMarked
package dev.demoportal.audit.api;

import org.jspecify.annotations.NullMarked;
