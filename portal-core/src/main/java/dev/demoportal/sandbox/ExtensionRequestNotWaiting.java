package dev.demoportal.sandbox;

import dev.demoportal.base.Conflict;

/** An extension request was decided again: only a waiting one can be ({@link ExtensionRequestStatus#next()}). */
public class ExtensionRequestNotWaiting extends Conflict {

    private final ExtensionRequestStatus from;
    private final ExtensionRequestStatus to;

    public ExtensionRequestNotWaiting(ExtensionRequestStatus from, ExtensionRequestStatus to) {
        super("sandbox.not_waiting", "This extension request is not waiting for a decision.");
        this.from = from;
        this.to = to;
    }

    public ExtensionRequestStatus from() {
        return from;
    }

    public ExtensionRequestStatus to() {
        return to;
    }
}
