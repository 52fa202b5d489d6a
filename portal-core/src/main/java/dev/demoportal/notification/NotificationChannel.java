package dev.demoportal.notification;

/** Where a notification can reach a person. */
public enum NotificationChannel {
    /** The bell in the portal's header. */
    BELL("In the portal"),
    /** E-mail, through the outbox. */
    MAIL("E-mail"),
    /** A Slack direct message. Stored as a choice today; delivered once the Slack app exists (issue 16, item 3). */
    SLACK("Slack direct message");

    private final String label;

    NotificationChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
