package dev.demoportal.notification;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.SecretSealer;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.notification.NotificationEvents.WebhookChanged;
import dev.demoportal.notification.NotificationEvents.WebhookRegistered;
import dev.demoportal.notification.WebhookSummary.Format;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admins register webhook endpoints: a URL, the kinds of event it receives and its format. Each
 * gets a random signing secret, shown once and stored sealed with the portal's keyset.
 */
@Service
@Transactional
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final SecretSealer sealer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, SecretSealer sealer, ApplicationEventPublisher events, Clock clock) {
        this.webhooks = webhooks;
        this.sealer = sealer;
        this.events = events;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public WebhookSummary.Registered register(
            String name, String url, Set<NotificationKind> kinds, @Nullable Format format) {
        InputRules.requireText("name", name);
        InputRules.requireText("url", url);
        if (name == null || name.isBlank() || name.strip().length() > 120) {
            throw ValidationFailed.of("name", "Give the endpoint a name of at most 120 characters");
        }
        String address = url(url);
        if (kinds == null || kinds.isEmpty()) {
            throw ValidationFailed.of("kinds", "Choose at least one kind of event");
        }
        WebhookSummary webhook = new WebhookSummary(
                UUID.randomUUID(),
                name.strip(),
                address,
                kinds,
                format == null ? Format.JSON : format,
                true,
                clock.instant());
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        webhooks.insert(
                webhook,
                sealer.seal(associated(webhook.id()), secret),
                CurrentActor.userId().orElse(null));
        events.publishEvent(new WebhookRegistered(CurrentActor.actor(), webhook));
        return new WebhookSummary.Registered(webhook, secret);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<WebhookSummary> all() {
        return webhooks.all();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public WebhookSummary setActive(UUID id, boolean active) {
        WebhookSummary webhook = find(id);
        webhooks.setActive(id, active);
        events.publishEvent(new WebhookChanged(CurrentActor.actor(), webhook, active ? "activated" : "paused"));
        return find(id);
    }

    /** Removes the endpoint and its messages still in the outbox. */
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(UUID id) {
        WebhookSummary webhook = find(id);
        webhooks.delete(id);
        events.publishEvent(new WebhookChanged(CurrentActor.actor(), webhook, "deleted"));
    }

    /** The endpoint's signing secret, for the worker's delivery. */
    String secret(UUID id) {
        byte[] sealed = webhooks.secret(id).orElseThrow(() -> notFound(id));
        return sealer.open(associated(id), sealed);
    }

    /** The endpoint's URL, for the worker's delivery. */
    String url(UUID id) {
        return find(id).url();
    }

    private WebhookSummary find(UUID id) {
        return webhooks.find(id).orElseThrow(() -> notFound(id));
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("webhook.not_found", "There is no webhook endpoint " + id + ".");
    }

    static String associated(UUID id) {
        return "webhook_endpoint:" + id;
    }

    private static String url(@Nullable String url) {
        String value = url == null ? "" : url.strip();
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getUserInfo() != null
                    || value.length() > 2000) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw ValidationFailed.of(
                    "url",
                    "Give an http(s) address without user name or password, such as "
                            + "https://hooks.example.com/demo-portal");
        }
    }
}
