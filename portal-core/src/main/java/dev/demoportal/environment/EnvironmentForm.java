package dev.demoportal.environment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What an admin enters to create or edit a shared environment. */
public record EnvironmentForm(
        @NotBlank(message = "Enter a slug")
        @Pattern(
                regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
                message = "Lower-case letters, digits and dashes; no dash at either end; at most 63 characters")
        String slug,

        @NotBlank(message = "Enter a name") @Size(max = 120, message = "At most 120 characters")
        String name,

        @NotBlank(message = "Choose a region") String regionCode,

        @Min(value = 1, message = "At least 1 slot") @Max(value = 64, message = "At most 64 slots")
        int tenantSlots,

        @NotNull(message = "Choose a status") EnvironmentStatus status,

        @Size(max = 4000, message = "At most 4000 characters")
        String description,

        @Size(max = 20, message = "At most 20 links") List<@Valid EnvironmentLink> links) {

    public EnvironmentForm {
        description = description == null ? "" : description.strip();
        links = links == null ? List.of() : List.copyOf(links);
    }
}
