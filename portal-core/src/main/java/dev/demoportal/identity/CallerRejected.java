package dev.demoportal.identity;

import dev.demoportal.base.DomainException;

/**
 * A credential on the API was not accepted. {@link #code()} says why, distinctly
 * ({@code auth.token_expired}, {@code auth.unknown_issuer}, ...), so a pipeline's log tells its
 * author what to fix.
 */
public class CallerRejected extends DomainException {

    public CallerRejected(String code, String message) {
        super(code, message);
    }

    @Override
    public int httpStatus() {
        return 401;
    }
}
