package dev.demoportal.notification;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A registered webhook endpoint as admins see it: never its secret. */
public record WebhookSummary(
        UUID id,
        String name,
        String url,
        Set<NotificationKind> kinds,
        Format format,
        boolean active,
        Instant createdAt) {

    public WebhookSummary {
        kinds = Set.copyOf(kinds);
    }

    /**
     * The URL without its path and query, for logs, the audit trail and pages: an incoming-webhook URL
     * (Teams, Slack) carries its credential in the path.
     */
    public String displayUrl() {
        return display(url);
    }

    static String display(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()) ? "/" : "/…";
        return uri.getScheme() + "://" + uri.getRawAuthority() + path;
    }

    /** The body a delivery carries. */
    public enum Format {
        /** {@code {"id", "type", "time", "data"}}, signed. */
        JSON("Signed JSON"),
        /** A Microsoft Teams incoming-webhook card (signed as well; Teams ignores the headers). */
        TEAMS("Microsoft Teams card");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A webhook just registered, with its secret: shown once, then only stored sealed. */
    public record Registered(WebhookSummary webhook, String secret) {

        @Override
        public String toString() {
            return "Registered[webhook=" + webhook + "]";
        }
    }
}
