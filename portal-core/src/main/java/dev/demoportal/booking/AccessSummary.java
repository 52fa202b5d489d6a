package dev.demoportal.booking;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A holding's access lease as screens and the API show it.
 *
 * @param revokeDueAt when the binding must be gone: the end of the holding
 * @param lastError why the last attempt failed, for the people who fix it (never secrets)
 */
public record AccessSummary(
        UUID bookingId,
        AccessStatus status,
        String namespace,
        String subject,
        @Nullable Instant grantedAt,
        Instant revokeDueAt,
        @Nullable Instant revokedAt,
        int attempts,
        @Nullable String lastError) {}
