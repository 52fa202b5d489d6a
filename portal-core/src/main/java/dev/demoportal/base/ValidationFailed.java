package dev.demoportal.base;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Input broke one or more rules. Each {@link FieldError} names the field as the form and the API
 * call it, so both can point at the offending input.
 */
public class ValidationFailed extends DomainException {

    public record FieldError(String field, String message) {}

    private final List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super("validation.failed", errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public static ValidationFailed of(String field, String message) {
        return new ValidationFailed(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Field name to first message, for forms that show one message per field. */
    public Map<String, String> byField() {
        return errors.stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a));
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("errors", errors);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
