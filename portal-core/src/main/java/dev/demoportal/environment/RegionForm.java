package dev.demoportal.environment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an admin enters to create or edit a region. The code cannot change once created. */
public record RegionForm(
        @NotBlank(message = "Enter a code")
        @Pattern(
                regexp = "[a-z][a-z0-9-]{1,15}",
                message = "2–16 lower-case letters, digits or dashes, starting with a letter")
        String code,

        @NotBlank(message = "Enter a name") @Size(max = 80, message = "At most 80 characters")
        String name,

        @NotBlank(message = "Enter the AWS region")
        @Pattern(regexp = "[a-z]{2}(-gov)?-[a-z]+-[0-9]", message = "An AWS region code such as eu-west-1")
        String awsRegion,

        @NotBlank(message = "Enter a time zone") String timeZone) {}
