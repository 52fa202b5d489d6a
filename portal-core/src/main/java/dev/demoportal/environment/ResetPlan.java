package dev.demoportal.environment;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the worker does to a tenant slot after a holding ends, step by step in order, before the
 * slot is handed to anyone new. Each step is a Kubernetes Job run in the slot's namespace (the
 * namespace of the environment's access settings) and waited for.
 */
public record ResetPlan(List<Step> steps) {

    /** At most this many steps: a reset longer than that is a pipeline's job. */
    public static final int MAX_STEPS = 10;

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads any stored plan: a field missing from an older or hand-written row takes its default. */
    private static final JsonMapper READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ResetPlan {
        steps = List.copyOf(steps);
    }

    /**
     * One step: a Job named {@code demoportal-reset-<name>-<n>} running {@code image} with {@code
     * command} (the image's own entrypoint when empty) as {@code serviceAccount} (the namespace's
     * default when null), failed when it has not completed within {@code timeoutMinutes}.
     */
    public record Step(
            String name,
            String image,
            List<String> command,
            @Nullable String serviceAccount,
            int timeoutMinutes) {

        public static final int DEFAULT_TIMEOUT_MINUTES = 15;

        public Step {
            name = name == null ? "" : name.strip();
            image = image == null ? "" : image.strip();
            command = command == null ? List.of() : List.copyOf(command);
            serviceAccount = serviceAccount == null || serviceAccount.isBlank() ? null : serviceAccount.strip();
        }

        public Duration timeout() {
            return Duration.ofMinutes(timeoutMinutes);
        }
    }

    /** Field errors of the plan, as {@code steps[0].image}; empty when it is valid. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (steps.isEmpty() || steps.size() > MAX_STEPS) {
            errors.add(new FieldError("steps", "Between 1 and " + MAX_STEPS + " steps"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String at = "steps[" + i + "].";
            if (!s.name().matches("[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?")) {
                errors.add(new FieldError(at + "name", "1–20 lower-case letters, digits and dashes"));
            } else if (!names.add(s.name())) {
                errors.add(new FieldError(at + "name", "Another step has this name"));
            }
            if (s.image().isEmpty() || s.image().length() > 200 || s.image().matches(".*\\s.*")) {
                errors.add(new FieldError(at + "image", "A container image, e.g. bitnami/kubectl:1.31"));
            }
            if (s.command().size() > 20
                    || s.command().stream().anyMatch(c -> c == null || c.isEmpty() || c.length() > 500)) {
                errors.add(new FieldError(at + "command", "At most 20 non-empty arguments of at most 500 characters"));
            }
            if (s.serviceAccount() != null && !s.serviceAccount().matches("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?")) {
                errors.add(new FieldError(at + "serviceAccount", "A service account name such as reset"));
            }
            if (s.timeoutMinutes() < 1 || s.timeoutMinutes() > 120) {
                errors.add(new FieldError(at + "timeoutMinutes", "Between 1 and 120 minutes"));
            }
        }
        return errors;
    }

    /** Refuses an invalid plan with its field errors. */
    public ResetPlan checked() {
        List<FieldError> errors = problems();
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return this;
    }

    /** The stored form: {@code {"steps": [...]}}. */
    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    /** Reads the stored form; null for null. */
    public static @Nullable ResetPlan fromJson(@Nullable String json) {
        if (json == null) {
            return null;
        }
        Map<String, List<Step>> read = READER.readValue(json, new TypeReference<Map<String, List<Step>>>() {});
        List<Step> steps = read.getOrDefault("steps", List.of());
        return new ResetPlan(
                steps == null
                        ? List.of()
                        : steps.stream()
                                .filter(java.util.Objects::nonNull)
                                .map(s -> s.timeoutMinutes() > 0
                                        ? s
                                        : new Step(
                                                s.name(),
                                                s.image(),
                                                s.command(),
                                                s.serviceAccount(),
                                                Step.DEFAULT_TIMEOUT_MINUTES))
                                .toList());
    }

    /** One line per step, for the audit trail and the admin page. */
    public List<String> describe() {
        return steps.stream()
                .map(s -> s.name() + ": " + s.image()
                        + (s.command().isEmpty() ? "" : " " + String.join(" ", s.command())))
                .toList();
    }
}
