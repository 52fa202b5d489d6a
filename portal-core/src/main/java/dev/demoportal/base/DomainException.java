package dev.demoportal.base;

/**
 * A rule of the domain said no. Carries a stable, machine-readable {@link #code()} (the API's
 * problem {@code code}) and a message written for the person who caused it.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Stable identifier of the condition, e.g. {@code environment.not_found}; never reworded. */
    public String code() {
        return code;
    }

    /** Extra, machine-readable facts for API clients (added to the problem details); never secrets. */
    public java.util.Map<String, Object> problemProperties() {
        return java.util.Map.of();
    }

    /** The HTTP status this condition maps to at the API boundary. */
    public abstract int httpStatus();
}
