package dev.demoportal.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What an admin enters for a template; the same rules as the database's checks, with messages. */
public record TemplateForm(
        @NotBlank(message = "Give it a slug")
        @Pattern(
                regexp = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
                message = "Lower-case letters, digits and dashes; starts and ends with a letter or digit")
        String slug,

        @NotBlank(message = "Give it a name") @Size(max = 120, message = "At most 120 characters")
        String name,

        @NotBlank(message = "Describe it") @Size(max = 2000, message = "At most 2000 characters")
        String description,

        @Nullable @Size(max = 4000, message = "At most 4000 characters")
        String offering,

        @NotEmpty(message = "Choose at least one region") List<String> regions,

        @Min(value = 1, message = "At least 1 hour") @Max(value = 2160, message = "At most 2160 hours (90 days)")
        int defaultLifetimeHours,

        @Min(value = 1, message = "At least 1 hour") @Max(value = 8760, message = "At most 8760 hours (a year)")
        int maxLifetimeHours,

        boolean autoApprove,

        @Min(value = 0, message = "0 or more") @Max(value = 1000, message = "At most 1000")
        int organisationQuota,

        @NotNull Map<String, String> parameters,
        boolean active) {

    public TemplateForm {
        regions = List.copyOf(regions);
        parameters = Map.copyOf(parameters);
    }

    public static TemplateForm of(TemplateSummary t) {
        return new TemplateForm(
                t.slug(),
                t.name(),
                t.description(),
                t.offering(),
                t.regions(),
                t.defaultLifetimeHours(),
                t.maxLifetimeHours(),
                t.autoApprove(),
                t.organisationQuota(),
                t.parameters(),
                t.active());
    }
}
