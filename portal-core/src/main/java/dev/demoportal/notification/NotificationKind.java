package dev.demoportal.notification;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind of event the portal tells people about, with who it is for and the channels it uses
 * unless the person chose otherwise. The key is stable: preferences, outbox rows and webhook
 * deliveries ({@code type}) name it.
 */
public enum NotificationKind {
    SANDBOX_AWAITING_APPROVAL(
            "sandbox.awaiting_approval", "A sandbox request waits for approval", "field engineers and managers", true),
    SANDBOX_EXTENSION_REQUESTED(
            "sandbox.extension_requested", "An extension waits for approval", "field engineers and managers", true),
    SANDBOX_APPROVED(
            "sandbox.approved", "A sandbox request was approved", "the requester and their organisation", true),
    SANDBOX_REJECTED(
            "sandbox.rejected", "A sandbox request was rejected", "the requester and their organisation", true),
    SANDBOX_READY("sandbox.ready", "A sandbox is ready", "the requester and their organisation", true),
    SANDBOX_FAILED("sandbox.failed", "A sandbox failed", "the requester and their organisation", true),
    SANDBOX_EXPIRING("sandbox.expiring", "A sandbox expires in 24 hours or 1 hour", "the requester", true),
    SANDBOX_EXTENSION_DECIDED(
            "sandbox.extension_decided", "An extension was approved or rejected", "the person who asked", true),
    WAITLIST_GRANTED("booking.waitlist_granted", "A waitlist place became a booking", "the person waiting", true),
    BOOKING_CHECK_IN_DUE("booking.check_in_due", "A booking needs checking in", "the holder", true),
    BOOKING_NO_SHOW_RELEASED("booking.no_show_released", "A booking was released as a no-show", "the holder", true),
    BOOKING_FORCE_RELEASED("booking.force_released", "A booking was force-released", "the holder", true),
    ENVIRONMENT_RESET_FAILED(
            "environment.reset_failed",
            "Resetting an environment between holders failed",
            "the next holder and admins",
            true);

    private final String key;
    private final String label;
    private final String audience;
    private final boolean mailByDefault;

    NotificationKind(String key, String label, String audience, boolean mailByDefault) {
        this.key = key;
        this.label = label;
        this.audience = audience;
        this.mailByDefault = mailByDefault;
    }

    /** Stable and dotted: {@code sandbox.ready}. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** Who receives it, in words for the preferences page. */
    public String audience() {
        return audience;
    }

    /**
     * The channels used for a person who chose nothing: the bell and mail for everything (each one
     * is about something of theirs or something waiting for them); Slack only once chosen.
     */
    public Set<NotificationChannel> defaults() {
        return mailByDefault
                ? EnumSet.of(NotificationChannel.BELL, NotificationChannel.MAIL)
                : EnumSet.of(NotificationChannel.BELL);
    }

    public static Optional<NotificationKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
