package dev.demoportal.booking;

import dev.demoportal.base.SystemTask;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When a slot frees (release, force-release, cancellation, no-show), offers it to the waitlist
 * right after that change commits. A failure here never undoes the release; the every-minute sweep
 * tries again.
 */
@Component
class WaitlistTrigger {

    private static final Logger log = LoggerFactory.getLogger(WaitlistTrigger.class);

    private final WaitlistService waitlist;

    WaitlistTrigger(WaitlistService waitlist) {
        this.waitlist = waitlist;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(BookingEvents.BoardChange change) {
        if (change instanceof BookingEvents.SlotBooked
                || change instanceof BookingEvents.BookingExtended
                || change instanceof BookingEvents.BookingCheckedIn) {
            return;
        }
        try {
            SystemTask.run("waitlist", List.of("ADMIN"), () -> waitlist.offerFreedSlots(change.environmentId()));
        } catch (RuntimeException e) {
            log.warn("Waitlist hand-off for environment {} failed; the sweep will retry", change.environmentId(), e);
        }
    }
}
