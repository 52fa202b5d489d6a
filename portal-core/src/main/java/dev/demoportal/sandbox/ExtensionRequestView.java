package dev.demoportal.sandbox;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request to extend a sandbox beyond its template's maximum lifetime, which someone other than
 * the requester approves.
 *
 * @param status {@code REQUESTED}, {@code APPROVED} or {@code REJECTED}
 */
public record ExtensionRequestView(UUID id, SandboxView sandbox, int hours, String reason,
        SandboxView.Person requestedBy, Instant requestedAt, String status, SandboxView.@Nullable Person decidedBy,
        @Nullable Instant decidedAt, @Nullable String decisionNote) {}
