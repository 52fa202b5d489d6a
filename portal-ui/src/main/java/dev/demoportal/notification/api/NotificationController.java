package dev.demoportal.notification.api;

import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.notification.NotificationChannel;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.notification.NotificationPreference;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.notification.OutboxEntry;
import dev.demoportal.notification.OutboxService;
import dev.demoportal.notification.WebhookService;
import dev.demoportal.notification.WebhookSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class NotificationController {

    /** One kind of event and the channels the caller receives it on. */
    record Preference(String kind, String label, List<String> channels) {
        static Preference of(NotificationPreference p) {
            return new Preference(
                    p.kind().key(),
                    p.kind().label(),
                    p.channels().stream().map(Enum::name).sorted().toList());
        }
    }

    /** The channels to receive one kind of event on (BELL, MAIL, SLACK); the others are turned off. */
    record PreferenceChange(@Nullable List<String> channels) {}

    /** A webhook endpoint to register. */
    record NewWebhook(
            @Nullable String name,
            @Nullable String url,
            @Nullable List<String> kinds,
            WebhookSummary.@Nullable Format format) {}

    /** A webhook endpoint, its URL without the path (an incoming webhook's credential). */
    record Webhook(
            UUID id, String name, String url, List<String> kinds, String format, boolean active, Instant createdAt) {
        static Webhook of(WebhookSummary w) {
            return new Webhook(
                    w.id(),
                    w.name(),
                    w.displayUrl(),
                    w.kinds().stream().map(NotificationKind::key).sorted().toList(),
                    w.format().name(),
                    w.active(),
                    w.createdAt());
        }
    }

    /** A webhook just registered: its signing secret, shown this once. */
    record RegisteredWebhook(Webhook webhook, String secret) {}

    /** One message of the delivery log, without its body. */
    record Delivery(
            UUID id,
            String channel,
            String kind,
            String recipient,
            String subject,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            @Nullable Instant sentAt,
            @Nullable String lastError) {
        static Delivery of(OutboxEntry e) {
            return new Delivery(
                    e.id(),
                    e.channel().name(),
                    e.kind(),
                    e.recipient(),
                    e.subject(),
                    e.status().name(),
                    e.attempts(),
                    e.createdAt(),
                    e.nextAttemptAt(),
                    e.sentAt(),
                    e.lastError());
        }
    }

    private final NotificationService notifications;
    private final WebhookService webhooks;
    private final OutboxService outbox;

    NotificationController(NotificationService notifications, WebhookService webhooks, OutboxService outbox) {
        this.notifications = notifications;
        this.webhooks = webhooks;
        this.outbox = outbox;
    }

    @ApiProblem
    @GetMapping("/me/notification-preferences")
    @Operation(summary = "What reaches the caller: for each kind of event, the channels (their choice or the default)")
    ResponseEntity<List<Preference>> preferences(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(
                notifications.myPreferences().stream().map(Preference::of).toList(), offset, limit);
    }

    @ApiProblem({"validation.failed", "notification.unknown_kind"})
    @PutMapping("/me/notification-preferences/{kind}")
    @Operation(summary = "Chooses the channels (BELL, MAIL, SLACK) one kind of event reaches the caller on")
    Preference choose(@PathVariable String kind, @RequestBody PreferenceChange change) {
        NotificationKind k = NotificationKind.byKey(kind)
                .orElseThrow(
                        () -> new NotFound("notification.unknown_kind", "There is no kind of event " + kind + "."));
        return Preference.of(notifications.choose(k, channels(change.channels())));
    }

    @ApiProblem
    @GetMapping("/webhooks")
    @Operation(summary = "Registered webhook endpoints (admins)")
    ResponseEntity<List<Webhook>> webhooks(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(webhooks.all().stream().map(Webhook::of).toList(), offset, limit);
    }

    @ApiProblem("validation.failed")
    @PostMapping("/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Registers a webhook endpoint (admins); the answer carries its signing secret, once")
    RegisteredWebhook register(@RequestBody NewWebhook body) {
        Set<NotificationKind> kinds = body.kinds() == null
                ? Set.of()
                : body.kinds().stream()
                        .map(k -> NotificationKind.byKey(k)
                                .orElseThrow(() -> ValidationFailed.of(
                                        "kinds",
                                        "Unknown kind of event " + k + "; known: "
                                                + Arrays.stream(NotificationKind.values())
                                                        .map(NotificationKind::key)
                                                        .collect(Collectors.joining(", ")))))
                        .collect(Collectors.toSet());
        WebhookSummary.Registered registered = webhooks.register(
                body.name() == null ? "" : body.name(), body.url() == null ? "" : body.url(), kinds, body.format());
        return new RegisteredWebhook(Webhook.of(registered.webhook()), registered.secret());
    }

    @ApiProblem("webhook.not_found")
    @DeleteMapping("/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deletes a webhook endpoint and its undelivered messages (admins)")
    void delete(@PathVariable UUID id) {
        webhooks.delete(id);
    }

    @ApiProblem("validation.failed")
    @GetMapping("/outbox")
    @Operation(summary = "The delivery log (admins): newest first, optionally of one status and channel; no bodies")
    ResponseEntity<List<Delivery>> deliveries(
            @RequestParam(required = false) OutboxEntry.@Nullable Status status,
            @RequestParam(required = false) OutboxEntry.@Nullable Channel channel,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        Pages.Paging paging = Pages.Paging.of(offset, limit);
        return Pages.page(
                outbox.log(status, channel, paging.offset(), paging.limit()).stream()
                        .map(Delivery::of)
                        .toList(),
                outbox.count(status, channel),
                paging);
    }

    private static Set<NotificationChannel> channels(@Nullable List<String> names) {
        if (names == null) {
            throw ValidationFailed.of("channels", "Give the channels to use, e.g. [\"BELL\", \"MAIL\"]; [] for none");
        }
        try {
            return names.stream().map(NotificationChannel::valueOf).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("channels", "Channels are BELL, MAIL and SLACK");
        }
    }
}
