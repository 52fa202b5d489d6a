package dev.demoportal.sandbox;

import dev.demoportal.base.DomainException;

/** Nobody decides on their own request. */
public class SelfApprovalRefused extends DomainException {

    public SelfApprovalRefused() {
        super("sandbox.self_approval", "You requested this sandbox, so someone else has to decide on it.");
    }

    @Override
    public int httpStatus() {
        return 403;
    }
}
