package dev.demoportal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.demoportal.base.Conflict;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox moves only as {@link SandboxStatus#next()} allows, and refuses to be cancelled once
 * anything but waiting for approval has happened to it.
 */
class SandboxTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static Sandbox requested() {
        return new Sandbox(
                UUID.randomUUID(),
                "acme-1a2b3c4d",
                UUID.randomUUID(),
                "emea",
                UUID.randomUUID(),
                UUID.randomUUID(),
                24,
                "Try it",
                NOW);
    }

    /** How a sandbox reaches each state from a request, as the service and the worker move it. */
    private static final Map<SandboxStatus, Consumer<Sandbox>> PATHS = new EnumMap<>(Map.of(
            SandboxStatus.REQUESTED, s -> {},
            SandboxStatus.APPROVED, s -> s.approve(UUID.randomUUID(), false, null, NOW),
            SandboxStatus.REJECTED, s -> s.reject(UUID.randomUUID(), "no", NOW),
            SandboxStatus.CANCELLED, s -> s.cancel(NOW),
            SandboxStatus.PROVISIONING,
                    s -> {
                        s.approve(null, true, null, NOW);
                        s.provisioning(NOW);
                    },
            SandboxStatus.READY,
                    s -> {
                        s.approve(null, true, null, NOW);
                        s.provisioning(NOW);
                        s.ready(null, Map.of(), NOW);
                    },
            SandboxStatus.TEARING_DOWN,
                    s -> {
                        s.approve(null, true, null, NOW);
                        s.provisioning(NOW);
                        s.ready(null, Map.of(), NOW);
                        s.tearingDown(NOW);
                    },
            SandboxStatus.TORN_DOWN,
                    s -> {
                        s.approve(null, true, null, NOW);
                        s.provisioning(NOW);
                        s.ready(null, Map.of(), NOW);
                        s.tearingDown(NOW);
                        s.tornDown(Map.of(), NOW);
                    },
            SandboxStatus.FAILED,
                    s -> {
                        s.approve(null, true, null, NOW);
                        s.provisioning(NOW);
                        s.failed("global", "dns-record", "throttled", NOW);
                    }));

    @Test
    void everyStateIsCovered() {
        assertThat(PATHS.keySet()).containsExactlyInAnyOrder(SandboxStatus.values());
    }

    @Test
    void onlyARequestWaitingForApprovalIsCancelled() {
        Sandbox sandbox = requested();

        sandbox.cancel(NOW.plusSeconds(60));

        assertThat(sandbox.status()).isEqualTo(SandboxStatus.CANCELLED);
        assertThat(sandbox.cancelledAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(sandbox.decidedAt()).isNull();
    }

    @Test
    void everyOtherStateRefusesToBeCancelled() {
        PATHS.forEach((status, path) -> {
            if (status == SandboxStatus.REQUESTED) {
                return;
            }
            Sandbox sandbox = requested();
            path.accept(sandbox);
            assertThat(sandbox.status()).isEqualTo(status);

            Conflict refused = catchThrowableOfType(Conflict.class, () -> sandbox.cancel(NOW));

            assertThat(refused).as("cancel when %s", status).isNotNull();
            assertThat(refused.code()).isEqualTo("sandbox.not_cancellable");
            assertThat(sandbox.status()).isEqualTo(status);
        });
    }

    @Test
    void onlyWhatIsOverForGoodStopsCountingAgainstTheQuota() {
        assertThat(SandboxStatus.values())
                .filteredOn(s -> !s.active())
                .containsExactlyInAnyOrder(SandboxStatus.REJECTED, SandboxStatus.CANCELLED, SandboxStatus.TORN_DOWN);
    }

    /** The method that moves a sandbox to each state (nothing moves one back to REQUESTED). */
    private static final Map<SandboxStatus, Consumer<Sandbox>> MOVES = new EnumMap<>(Map.of(
            SandboxStatus.APPROVED, s -> s.approve(UUID.randomUUID(), false, null, NOW),
            SandboxStatus.REJECTED, s -> s.reject(UUID.randomUUID(), "no", NOW),
            SandboxStatus.CANCELLED, s -> s.cancel(NOW),
            SandboxStatus.PROVISIONING, s -> s.provisioning(NOW),
            SandboxStatus.READY, s -> s.ready("https://sandbox.example", Map.of(), NOW),
            SandboxStatus.TEARING_DOWN, s -> s.tearingDown(NOW),
            SandboxStatus.TORN_DOWN, s -> s.tornDown(Map.of(), NOW),
            SandboxStatus.FAILED, s -> s.failed("global", "dns-record", "throttled", NOW)));

    /**
     * What the service and the worker do today, written out once more by hand. The worker's job
     * ends are followed from any state a job can run in (JobRunnerIT schedules a teardown of a ready
     * sandbox directly, and runs it twice).
     */
    private static final Map<SandboxStatus, Set<SandboxStatus>> ALLOWED = new EnumMap<>(Map.of(
            SandboxStatus.REQUESTED, Set.of(SandboxStatus.APPROVED, SandboxStatus.REJECTED, SandboxStatus.CANCELLED),
            SandboxStatus.APPROVED, Set.of(SandboxStatus.PROVISIONING, SandboxStatus.FAILED, SandboxStatus.TORN_DOWN),
            SandboxStatus.REJECTED, Set.of(),
            SandboxStatus.CANCELLED, Set.of(),
            SandboxStatus.PROVISIONING, Set.of(SandboxStatus.READY, SandboxStatus.FAILED, SandboxStatus.TORN_DOWN),
            SandboxStatus.READY, Set.of(SandboxStatus.TEARING_DOWN, SandboxStatus.FAILED, SandboxStatus.TORN_DOWN),
            SandboxStatus.TEARING_DOWN, Set.of(SandboxStatus.TORN_DOWN, SandboxStatus.FAILED),
            // a teardown job run again finds nothing and succeeds again
            SandboxStatus.TORN_DOWN, Set.of(SandboxStatus.TORN_DOWN),
            SandboxStatus.FAILED,
                    Set.of(SandboxStatus.PROVISIONING, SandboxStatus.TEARING_DOWN, SandboxStatus.TORN_DOWN)));

    static Stream<Arguments> everyPair() {
        return Arrays.stream(SandboxStatus.values())
                .flatMap(from -> Arrays.stream(SandboxStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void movesOnlyAsTheTableAllows(SandboxStatus from, SandboxStatus to) {
        boolean allowed = ALLOWED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as("%s -> %s in the table", from, to).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
        Sandbox sandbox = requested();
        PATHS.get(from).accept(sandbox);
        assertThat(sandbox.status()).isEqualTo(from);
        Consumer<Sandbox> move = MOVES.get(to);
        if (move == null) {
            assertThat(allowed).as("nothing moves a sandbox back to %s", to).isFalse();
            return;
        }
        if (allowed) {
            move.accept(sandbox);
            assertThat(sandbox.status()).isEqualTo(to);
            return;
        }
        Conflict refused = catchThrowableOfType(Conflict.class, () -> move.accept(sandbox));
        assertThat(refused).as("%s -> %s refused", from, to).isNotNull();
        assertThat(refused.code())
                .isEqualTo(to == SandboxStatus.CANCELLED ? "sandbox.not_cancellable" : "sandbox.illegal_transition");
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(sandbox.status()).as("state kept after a refused move").isEqualTo(from);
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void onlyAReadySandboxIsExtended(SandboxStatus status) {
        Sandbox sandbox = requested();
        PATHS.get(status).accept(sandbox);
        Instant later = NOW.plusSeconds(7200 * 24);
        if (status == SandboxStatus.READY) {
            sandbox.extendTo(later, NOW);
            assertThat(sandbox.expiresAt()).isEqualTo(later);
            assertThat(sandbox.extensionCount()).isEqualTo(1);
            return;
        }
        IllegalSandboxTransition refused =
                catchThrowableOfType(IllegalSandboxTransition.class, () -> sandbox.extendTo(later, NOW));
        assertThat(refused).as("extend when %s", status).isNotNull();
        assertThat(refused.code()).isEqualTo("sandbox.illegal_transition");
        assertThat(sandbox.extensionCount()).isZero();
    }

    static Stream<SandboxStatus> statuses() {
        return Arrays.stream(SandboxStatus.values());
    }

    @Test
    void aFailedTeardownRetriedIsTornDown() {
        Sandbox sandbox = requested();
        PATHS.get(SandboxStatus.TEARING_DOWN).accept(sandbox);
        sandbox.failed("cluster", "namespace", "timeout", NOW);
        sandbox.tearingDown(NOW);
        sandbox.tornDown(Map.of("deleted", 3), NOW);
        assertThat(sandbox.status()).isEqualTo(SandboxStatus.TORN_DOWN);
    }
}
