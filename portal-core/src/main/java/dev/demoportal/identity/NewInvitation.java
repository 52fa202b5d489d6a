package dev.demoportal.identity;

import dev.demoportal.notification.Mailer;

/**
 * An invitation just made, for the person who made it: its one-time link (shown to them once, so
 * they can pass it on however they like; only its hash is stored) and what became of the mail.
 */
public record NewInvitation(InvitationSummary invitation, String link, Mailer.Delivery mail) {

    @Override
    public String toString() {
        // the link is a secret: keep it out of logs and exception messages that print this record
        return "NewInvitation[invitation=" + invitation + ", mail=" + mail + "]";
    }
}
