package dev.demoportal.base;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A domain event that belongs in the audit trail. Features publish these from their services,
 * inside the transaction that made the change, so the change and its record commit together.
 */
public interface AuditableEvent {

    Actor actor();

    /** Dotted, lower-case, stable: {@code environment.created}. */
    String action();

    String targetType();

    String targetId();

    /** The customer organisation the event concerns, if any (its customers may see it). */
    default @Nullable UUID organisationId() {
        return null;
    }

    /** What changed, as JSON-friendly values. Never secrets. */
    Map<String, Object> details();
}
