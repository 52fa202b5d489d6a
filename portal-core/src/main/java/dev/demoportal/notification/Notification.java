package dev.demoportal.notification;

import dev.demoportal.base.Message;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

@Entity
@Table(name = "notification")
class Notification implements Persistable<UUID> {

    @Id
    private UUID id;

    private UUID userId;

    /** The {@link Message} as ISO text: its moments as ISO-8601 UTC instants, read back by {@link Message#parse}. */
    private String message;

    private @Nullable String link;

    private Instant createdAt;

    private @Nullable Instant readAt;

    /**
     * Whether the row exists: the id is made here, so without this {@code save} would merge (a
     * select before every insert) instead of persisting.
     */
    @Transient
    private boolean stored;

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

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    void stored() {
        stored = true;
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
