package dev.demoportal.notification;

import java.util.Set;

/** One kind of notification and the channels a person receives it on (their choice, or the default). */
public record NotificationPreference(NotificationKind kind, Set<NotificationChannel> channels) {

    public NotificationPreference {
        channels = Set.copyOf(channels);
    }

    public boolean on(NotificationChannel channel) {
        return channels.contains(channel);
    }
}
