package dev.demoportal.booking;

import dev.demoportal.base.Message;
import dev.demoportal.booking.BookingEvents.BoardChange;
import dev.demoportal.booking.BookingEvents.BookingMarkedNoShow;
import dev.demoportal.booking.BookingEvents.BookingReleased;
import dev.demoportal.booking.BookingEvents.SlotBooked;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.Notice;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.notification.NotificationService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns booking events into notifications for the holder, just before the change commits: a
 * waitlist place that became a booking, a booking released as a no-show, a booking someone else
 * force-released.
 */
@Component
class BookingNotifications {

    private final NotificationService notifications;
    private final UserService users;
    private final EnvironmentService environments;

    BookingNotifications(NotificationService notifications, UserService users, EnvironmentService environments) {
        this.notifications = notifications;
        this.users = users;
        this.environments = environments;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SlotBooked event) {
        if (event.waitlistEntry() == null) {
            return;
        }
        BookingSummary b = event.booking();
        send(
                event,
                NotificationKind.WAITLIST_GRANTED,
                "You now hold " + b.environmentName() + " (from the waitlist)",
                Message.of(
                        "A slot freed up: you now hold ",
                        b.environmentName(),
                        " (slot ",
                        b.slot(),
                        ") from ",
                        b.start(),
                        " to ",
                        b.end(),
                        ", from the waitlist."));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BookingMarkedNoShow event) {
        BookingSummary b = event.booking();
        int grace = environments.environment(b.environmentId()).rules().checkInGraceMinutes();
        send(
                event,
                NotificationKind.BOOKING_NO_SHOW_RELEASED,
                "Your booking of " + b.environmentName() + " was released (no check-in)",
                Message.plain("Your booking of " + b.environmentName() + " (slot " + b.slot() + ") was released: you "
                        + "did not check in within " + grace + " minutes of its start."));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BookingReleased event) {
        BookingSummary b = event.booking();
        if (!event.forced() || Objects.equals(event.actor().userId(), b.holder().id())) {
            return;
        }
        send(
                event,
                NotificationKind.BOOKING_FORCE_RELEASED,
                event.actor().name() + " released your booking of " + b.environmentName(),
                Message.plain(event.actor().name() + " released your booking of " + b.environmentName() + " (slot "
                        + b.slot() + ")" + (event.reason() == null ? "." : ": " + event.reason())));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(CheckInDue due) {
        List<UserAccount> holder =
                List.copyOf(users.accounts(List.of(due.holderId())).values());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Environment", due.environmentName());
        details.put("Slot", Integer.toString(due.slot()));
        details.put("From", Message.of(due.start()).utc());
        details.put("Check in by", Message.of(due.releasedAt()).utc());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("booking", due.bookingId().toString());
        data.put("environment", due.environmentSlug());
        data.put("slot", due.slot());
        data.put("start", due.start().toString());
        data.put("end", due.end().toString());
        data.put("releasedAt", due.releasedAt().toString());
        notifications.notify(new Notice(
                NotificationKind.BOOKING_CHECK_IN_DUE,
                holder.stream()
                        .map(a -> new Notice.Recipient(a.id(), a.email(), a.displayName()))
                        .toList(),
                "Check in to " + due.environmentName() + " (slot " + due.slot() + ")",
                Message.of(
                        "Your booking of ",
                        due.environmentName(),
                        " (slot ",
                        due.slot(),
                        ") has started: check in " + "by ",
                        due.releasedAt(),
                        " or it is released for others."),
                "my-bookings",
                details,
                data));
    }

    private void send(BoardChange event, NotificationKind kind, String subject, Message message) {
        BookingSummary b = event.booking();
        List<UserAccount> holder =
                List.copyOf(users.accounts(List.of(b.holder().id())).values());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Environment", b.environmentName());
        details.put("Slot", Integer.toString(b.slot()));
        details.put("From", Message.of(b.start()).utc());
        details.put("Until", Message.of(b.end()).utc());
        if (!b.purpose().isBlank()) {
            details.put("Purpose", b.purpose());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("booking", b.id().toString());
        data.put("action", event.action());
        data.put("actor", event.actor().name());
        data.putAll(event.details());
        notifications.notify(new Notice(
                kind,
                holder.stream()
                        .map(a -> new Notice.Recipient(a.id(), a.email(), a.displayName()))
                        .toList(),
                subject,
                message,
                "my-bookings",
                details,
                data));
    }
}
