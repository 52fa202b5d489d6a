package dev.demoportal.base;

/**
 * A rule of the domain said no. Carries a stable, machine-readable {@link #code()} (the API's
 * problem {@code code}) and a message written for the person who caused it. A message that names
 * moments keeps them as instants ({@link #text()}): the UI shows them in the viewer's time zone,
 * {@link #getMessage()} (the API, logs) as ISO-8601 UTC.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;
    private final Message text;

    protected DomainException(String code, String message) {
        this(code, Message.plain(message));
    }

    protected DomainException(String code, Message message) {
        super(message.iso());
        this.code = code;
        this.text = message;
    }

    /** Stable identifier of the condition, e.g. {@code environment.not_found}; never reworded. */
    public String code() {
        return code;
    }

    /** The message with its moments still instants, for a screen to write in its reader's zone. */
    public Message text() {
        return text;
    }

    /** Extra, machine-readable facts for API clients (added to the problem details); never secrets. */
    public java.util.Map<String, Object> problemProperties() {
        return java.util.Map.of();
    }

    /** The HTTP status this condition maps to at the API boundary. */
    public abstract int httpStatus();
}
