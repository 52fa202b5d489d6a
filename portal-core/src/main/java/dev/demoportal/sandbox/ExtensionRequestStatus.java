package dev.demoportal.sandbox;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a request to extend a sandbox is; stored and shown by these names. {@link #next()} is the
 * one table of its moves: a waiting request is approved or rejected (by a person, or closed as
 * rejected when its sandbox stops running), once. Anything else is refused with
 * {@link ExtensionRequestNotWaiting}.
 */
public enum ExtensionRequestStatus {
    REQUESTED,
    APPROVED,
    REJECTED;

    private static final Map<ExtensionRequestStatus, Set<ExtensionRequestStatus>> NEXT = Map.of(
            REQUESTED, EnumSet.of(APPROVED, REJECTED),
            APPROVED, EnumSet.noneOf(ExtensionRequestStatus.class),
            REJECTED, EnumSet.noneOf(ExtensionRequestStatus.class));

    /** The states a request in this one may move to. */
    public Set<ExtensionRequestStatus> next() {
        return Set.copyOf(NEXT.getOrDefault(this, Set.of()));
    }

    public boolean canMoveTo(ExtensionRequestStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }
}
