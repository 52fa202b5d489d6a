package dev.demoportal.sandbox;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request to extend a sandbox beyond its template's maximum lifetime, which someone other than
 * the requester approves.
 */
public record ExtensionRequestSummary(
        UUID id,
        SandboxSummary sandbox,
        int hours,
        String reason,
        SandboxSummary.Person requestedBy,
        Instant requestedAt,
        ExtensionRequestStatus status,
        SandboxSummary.@Nullable Person decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote) {}
