package dev.demoportal.base;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Checks input records against their Bean Validation rules and turns database constraint
 * violations (the real guarantee, which also catches races) into the same field errors.
 */
@Component
public class FormValidator {

    private final Validator validator;

    FormValidator(Validator validator) {
        this.validator = validator;
    }

    /**
     * Throws {@link ValidationFailed} listing every broken rule, in field order: the input's Bean
     * Validation constraints, and {@link InputRules}' text rule for every text in it (no control
     * characters), so forms and the API refuse the same text.
     */
    public <T> T check(T input) {
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        List<ValidationFailed.FieldError> errors = new ArrayList<>(InputRules.checkText("", input));
        violations.stream()
                .map(v -> new ValidationFailed.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(ValidationFailed.FieldError::field));
            throw new ValidationFailed(errors);
        }
        return input;
    }

    /**
     * Maps a constraint violation to a field error when its constraint is one of {@code known}
     * (constraint name to field error); otherwise rethrows it unchanged.
     */
    public static RuntimeException translate(
            DataIntegrityViolationException e, Map<String, ValidationFailed.FieldError> known) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        for (var entry : known.entrySet()) {
            if (message.contains("\"" + entry.getKey() + "\"")) {
                return new ValidationFailed(List.of(entry.getValue()));
            }
        }
        return e;
    }
}
