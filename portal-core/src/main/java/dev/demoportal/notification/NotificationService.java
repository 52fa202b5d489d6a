package dev.demoportal.notification;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.Message;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Leaves messages for people and lets them read their own. */
@Service
@Transactional
public class NotificationService {

    private final NotificationRepository notifications;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
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

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<NotificationSummary> mine(int limit) {
        return notifications.findByUserIdOrderByCreatedAtDesc(me(), Limit.of(limit)).stream()
                .map(Notification::toView).toList();
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
