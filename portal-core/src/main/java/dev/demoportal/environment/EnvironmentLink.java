package dev.demoportal.environment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A labelled link shown with an environment (console, docs, dashboards). */
public record EnvironmentLink(
        @NotBlank(message = "Give the link a label") @Size(max = 60, message = "At most 60 characters")
        String label,

        @NotBlank(message = "Enter a URL")
        @Pattern(regexp = "https?://[^\\s]+", message = "Must be an http:// or https:// URL")
        @Size(max = 500, message = "At most 500 characters")
        String url) {}
