package dev.demoportal.notification;

import dev.demoportal.base.Message;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something to tell people: what happened ({@code kind}), to whom (each person's preferences decide
 * the channels), in one sentence for the bell and
 * the mail's headline, a portal route to the thing ({@code sandboxes/<id>}), and the facts for the
 * mail's details and the webhook's {@code data} (never secrets: they are the audit trail's details).
 *
 * @param subject the mail's subject line
 * @param details labelled facts for the mail, in order ("Environment" → "EMEA Demo 1")
 * @param data JSON-friendly values for webhook receivers
 */
public record Notice(
        NotificationKind kind,
        List<Recipient> recipients,
        String subject,
        Message message,
        @Nullable String link,
        Map<String, String> details,
        Map<String, Object> data) {

    public Notice {
        recipients = List.copyOf(new LinkedHashSet<>(recipients));
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A person to tell: their address is given by the feature, which reads it from identity. */
    public record Recipient(UUID userId, @Nullable String email, String name) {}
}
