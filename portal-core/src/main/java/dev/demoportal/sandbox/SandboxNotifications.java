package dev.demoportal.sandbox;

import dev.demoportal.base.Message;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.Notice;
import dev.demoportal.notification.Notice.Recipient;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.sandbox.SandboxEvents.SandboxApproved;
import dev.demoportal.sandbox.SandboxEvents.SandboxChange;
import dev.demoportal.sandbox.SandboxEvents.SandboxExpiryWarned;
import dev.demoportal.sandbox.SandboxEvents.SandboxExtensionDecided;
import dev.demoportal.sandbox.SandboxEvents.SandboxExtensionRequested;
import dev.demoportal.sandbox.SandboxEvents.SandboxFailed;
import dev.demoportal.sandbox.SandboxEvents.SandboxReady;
import dev.demoportal.sandbox.SandboxEvents.SandboxRejected;
import dev.demoportal.sandbox.SandboxEvents.SandboxRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns the sandbox feature's events into notifications for the right people, just before the
 * change commits (so they commit with it, and a rolled-back change tells nobody): approvers hear of
 * requests waiting for them; the requester and their organisation of decisions, readiness and
 * failures; the requester of expiry and of their extension's decision.
 */
@Component
class SandboxNotifications {

    private static final Set<Role> APPROVERS = Set.of(Role.FIELD_ENGINEER, Role.MANAGER);

    private final NotificationService notifications;
    private final UserService users;
    private final SandboxRepository sandboxes;
    private final ExtensionRequestRepository extensions;
    private final SandboxProperties properties;
    private final java.time.Clock clock;

    SandboxNotifications(
            NotificationService notifications,
            UserService users,
            SandboxRepository sandboxes,
            ExtensionRequestRepository extensions,
            SandboxProperties properties,
            java.time.Clock clock) {
        this.notifications = notifications;
        this.users = users;
        this.sandboxes = sandboxes;
        this.extensions = extensions;
        this.properties = properties;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxRequested event) {
        SandboxSummary s = event.sandbox();
        // approval by policy happens in the same transaction: only a request still waiting is news
        boolean waiting = sandboxes
                .findById(s.id())
                .map(x -> x.status() == SandboxStatus.REQUESTED)
                .orElse(false);
        if (!waiting) {
            return;
        }
        List<UserAccount> approvers = users.withAnyRole(APPROVERS).stream()
                .filter(a -> !a.id().equals(s.requestedBy().id()))
                .toList();
        send(
                event,
                NotificationKind.SANDBOX_AWAITING_APPROVAL,
                approvers,
                "Sandbox request " + s.name() + " waits for approval",
                Message.of(
                        s.requestedBy().name(),
                        " (",
                        s.organisation().name(),
                        ") requests sandbox ",
                        s.name(),
                        " (",
                        s.templateName(),
                        ", ",
                        s.region(),
                        ", ",
                        s.lifetimeHours(),
                        " hours)."),
                "approvals",
                Map.of("Use case", s.useCase()));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxApproved event) {
        SandboxSummary s = event.sandbox();
        send(
                event,
                NotificationKind.SANDBOX_APPROVED,
                requesterAndOrganisation(s),
                "Sandbox " + s.name() + " approved",
                Message.plain("Your sandbox request " + s.name() + " was approved"
                        + (event.byPolicy() ? " (within the template's limits)" : "") + "; provisioning starts now."),
                link(s),
                note(event.note()));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxRejected event) {
        SandboxSummary s = event.sandbox();
        send(
                event,
                NotificationKind.SANDBOX_REJECTED,
                requesterAndOrganisation(s),
                "Sandbox " + s.name() + " rejected",
                Message.plain("Your sandbox request " + s.name() + " was rejected"
                        + (event.note() == null ? "." : ": " + event.note())),
                link(s),
                note(event.note()));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxReady event) {
        SandboxSummary s = event.sandbox();
        Map<String, String> details = new LinkedHashMap<>();
        if (s.accessUrl() != null) {
            details.put("Address", s.accessUrl());
        }
        send(
                event,
                NotificationKind.SANDBOX_READY,
                requesterAndOrganisation(s),
                "Sandbox " + s.name() + " is ready",
                Message.of("Your sandbox ", s.name(), " is ready until ", s.expiresAt(), "."),
                link(s),
                details);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxFailed event) {
        SandboxSummary s = event.sandbox();
        boolean teardown = event.kind() == dev.demoportal.provisioning.JobKind.TEARDOWN;
        send(
                event,
                NotificationKind.SANDBOX_FAILED,
                requesterAndOrganisation(s),
                "Sandbox " + s.name() + " failed",
                Message.plain("Your sandbox " + s.name() + " failed while "
                        + (teardown ? "being torn down" : "being provisioned")
                        + ". A field engineer can retry it; you can tear it down yourself. Unless it is retried, it is "
                        + "torn down in " + SandboxService.human(properties.failedCleanupAfter())
                        + " and then no longer counts against your quota."),
                link(s),
                Map.of("Failed at", event.layer() + " / " + event.step()));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxExtensionRequested event) {
        SandboxSummary s = event.sandbox();
        List<UserAccount> approvers = users.withAnyRole(APPROVERS).stream()
                .filter(a -> event.actor().userId() == null
                        || !a.id().equals(event.actor().userId()))
                .toList();
        send(
                event,
                NotificationKind.SANDBOX_EXTENSION_REQUESTED,
                approvers,
                "Extension of " + s.name() + " waits for approval",
                Message.plain(event.actor().name() + " asks to extend sandbox " + s.name() + " ("
                        + s.organisation().name() + ") by " + event.hours() + " hours."),
                "approvals",
                Map.of("Reason", event.reason()));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxExtensionDecided event) {
        SandboxSummary s = event.sandbox();
        UUID asker = extensions
                .find(event.request())
                .map(ExtensionRequestRepository.Row::requestedBy)
                .orElse(s.requestedBy().id());
        send(
                event,
                NotificationKind.SANDBOX_EXTENSION_DECIDED,
                accounts(List.of(asker)),
                "Extension of " + s.name() + (event.approved() ? " approved" : " rejected"),
                Message.plain("Your request to extend " + s.name() + " by " + event.hours() + " hours was "
                        + (event.approved() ? "approved" : "rejected")
                        + (event.note() == null ? "." : ": " + event.note())),
                link(s),
                note(event.note()));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxExpiryWarned event) {
        SandboxSummary s = event.sandbox();
        Instant expiry = s.expiresAt();
        if (expiry == null) {
            return;
        }
        String left = SandboxService.human(Duration.between(clock.instant(), expiry));
        send(
                event,
                NotificationKind.SANDBOX_EXPIRING,
                accounts(List.of(s.requestedBy().id())),
                "Your sandbox " + s.name() + " expires in " + left,
                Message.of(
                        "Your sandbox ",
                        s.name(),
                        " expires in ",
                        left,
                        " (at ",
                        expiry,
                        ").",
                        s.extendableHours() > 0
                                ? " You can extend it by up to " + s.extendableHours() + " hours."
                                : ""),
                link(s),
                Map.of());
    }

    private void send(
            SandboxChange event,
            NotificationKind kind,
            Collection<UserAccount> to,
            String subject,
            Message message,
            String link,
            Map<String, String> extra) {
        SandboxSummary s = event.sandbox();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Sandbox", s.name());
        details.put("Organisation", s.organisation().name());
        details.put("Template", s.templateName());
        details.put("Region", s.region());
        if (s.expiresAt() != null) {
            details.put("Expires", Message.of(s.expiresAt()).utc());
        }
        details.putAll(extra);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sandbox", s.id().toString());
        data.put("action", event.action());
        data.put("actor", event.actor().name());
        data.putAll(event.details());
        List<Recipient> recipients = new ArrayList<>();
        to.forEach(a -> recipients.add(new Recipient(a.id(), a.email(), a.displayName())));
        notifications.notify(new Notice(kind, recipients, subject, message, link, details, data));
    }

    private List<UserAccount> requesterAndOrganisation(SandboxSummary s) {
        return users.accountsAndMembers(
                List.of(s.requestedBy().id()), s.organisation().id());
    }

    private List<UserAccount> accounts(Collection<UUID> ids) {
        return List.copyOf(users.accounts(ids).values());
    }

    private static String link(SandboxSummary s) {
        return "sandboxes/" + s.id();
    }

    private static Map<String, String> note(@Nullable String note) {
        return note == null ? Map.of() : Map.of("Note", note);
    }
}
