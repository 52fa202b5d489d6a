package dev.demoportal.sandbox;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A template of the catalogue.
 *
 * @param offering what the customer gets, one item a line
 * @param organisationQuota active sandboxes one organisation may hold of it (unless overridden)
 * @param parameters handed to the provisioning layers as they are
 */
public record TemplateSummary(
        UUID id,
        String slug,
        String name,
        String description,
        String offering,
        List<String> regions,
        int defaultLifetimeHours,
        int maxLifetimeHours,
        boolean autoApprove,
        int organisationQuota,
        Map<String, String> parameters,
        boolean active,
        long version) {

    /** The offering as bullet points. */
    public List<String> offeringLines() {
        return offering.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
