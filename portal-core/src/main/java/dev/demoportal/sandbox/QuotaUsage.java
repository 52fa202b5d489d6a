package dev.demoportal.sandbox;

import dev.demoportal.identity.OrganisationRef;

/**
 * How much of one template's quota an organisation uses: what a customer should know before
 * filling in a request.
 *
 * @param quota active sandboxes of the template the organisation may hold (its override, else the
 *     template's default)
 * @param active those it holds now: everything not rejected, cancelled or torn down (a failed one
 *     counts until it is torn down)
 */
public record QuotaUsage(
        String templateSlug, String templateName, OrganisationRef organisation, int quota, long active) {

    /** How many more it may request now. */
    public long left() {
        return Math.max(0, quota - active);
    }
}
