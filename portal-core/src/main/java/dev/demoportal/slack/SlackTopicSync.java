package dev.demoportal.slack;

import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BoardEntry;
import dev.demoportal.booking.BoardService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.notification.OutboxService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the topics of linked Slack channels current. Any board change ({@link #changed}) wakes one
 * thread, which recomputes every linked topic from the board and sets those that differ from what
 * was last set. Topic changes are spaced at least {@code portal.slack.topic-spacing} apart
 * (conversations.setTopic is Tier 2, about 20 a minute); changes arriving meanwhile coalesce, since
 * the topic is computed when it is sent. A failed change is tried again after
 * {@code portal.slack.topic-retry}; every topic is also recomputed each {@code portal.slack.topic-refresh}
 * (bookings start and end on their own). Where the outbox holds messages (local mode), the topic is
 * written to the outbox instead of set.
 */
@Component
public class SlackTopicSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackTopicSync.class);
    static final int MAX_TOPIC = 250;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final SlackChannelRepository links;
    private final BoardService board;
    private final SlackWebApi api;
    private final OutboxService outbox;
    private final SlackProperties properties;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile long lastSetNanos = System.nanoTime() - 3_600_000_000_000L;

    SlackTopicSync(
            SlackChannelRepository links,
            BoardService board,
            SlackWebApi api,
            OutboxService outbox,
            SlackProperties properties,
            Clock clock) {
        this.links = links;
        this.board = board;
        this.api = api;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Something on the board changed (a booking, an environment): topics are looked at again now. */
    public void changed() {
        wake.release();
    }

    /** After the caller's transaction commits (a new link must be visible to the sync's thread). */
    void syncAllSoon() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            wake.release();
                        }
                    });
        } else {
            wake.release();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("slack-topic-sync").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        boolean retryDue = false;
        while (running) {
            try {
                long waitMillis = (retryDue ? properties.topicRetry() : properties.topicRefresh()).toMillis();
                wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
                waitForSpacing();
                wake.drainPermits(); // what arrived while waiting is covered by this round
                retryDue = syncOnce() > 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Slack topic sync: {}", e.toString());
                retryDue = true;
            }
        }
    }

    private void waitForSpacing() throws InterruptedException {
        long spacing = properties.topicSpacing().toNanos();
        long wait = lastSetNanos + spacing - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** One round: sets each topic that changed; answers how many failed. */
    int syncOnce() throws InterruptedException {
        List<SlackChannelLink> all = links.all();
        if (all.isEmpty() || !(api.configured() || outbox.holdsSlack())) {
            return 0;
        }
        List<BoardEntry> entries = SystemTask.run("slack-topic-sync", List.of("ADMIN"), board::board);
        int failed = 0;
        boolean first = true;
        for (SlackChannelLink link : all) {
            String topic = topic(link, entries);
            if (topic.equals(link.lastTopic())) {
                continue;
            }
            if (!first) {
                waitForSpacing();
            }
            first = false;
            try {
                if (outbox.holdsSlack()) {
                    outbox.keepSlack("slack.topic", "#" + link.channelId(), "Channel topic", topic);
                } else {
                    api.setTopic(link.channelId(), topic);
                }
                lastSetNanos = System.nanoTime();
                links.synced(link.id(), topic, clock.instant());
                log.info("Slack topic of {} ({}) set", link.channelId(), link.follows());
            } catch (SlackWebApi.Failed e) {
                lastSetNanos = System.nanoTime();
                links.failed(link.id(), e.getMessage());
                log.warn("Slack topic of {} ({}) not set: {}", link.channelId(), link.follows(), e.getMessage());
                if (e.retry) {
                    failed++;
                }
            }
        }
        return failed;
    }

    /** "EMEA Demo 1: alice until 14:00 · slot 2 free"; a region's environments joined by " | ". */
    static String topic(SlackChannelLink link, List<BoardEntry> entries) {
        List<String> parts = new ArrayList<>();
        for (BoardEntry entry : entries) {
            var e = entry.environment();
            if (link.environmentId() != null
                    ? e.id().equals(link.environmentId())
                    : Objects.equals(e.region().code(), link.regionCode())) {
                parts.add(line(entry));
            }
        }
        String topic = parts.isEmpty() ? "(no environment)" : String.join(" | ", parts);
        return topic.length() <= MAX_TOPIC ? topic : topic.substring(0, MAX_TOPIC - 1) + "…";
    }

    static String line(BoardEntry entry) {
        var e = entry.environment();
        if (e.status() == EnvironmentStatus.MAINTENANCE) {
            return e.name() + ": in maintenance";
        }
        ZoneId zone = ZoneId.of(e.region().timeZone());
        List<String> held = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (BoardEntry.Slot slot : entry.slots()) {
            if (slot.current() == null) {
                free.add(String.valueOf(slot.number()));
            } else {
                Instant end = slot.current().end();
                held.add(firstName(slot.current().holder().name()) + " until " + HOUR.format(end.atZone(zone)));
            }
        }
        List<String> parts = new ArrayList<>(held);
        if (!free.isEmpty()) {
            parts.add((free.size() == 1 ? "slot " : "slots ") + String.join(", ", free) + " free");
        }
        return e.name() + ": " + String.join(" · ", parts);
    }

    private static String firstName(String name) {
        String trimmed = name.strip();
        int space = trimmed.indexOf(' ');
        return space > 0 ? trimmed.substring(0, space).toLowerCase(java.util.Locale.ROOT) : trimmed;
    }
}
