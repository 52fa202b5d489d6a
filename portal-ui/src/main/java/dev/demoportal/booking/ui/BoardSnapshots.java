package dev.demoportal.booking.ui;

import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.AccessSummary;
import dev.demoportal.booking.BoardEntry;
import dev.demoportal.booking.BoardService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentSummary;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.MaintenanceWindowSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What every open board shows, read once per change for all of them: the board, the current
 * deployments, the access leases and the maintenance windows ahead. A change heard on the board's
 * channel (or its one-minute tick) makes the next board that looks read it again; the boards that
 * look after it, for the same change, get the same snapshot. Before, each open board read all of
 * it for itself after every change, so one booking cost as many reads as there were open boards
 * (issue 19: p95 30 s at 500 boards). What a board draws from it for its viewer (their zone, their
 * rights) stays the board's.
 */
@Component
class BoardSnapshots {

    /** How far ahead a card shows maintenance. */
    static final Duration MAINTENANCE_AHEAD = Duration.ofDays(7);

    /** A snapshot older than this is read again even with no change heard (a missed notification). */
    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    /** The board's data at {@code at}. */
    record Snapshot(
            Instant at,
            List<BoardEntry> board,
            Map<UUID, Map<Integer, DeploymentSummary>> deployed,
            Map<UUID, AccessSummary> leases,
            Map<UUID, List<MaintenanceWindowSummary>> maintenance) {}

    private final BoardService boardService;
    private final DeploymentService deployments;
    private final AccessLeaseService access;
    private final EnvironmentService environments;
    private final Clock clock;
    /** Bumped by every change heard; a snapshot is current while it carries the latest value. */
    private final AtomicLong changes = new AtomicLong();

    private @Nullable Snapshot latest;
    private long latestChanges = -1;

    BoardSnapshots(
            BoardService boardService,
            DeploymentService deployments,
            AccessLeaseService access,
            EnvironmentService environments,
            BoardListener listener,
            Clock clock) {
        this.boardService = boardService;
        this.deployments = deployments;
        this.access = access;
        this.environments = environments;
        this.clock = clock;
        listener.subscribe(id -> changes.incrementAndGet());
    }

    /**
     * The latest snapshot, read again when a change was heard since it was read (or it is old); a
     * board redrawing for a change calls this. Read with the caller's rights (every board viewer may
     * read all of it).
     */
    synchronized Snapshot current() {
        Snapshot kept = latest;
        if (kept != null
                && latestChanges == changes.get()
                && kept.at().plus(MAX_AGE).isAfter(clock.instant())) {
            return kept;
        }
        return read();
    }

    /**
     * A snapshot read now, which later boards share: for a board that must show its viewer's own
     * action at once, before the change's notification arrives.
     */
    synchronized Snapshot fresh() {
        return read();
    }

    private Snapshot read() {
        long seen = changes.get();
        Instant now = clock.instant();
        List<BoardEntry> board = boardService.board();
        List<UUID> ids = board.stream().map(e -> e.environment().id()).toList();
        Map<UUID, List<MaintenanceWindowSummary>> maintenance = new HashMap<>();
        for (UUID id : ids) {
            maintenance.put(id, environments.maintenanceWindows(id, now, now.plus(MAINTENANCE_AHEAD)));
        }
        Snapshot read = new Snapshot(
                now,
                board,
                deployments.current(ids),
                access.access(board.stream()
                        .flatMap(e -> e.slots().stream())
                        .map(BoardEntry.Slot::current)
                        .filter(Objects::nonNull)
                        .map(BookingSummary::id)
                        .toList()),
                maintenance);
        latest = read;
        latestChanges = seen;
        return read;
    }
}
