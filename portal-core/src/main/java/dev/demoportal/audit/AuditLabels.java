package dev.demoportal.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each audited action is called on screen: {@code sandbox.secrets_revealed} is "Sandbox
 * secrets revealed". The trail stores the stable action codes; people read and search these words
 * (a search for "revealed" finds the reveals). An action without a label here reads as its code in
 * words, so a new event is never shown blank.
 */
public final class AuditLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("booking.booked", "Slot booked"),
            Map.entry("booking.claimed", "Slot claimed"),
            Map.entry("booking.released", "Booking released"),
            Map.entry("booking.force_released", "Booking force-released"),
            Map.entry("booking.no_show", "Booking released as a no-show"),
            Map.entry("booking.cancelled", "Booking cancelled"),
            Map.entry("booking.extended", "Booking extended"),
            Map.entry("booking.checked_in", "Checked in"),
            Map.entry("booking.access_granted", "Access granted"),
            Map.entry("booking.access_revoked", "Access revoked"),
            Map.entry("booking.access_failed", "Access attempt failed"),
            Map.entry("waitlist.joined", "Joined the waitlist"),
            Map.entry("waitlist.left", "Left the waitlist"),
            Map.entry("environment.created", "Environment created"),
            Map.entry("environment.updated", "Environment changed"),
            Map.entry("environment.booking_rules_changed", "Booking rules changed"),
            Map.entry("environment.maintenance_scheduled", "Maintenance scheduled"),
            Map.entry("environment.maintenance_cancelled", "Maintenance cancelled"),
            Map.entry("environment.deployment_reported", "Deployment reported"),
            Map.entry("environment.access_settings_changed", "Access settings changed"),
            Map.entry("region.created", "Region created"),
            Map.entry("region.updated", "Region changed"),
            Map.entry("user.signed_in", "Signed in"),
            Map.entry("user.profile_changed", "Profile updated by the identity provider"),
            Map.entry("organisation.created", "Organisation created"),
            Map.entry("organisation.domain_added", "E-mail domain added to an organisation"),
            Map.entry("organisation.renamed", "Organisation renamed"),
            Map.entry("identity.token_created", "API token created"),
            Map.entry("identity.token_used", "API token used"),
            Map.entry("identity.token_revoked", "API token revoked"),
            Map.entry("identity.service_account_created", "Service account created"),
            Map.entry("identity.ci_issuer_trusted", "CI identity provider trusted"),
            Map.entry("identity.ci_issuer_removed", "CI identity provider no longer trusted"),
            Map.entry("identity.ci_rule_added", "CI identity rule added"),
            Map.entry("identity.ci_rule_removed", "CI identity rule removed"),
            Map.entry("invitation.sent", "Invitation sent"),
            Map.entry("invitation.accepted", "Invitation accepted"),
            Map.entry("invitation.revoked", "Invitation revoked"),
            Map.entry("sandbox.requested", "Sandbox requested"),
            Map.entry("sandbox.approved", "Sandbox approved"),
            Map.entry("sandbox.auto_approved", "Sandbox approved by policy"),
            Map.entry("sandbox.rejected", "Sandbox request rejected"),
            Map.entry("sandbox.provisioning", "Sandbox provisioning started"),
            Map.entry("sandbox.ready", "Sandbox ready"),
            Map.entry("sandbox.failed", "Sandbox failed"),
            Map.entry("sandbox.job_failed", "Sandbox job failed"),
            Map.entry("sandbox.retried", "Sandbox retried"),
            Map.entry("sandbox.extended", "Sandbox extended"),
            Map.entry("sandbox.extension_requested", "Sandbox extension requested"),
            Map.entry("sandbox.extension_approved", "Sandbox extension approved"),
            Map.entry("sandbox.extension_rejected", "Sandbox extension rejected"),
            Map.entry("sandbox.expiry_warning", "Sandbox expiry warning sent"),
            Map.entry("sandbox.expired", "Sandbox expired"),
            Map.entry("sandbox.teardown_requested", "Sandbox teardown requested"),
            Map.entry("sandbox.torn_down", "Sandbox torn down"),
            Map.entry("sandbox.secrets_revealed", "Sandbox secrets revealed"),
            Map.entry("sandbox.template_created", "Sandbox template created"),
            Map.entry("sandbox.template_updated", "Sandbox template changed"),
            Map.entry("sandbox.quota_set", "Sandbox quota set for an organisation"));

    private AuditLabels() {}

    /** "Sandbox secrets revealed" for {@code sandbox.secrets_revealed}; an unknown code in words. */
    public static String label(String action) {
        String label = LABELS.get(action);
        return label != null ? label : words(action);
    }

    /** The actions whose label contains {@code text}, ignoring case: what a search for it finds. */
    static List<String> labelled(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return LABELS.entrySet().stream()
                .filter(e -> e.getValue().toLowerCase(Locale.ROOT).contains(wanted))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** "sandbox.new_thing" reads "Sandbox new thing". */
    static String words(String code) {
        String spaced = code.replace('.', ' ').replace('_', ' ').strip();
        return spaced.isEmpty() ? code : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
