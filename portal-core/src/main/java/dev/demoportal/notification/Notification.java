package dev.demoportal.notification;

import dev.demoportal.base.Message;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "notification")
class Notification {

    @Id
    private UUID id;

    private UUID userId;

    /** The {@link Message} as ISO text: its moments as ISO-8601 UTC instants, read back by {@link Message#parse}. */
    private String message;

    private @Nullable String link;

    private Instant createdAt;

    private @Nullable Instant readAt;

    protected Notification() {
        this(new UUID(0, 0), Message.plain(""), null, Instant.EPOCH);
    }

    Notification(UUID userId, Message message, @Nullable String link, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.message = message.iso();
        this.link = link;
        this.createdAt = now;
    }

    void read(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    NotificationSummary toView() {
        return new NotificationSummary(id, Message.parse(message), link, createdAt, readAt != null);
    }
}
