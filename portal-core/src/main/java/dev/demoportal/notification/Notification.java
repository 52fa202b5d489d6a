package dev.demoportal.notification;

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

    private String message;

    private @Nullable String link;

    private Instant createdAt;

    private @Nullable Instant readAt;

    protected Notification() {
        this(new UUID(0, 0), "", null, Instant.EPOCH);
    }

    Notification(UUID userId, String message, @Nullable String link, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.message = message;
        this.link = link;
        this.createdAt = now;
    }

    void read(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    NotificationView toView() {
        return new NotificationView(id, message, link, createdAt, readAt != null);
    }
}
