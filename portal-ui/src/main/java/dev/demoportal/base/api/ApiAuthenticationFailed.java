package dev.demoportal.base.api;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer credential was refused for a reason the caller can act on; the 401 problem carries
 * {@link #code()} ({@code auth.token_expired}, {@code auth.unknown_issuer}, ...) instead of the
 * general {@code auth.required}.
 */
public class ApiAuthenticationFailed extends AuthenticationException {

    private final String code;

    public ApiAuthenticationFailed(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
