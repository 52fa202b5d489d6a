package dev.demoportal.notification;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A message for the signed-in person; {@code link} is a portal route to open, if any. */
public record NotificationView(UUID id, String message, @Nullable String link, Instant createdAt, boolean read) {}
