package dev.demoportal.identity;

import java.util.UUID;

/** A customer organisation as other features refer to it. */
public record OrganisationRef(UUID id, String slug, String name) {}
