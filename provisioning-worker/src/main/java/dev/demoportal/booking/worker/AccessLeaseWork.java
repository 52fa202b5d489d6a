package dev.demoportal.booking.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.AccessWork;
import dev.demoportal.environment.AccessSettings.SubjectKind;
import dev.demoportal.provisioning.AccessBinding;
import dev.demoportal.provisioning.AccessBindingDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Carries out access leases: reconciles them with the holdings, then makes and removes bindings
 * through the {@link AccessBindingDriver} until nothing is due, revokes first. It runs as the
 * recurring task {@code access-leases} every {@link #POLL} (so a worker that was down revokes what
 * fell due as soon as it is back), and at once when a booking changes ({@link AccessWakeUp}).
 * One pass at a time per process; across workers each lease is claimed by one.
 */
public class AccessLeaseWork {

    /** How often the leases are looked at without a wake-up: the worst delay of a grant or revoke. */
    public static final java.time.Duration POLL = java.time.Duration.ofSeconds(5);

    /** db-scheduler task name; its instance is "recurring". */
    public static final String TASK = "access-leases";

    private static final Logger log = LoggerFactory.getLogger(AccessLeaseWork.class);

    /** Enough for any burst; the next pass takes the rest. */
    private static final int MAX_PER_PASS = 500;

    private final AccessLeaseService leases;
    private final ObjectProvider<AccessBindingDriver> driver;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();

    public AccessLeaseWork(AccessLeaseService leases, ObjectProvider<AccessBindingDriver> driver) {
        this.leases = leases;
        this.driver = driver;
    }

    /** The recurring task that runs {@link #run()}. */
    public RecurringTask<Void> task() {
        return Tasks.recurring(TASK, FixedDelay.of(POLL)).execute((instance, context) -> run());
    }

    /** Whether this process carries out leases (it has a driver: it runs the worker). */
    public boolean active() {
        return driver.getIfAvailable() != null;
    }

    /**
     * Reconciles and carries out everything due; returns how many grants and revokes succeeded.
     * A call while a pass runs makes that pass go round once more instead of waiting.
     */
    public int run() {
        AccessBindingDriver bindings = driver.getIfAvailable();
        if (bindings == null) {
            return 0;
        }
        again.set(true);
        if (!running.tryLock()) {
            return 0;
        }
        try {
            int done = 0;
            while (again.getAndSet(false)) {
                done += SystemTask.run("access", List.of("ADMIN"), () -> pass(bindings));
            }
            return done;
        } finally {
            running.unlock();
        }
    }

    private int pass(AccessBindingDriver bindings) {
        int opened = leases.reconcile();
        if (opened > 0) {
            log.debug("Opened {} access lease(s)", opened);
        }
        int done = 0;
        for (int i = 0; i < MAX_PER_PASS; i++) {
            Optional<AccessWork> next = leases.claimNext();
            if (next.isEmpty()) {
                break;
            }
            AccessWork work = next.get();
            try {
                if (work.action() == AccessWork.Action.GRANT) {
                    bindings.grant(binding(work));
                } else {
                    bindings.revoke(binding(work));
                }
                leases.done(work);
                done++;
            } catch (RuntimeException e) {
                log.warn(
                        "Access {} for booking {} in {} failed ({}); it will be retried",
                        work.action(),
                        work.bookingId(),
                        work.namespace(),
                        e.toString());
                leases.failed(work, describe(e));
            }
        }
        return done;
    }

    static AccessBinding binding(AccessWork work) {
        return new AccessBinding(
                work.regionCode(),
                work.awsRegion(),
                work.namespace(),
                work.bindingName(),
                work.subjectKind() == SubjectKind.GROUP,
                work.subject(),
                work.clusterRole(),
                Map.of(
                        "demoportal.dev/booking", work.bookingId().toString(),
                        "demoportal.dev/environment", work.environmentSlug(),
                        "demoportal.dev/slot", String.valueOf(work.slot())));
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
