/** The append-only audit trail, written from domain events in the transaction that caused them. */
@NullMarked
package dev.demoportal.audit;

import org.jspecify.annotations.NullMarked;
