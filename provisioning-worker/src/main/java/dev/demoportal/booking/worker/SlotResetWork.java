package dev.demoportal.booking.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.SlotResetJob;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.environment.ResetPlan;
import dev.demoportal.provisioning.ResetJobSpec;
import dev.demoportal.provisioning.SlotResetDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Carries out slot resets: asks for the resets of holdings that ended, then runs each pending
 * reset's steps in order through the {@link SlotResetDriver} and reports the outcome. The first
 * step that fails fails the reset (the slot goes out of service; a wipe that half ran is for an
 * admin to look at, not to retry blindly). Runs as the recurring task {@code slot-resets} every
 * {@link #POLL}; one pass at a time per process, each reset claimed by one worker.
 */
public class SlotResetWork {

    /** How often resets are looked for: the worst delay between a holding's end and its reset. */
    public static final Duration POLL = Duration.ofSeconds(5);

    /** db-scheduler task name; its instance is "recurring". */
    public static final String TASK = "slot-resets";

    private static final Logger log = LoggerFactory.getLogger(SlotResetWork.class);
    private static final int MAX_PER_PASS = 50;

    private final SlotResetService resets;
    private final ObjectProvider<SlotResetDriver> driver;
    private final ReentrantLock running = new ReentrantLock();

    public SlotResetWork(SlotResetService resets, ObjectProvider<SlotResetDriver> driver) {
        this.resets = resets;
        this.driver = driver;
    }

    public RecurringTask<Void> task() {
        return Tasks.recurring(TASK, FixedDelay.of(POLL)).execute((instance, context) -> run());
    }

    /** Asks for and runs every reset due; returns how many resets ended (succeeded or failed). */
    public int run() {
        SlotResetDriver steps = driver.getIfAvailable();
        if (steps == null || !running.tryLock()) {
            return 0;
        }
        try {
            return SystemTask.run("reset", List.of("ADMIN"), () -> pass(steps));
        } finally {
            running.unlock();
        }
    }

    private int pass(SlotResetDriver steps) {
        int asked = resets.reconcile();
        if (asked > 0) {
            log.debug("Asked for {} slot reset(s)", asked);
        }
        int ended = 0;
        for (int i = 0; i < MAX_PER_PASS; i++) {
            Optional<SlotResetJob> next = resets.claimNext();
            if (next.isEmpty()) {
                break;
            }
            runOne(steps, next.get());
            ended++;
        }
        return ended;
    }

    private void runOne(SlotResetDriver steps, SlotResetJob job) {
        List<ResetPlan.Step> plan = job.plan().steps();
        for (int index = job.fromStep(); index < plan.size(); index++) {
            ResetPlan.Step step = plan.get(index);
            try {
                if (job.namespace().isEmpty()) {
                    throw new IllegalStateException("the environment names no slot namespaces (access settings)");
                }
                steps.run(spec(job, index, step));
                resets.stepDone(job.resetId(), index);
            } catch (RuntimeException e) {
                String why = "step " + (index + 1) + " (" + step.name() + "): " + describe(e);
                log.warn("Reset of {} slot {} failed at {}", job.environmentSlug(), job.slot(), why);
                resets.failed(job.resetId(), why);
                return;
            }
        }
        resets.succeeded(job.resetId());
    }

    static ResetJobSpec spec(SlotResetJob job, int index, ResetPlan.Step step) {
        return new ResetJobSpec(
                job.regionCode(),
                job.awsRegion(),
                job.namespace(),
                job.jobName(index),
                step.image(),
                step.command(),
                step.serviceAccount(),
                step.timeout(),
                Map.of(
                        "demoportal.dev/reset", job.resetId().toString(),
                        "demoportal.dev/environment", job.environmentSlug(),
                        "demoportal.dev/slot", String.valueOf(job.slot())));
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
