package dev.demoportal.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Input broke one or more rules. Each {@link FieldError} names the field as the form and the API
 * call it, so both can point at the offending input.
 */
public class ValidationFailed extends DomainException {

    /** One broken rule; {@code text} may name moments (a form shows them in the viewer's zone). */
    public record FieldError(String field, Message text) {

        public FieldError(String field, String message) {
            this(field, Message.plain(message));
        }

        /** The message with moments as ISO-8601 UTC, as the API shows it. */
        public String message() {
            return text.iso();
        }
    }

    /** One error as the API's problem details list it, moments in ISO-8601 UTC. */
    public record ApiError(String field, String message) {}

    private final List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super("validation.failed", summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** "start: The start is in the past; end: …". */
    private static Message summary(List<FieldError> errors) {
        List<Object> pieces = new ArrayList<>();
        for (FieldError error : errors) {
            if (!pieces.isEmpty()) {
                pieces.add("; ");
            }
            pieces.add(error.field() + ": ");
            pieces.add(error.text());
        }
        return Message.of(pieces.toArray());
    }

    public static ValidationFailed of(String field, String message) {
        return of(field, Message.plain(message));
    }

    public static ValidationFailed of(String field, Message message) {
        return new ValidationFailed(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Field name to first message, for forms that show one message per field. */
    public Map<String, String> byField() {
        return errors.stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a));
    }

    /** Each error as {@code field} and {@code message}, moments in ISO-8601 UTC. */
    @Override
    public Map<String, Object> problemProperties() {
        return Map.of(
                "errors",
                errors.stream().map(e -> new ApiError(e.field(), e.message())).toList());
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
