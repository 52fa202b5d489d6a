package dev.demoportal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.demoportal.base.Conflict;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The sandbox refuses to be cancelled once anything but waiting for approval has happened to it. */
class SandboxTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static Sandbox requested() {
        return new Sandbox(UUID.randomUUID(), "acme-1a2b3c4d", UUID.randomUUID(), "emea", UUID.randomUUID(),
                UUID.randomUUID(), 24, "Try it", NOW);
    }

    /** How a sandbox reaches each state from a request, as the service and the worker move it. */
    private static final Map<SandboxStatus, Consumer<Sandbox>> PATHS = new EnumMap<>(Map.of(
            SandboxStatus.REQUESTED, s -> {},
            SandboxStatus.APPROVED, s -> s.approve(UUID.randomUUID(), false, null, NOW),
            SandboxStatus.REJECTED, s -> s.reject(UUID.randomUUID(), "no", NOW),
            SandboxStatus.CANCELLED, s -> s.cancel(NOW),
            SandboxStatus.PROVISIONING, s -> {
                s.approve(null, true, null, NOW);
                s.provisioning(NOW);
            },
            SandboxStatus.READY, s -> {
                s.approve(null, true, null, NOW);
                s.provisioning(NOW);
                s.ready(null, Map.of(), NOW);
            },
            SandboxStatus.EXPIRING, s -> {
                s.approve(null, true, null, NOW);
                s.provisioning(NOW);
                s.ready(null, Map.of(), NOW);
                s.tearingDown(NOW);
            },
            SandboxStatus.TORN_DOWN, s -> {
                s.approve(null, true, null, NOW);
                s.provisioning(NOW);
                s.ready(null, Map.of(), NOW);
                s.tearingDown(NOW);
                s.tornDown(Map.of(), NOW);
            },
            SandboxStatus.FAILED, s -> {
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
        assertThat(SandboxStatus.values()).filteredOn(s -> !s.active())
                .containsExactlyInAnyOrder(SandboxStatus.REJECTED, SandboxStatus.CANCELLED, SandboxStatus.TORN_DOWN);
    }
}
