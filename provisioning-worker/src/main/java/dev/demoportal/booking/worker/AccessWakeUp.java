package dev.demoportal.booking.worker;

import dev.demoportal.provisioning.worker.WorkerChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the access leases the moment a booking changes: every booking change sends
 * {@code board_changed} as it commits (a claim, a release, an extension, a no-show), which the
 * worker hears on its one listening connection ({@link #channel()}, a {@link WorkerChannel}); the
 * pass runs here, off that thread. The recurring task stays the safety net and the clock (a
 * booking's start and end send nothing). Only acts in a process that runs the worker.
 */
public class AccessWakeUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessWakeUp.class);
    static final String CHANNEL = "board_changed";

    private final AccessLeaseWork work;
    private volatile @Nullable ExecutorService runner;
    private volatile boolean running;

    public AccessWakeUp(AccessLeaseWork work) {
        this.work = work;
    }

    /** The channel and what a notification on it does: one more pass, run on this object's thread. */
    public WorkerChannel channel() {
        return new WorkerChannel(CHANNEL, this::wake);
    }

    @Override
    public void start() {
        runner = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("access-lease-wake-up-run").factory());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ExecutorService r = runner;
        runner = null;
        if (r != null) {
            r.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void wake() {
        ExecutorService r = runner;
        if (!running || r == null || !work.active()) {
            return;
        }
        try {
            r.execute(this::runQuietly);
        } catch (RejectedExecutionException stopping) {
            // stopped meanwhile: the recurring task covers it
        }
    }

    private void runQuietly() {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Access leases after a booking change failed ({}); the recurring task retries", e.toString());
        }
    }
}
