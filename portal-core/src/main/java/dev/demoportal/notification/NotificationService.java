package dev.demoportal.notification;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.Message;
import dev.demoportal.notification.OutboxEntry.Channel;
import dev.demoportal.notification.PreferenceRepository.Choice;
import dev.demoportal.notification.WebhookSummary.Format;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells people what happened, on the channels each of them chose: the bell, mail (through the
 * outbox) and, for admins' integrations, signed webhooks. Features call {@link #notify} from
 * listeners of their own events, inside the transaction of the change.
 */
@Service
@Transactional
public class NotificationService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotificationRepository notifications;
    private final PreferenceRepository preferences;
    private final WebhookRepository webhooks;
    private final Mailer mailer;
    private final Outbox outbox;
    private final Clock clock;

    NotificationService(
            NotificationRepository notifications,
            PreferenceRepository preferences,
            WebhookRepository webhooks,
            Mailer mailer,
            Outbox outbox,
            Clock clock) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.mailer = mailer;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Called by features inside the transaction that caused the message, so both commit together. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void tell(UUID userId, String message, @Nullable String link) {
        tell(userId, Message.plain(message), link);
    }

    /**
     * As {@link #tell(UUID, String, String)}, for a message that names moments: they are kept as
     * instants, and the bell shows them in the reader's time zone.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void tell(UUID userId, Message message, @Nullable String link) {
        notifications.save(new Notification(userId, message, link, clock.instant()));
    }

    /**
     * Tells each recipient on the channels they chose for the notice's kind (the bell, mail), and
     * queues a signed delivery for every active webhook endpoint subscribed to it. Everything is
     * written in the caller's transaction: if it rolls back, nobody hears of it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notify(Notice notice) {
        Instant now = clock.instant();
        Map<UUID, List<Choice>> chosen = preferences.of(
                notice.recipients().stream().map(Notice.Recipient::userId).toList(),
                notice.kind().key());
        for (Notice.Recipient recipient : notice.recipients()) {
            Set<NotificationChannel> channels =
                    channels(notice.kind(), chosen.getOrDefault(recipient.userId(), List.of()));
            if (channels.contains(NotificationChannel.BELL)) {
                notifications.save(new Notification(recipient.userId(), notice.message(), notice.link(), now));
            }
            if (channels.contains(NotificationChannel.MAIL) && recipient.email() != null) {
                mailer.queue(
                        notice.kind().key(),
                        recipient.email(),
                        notice.subject(),
                        "notice",
                        mailModel(notice, recipient),
                        false);
            }
            if (channels.contains(NotificationChannel.SLACK) && recipient.email() != null) {
                // a direct message to the Slack user with the same e-mail address (SlackSender)
                outbox.add(
                        Channel.SLACK,
                        notice.kind().key(),
                        recipient.email(),
                        null,
                        notice.subject(),
                        slackText(notice),
                        null,
                        SlackBlocks.json(SlackBlocks.of(notice, mailer::link)),
                        false);
            }
        }
        List<WebhookSummary> subscribed = webhooks.subscribedTo(notice.kind());
        if (!subscribed.isEmpty()) {
            UUID eventId = UUID.randomUUID();
            for (WebhookSummary webhook : subscribed) {
                String body = webhook.format() == Format.TEAMS ? teamsCard(notice) : event(eventId, notice, now);
                outbox.add(
                        Channel.WEBHOOK,
                        notice.kind().key(),
                        webhook.displayUrl(),
                        webhook.id(),
                        notice.subject(),
                        body,
                        null,
                        false);
            }
        }
    }

    /**
     * The direct message's plain text (Slack's notification and the fallback where blocks cannot be
     * shown): the headline (times in UTC, as in webhook bodies) and the portal link.
     */
    private String slackText(Notice notice) {
        String text = "*" + notice.subject() + "*\n" + notice.message().utc();
        return notice.link() == null ? text : text + "\n<" + mailer.link(notice.link()) + "|Open it in the portal>";
    }

    private Map<String, Object> mailModel(Notice notice, Notice.Recipient recipient) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", recipient.name());
        model.put("headline", notice.message().utc());
        model.put("details", notice.details());
        model.put("link", notice.link() == null ? null : mailer.link(notice.link()));
        model.put("action", "Open it in the portal");
        model.put("audience", notice.kind().audience());
        model.put("preferences", mailer.link("account"));
        return model;
    }

    /** The signed JSON body: {@code id} (the same for every endpoint), {@code type}, {@code time}, {@code data}. */
    private String event(UUID eventId, Notice notice, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>(notice.data());
        data.put("summary", notice.message().utc());
        if (notice.link() != null) {
            data.put("url", mailer.link(notice.link()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", notice.kind().key());
        body.put("time", now.toString());
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    /** A Microsoft Teams incoming-webhook message card. */
    private String teamsCard(Notice notice) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("@type", "MessageCard");
        card.put("@context", "https://schema.org/extensions");
        card.put("summary", notice.subject());
        card.put("themeColor", "1676F3");
        card.put("title", notice.subject());
        card.put("text", notice.message().utc());
        List<Map<String, Object>> facts = new ArrayList<>();
        notice.details().forEach((name, value) -> facts.add(Map.of("name", name, "value", value)));
        if (!facts.isEmpty()) {
            card.put("sections", List.of(Map.of("facts", facts)));
        }
        if (notice.link() != null) {
            card.put(
                    "potentialAction",
                    List.of(Map.of(
                            "@type",
                            "OpenUri",
                            "name",
                            "Open in Demo Portal",
                            "targets",
                            List.of(Map.of("os", "default", "uri", mailer.link(notice.link()))))));
        }
        return JSON.writeValueAsString(card);
    }

    private static Set<NotificationChannel> channels(NotificationKind kind, List<Choice> choices) {
        Set<NotificationChannel> channels = EnumSet.noneOf(NotificationChannel.class);
        channels.addAll(kind.defaults());
        for (Choice choice : choices) {
            if (choice.enabled()) {
                channels.add(choice.channel());
            } else {
                channels.remove(choice.channel());
            }
        }
        return channels;
    }

    /** What the signed-in person receives, kind by kind: their choices over the defaults. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<NotificationPreference> myPreferences() {
        List<Choice> choices = preferences.of(me());
        return Arrays.stream(NotificationKind.values())
                .map(kind -> new NotificationPreference(
                        kind,
                        channels(
                                kind,
                                choices.stream()
                                        .filter(c -> c.kind().equals(kind.key()))
                                        .toList())))
                .toList();
    }

    /** The signed-in person turns one channel of one kind on or off. */
    @PreAuthorize("isAuthenticated()")
    public NotificationPreference choose(NotificationKind kind, NotificationChannel channel, boolean enabled) {
        preferences.set(me(), kind.key(), channel, enabled);
        return myPreferences().stream()
                .filter(p -> p.kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    /** The signed-in person sets the channels of one kind at once: those given on, the others off. */
    @PreAuthorize("isAuthenticated()")
    public NotificationPreference choose(NotificationKind kind, Set<NotificationChannel> on) {
        UUID me = me();
        for (NotificationChannel channel : NotificationChannel.values()) {
            preferences.set(me, kind.key(), channel, on.contains(channel));
        }
        return myPreferences().stream()
                .filter(p -> p.kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<NotificationSummary> mine(int limit) {
        return notifications.findByUserIdOrderByCreatedAtDesc(me(), Limit.of(limit)).stream()
                .map(Notification::toView)
                .toList();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public long unread() {
        return notifications.countByUserIdAndReadAtIsNull(me());
    }

    @PreAuthorize("isAuthenticated()")
    public void markAllRead() {
        notifications.findByUserIdAndReadAtIsNull(me()).forEach(n -> n.read(clock.instant()));
    }

    private static UUID me() {
        return CurrentActor.userId().orElseThrow(() -> new AccessDeniedException("Notifications are for people"));
    }
}
