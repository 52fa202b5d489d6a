package dev.demoportal.booking;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a holding's access lease stands. Pending until the binding is made, active while it
 * exists, failed while a grant keeps failing (it is retried), revoked once the binding is gone.
 * A revoke may follow any state: a grant that was sent but not recorded is revoked all the same.
 */
public enum AccessStatus {
    PENDING,
    ACTIVE,
    FAILED,
    REVOKED;

    private Set<AccessStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(ACTIVE, FAILED, REVOKED);
            case FAILED -> EnumSet.of(ACTIVE, FAILED, REVOKED);
            case ACTIVE -> EnumSet.of(REVOKED);
            case REVOKED -> EnumSet.noneOf(AccessStatus.class);
        };
    }

    public boolean canMoveTo(AccessStatus target) {
        return next().contains(target);
    }

    /** "access pending", as the board and My bookings say it. */
    public String label() {
        return switch (this) {
            case PENDING -> "access pending";
            case ACTIVE -> "access active";
            case FAILED -> "access failed";
            case REVOKED -> "access revoked";
        };
    }
}
