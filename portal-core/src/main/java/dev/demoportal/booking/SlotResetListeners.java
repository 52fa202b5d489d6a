package dev.demoportal.booking;

import dev.demoportal.base.Message;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.Notice;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.notification.NotificationService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ties resets to the rest of booking: a release or a no-show asks for the slot's reset in the
 * same transaction (so the waitlist hand-off right after it already finds the slot resetting); a
 * failed reset tells the admins and the slot's next holder; a slot that becomes available again is
 * offered to the waitlist once that commits.
 */
@Component
class SlotResetListeners {

    private static final Logger log = LoggerFactory.getLogger(SlotResetListeners.class);

    private final SlotResetService resets;
    private final WaitlistService waitlist;
    private final NotificationService notifications;
    private final UserService users;
    private final EnvironmentService environments;
    private final BookingRepository bookings;
    private final Clock clock;

    SlotResetListeners(
            SlotResetService resets,
            WaitlistService waitlist,
            NotificationService notifications,
            UserService users,
            EnvironmentService environments,
            BookingRepository bookings,
            Clock clock) {
        this.resets = resets;
        this.waitlist = waitlist;
        this.notifications = notifications;
        this.users = users;
        this.environments = environments;
        this.bookings = bookings;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BookingEvents.BookingReleased released) {
        resets.requestAfter(released.booking().id());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BookingEvents.BookingMarkedNoShow noShow) {
        resets.requestAfter(noShow.booking().id());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SlotResetEvents.SlotResetFailed failed) {
        SlotResetSummary r = failed.reset();
        EnvironmentSummary environment = environments.environment(r.environmentId());
        List<UserAccount> told = new ArrayList<>(users.withAnyRole(Set.of(Role.ADMIN)));
        bookings.currentAndNextPerSlot(clock.instant()).stream()
                .filter(b -> b.environmentId().equals(r.environmentId()) && b.slotNo() == r.slot())
                .findFirst()
                .flatMap(b -> users.account(b.holderId()))
                .ifPresent(told::add);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Environment", environment.name());
        details.put("Slot", Integer.toString(r.slot()));
        details.put("Failed at", Message.of(r.finishedAt()).utc());
        details.put("Steps done", r.step() + " of " + r.steps());
        details.put("Error", String.valueOf(r.error()));
        notifications.notify(new Notice(
                NotificationKind.ENVIRONMENT_RESET_FAILED,
                told.stream()
                        .map(a -> new Notice.Recipient(a.id(), a.email(), a.displayName()))
                        .toList(),
                "Resetting " + environment.name() + " slot " + r.slot() + " failed: out of service",
                Message.of(
                        "Resetting ",
                        environment.name(),
                        " (slot ",
                        r.slot(),
                        ") failed at ",
                        r.finishedAt(),
                        "; the slot is out of service until an admin returns it."),
                "environments/" + environment.slug(),
                details,
                failed.details()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(SlotResetEvents.SlotResetChange change) {
        if (change instanceof SlotResetEvents.SlotResetFailed) {
            return;
        }
        try {
            SystemTask.run("waitlist", List.of("ADMIN"), () -> waitlist.offerFreedSlots(change.environmentId()));
        } catch (RuntimeException e) {
            log.warn("Waitlist hand-off for environment {} failed; the sweep will retry", change.environmentId(), e);
        }
    }
}
