package dev.demoportal.notification;

import dev.demoportal.base.Message;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message for the signed-in person; {@code link} is a portal route to open, if any. The moments
 * the message names are instants, for the screen to show in the reader's time zone.
 */
public record NotificationSummary(
        UUID id, Message message, @Nullable String link, Instant createdAt, boolean read) {}
