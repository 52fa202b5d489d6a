package dev.demoportal.booking;

import dev.demoportal.environment.AccessSettings.SubjectKind;
import java.util.UUID;

/**
 * One grant or revoke a worker has claimed: what the driver must make (or remove) on the
 * region's cluster, a RoleBinding {@code bindingName} in {@code namespace} of {@code clusterRole}
 * to {@code subject}.
 */
public record AccessWork(
        UUID leaseId,
        Action action,
        UUID bookingId,
        String environmentSlug,
        int slot,
        String regionCode,
        String awsRegion,
        String namespace,
        String bindingName,
        SubjectKind subjectKind,
        String subject,
        String clusterRole) {

    public enum Action {
        GRANT,
        REVOKE
    }
}
