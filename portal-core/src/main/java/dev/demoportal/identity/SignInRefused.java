package dev.demoportal.identity;

import dev.demoportal.base.DomainException;

/** The IdP vouched for someone the portal cannot place: no role, or a customer with no organisation. */
public class SignInRefused extends DomainException {

    public SignInRefused(String code, String message) {
        super(code, message);
    }

    @Override
    public int httpStatus() {
        return 403;
    }
}
