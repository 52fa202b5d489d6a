package dev.demoportal.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A request for a sandbox, from a customer for their own organisation or from a field engineer on
 * behalf of one ({@code organisation} is the slug; customers leave it out).
 */
public record SandboxRequest(
        @NotBlank(message = "Choose a template") String template,
        @NotBlank(message = "Choose a region") String region,

        @NotNull(message = "Say for how many hours")
        @Min(value = 1, message = "At least 1 hour")
        @Max(value = 8760, message = "At most 8760 hours")
        @Nullable
        Integer lifetimeHours,

        @NotBlank(message = "Tell us what you want to try") @Size(max = 2000, message = "At most 2000 characters")
        String useCase,

        @Nullable String organisation) {}
