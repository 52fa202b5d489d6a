package dev.demoportal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An extension request is decided once: every pair of {@link ExtensionRequestStatus}, allowed or refused. */
class ExtensionRequestStatusTest {

    private static final Map<ExtensionRequestStatus, Set<ExtensionRequestStatus>> ALLOWED = new EnumMap<>(Map.of(
            ExtensionRequestStatus.REQUESTED, Set.of(ExtensionRequestStatus.APPROVED, ExtensionRequestStatus.REJECTED),
            ExtensionRequestStatus.APPROVED, Set.of(),
            ExtensionRequestStatus.REJECTED, Set.of()));

    static Stream<Arguments> everyPair() {
        return Arrays.stream(ExtensionRequestStatus.values())
                .flatMap(from -> Arrays.stream(ExtensionRequestStatus.values()).map(to -> Arguments.of(from, to)));
    }

    private static ExtensionRequestRepository.Row row(ExtensionRequestStatus status) {
        return new ExtensionRequestRepository.Row(
                UUID.randomUUID(),
                UUID.randomUUID(),
                24,
                "demo next week",
                UUID.randomUUID(),
                Instant.parse("2026-03-02T09:00:00Z"),
                status,
                null,
                null,
                null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void movesOnlyAsTheTableAllows(ExtensionRequestStatus from, ExtensionRequestStatus to) {
        boolean allowed = ALLOWED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as("%s -> %s in the table", from, to).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
        if (to == ExtensionRequestStatus.REQUESTED) {
            assertThat(allowed).as("nothing makes a request wait again").isFalse();
            return;
        }
        boolean approve = to == ExtensionRequestStatus.APPROVED;
        if (allowed) {
            assertThat(row(from).decided(approve)).isEqualTo(to);
            return;
        }
        ExtensionRequestNotWaiting refused = catchThrowableOfType(
                ExtensionRequestNotWaiting.class, () -> row(from).decided(approve));
        assertThat(refused).as("%s -> %s refused", from, to).isNotNull();
        assertThat(refused.code()).isEqualTo("sandbox.not_waiting");
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.from()).isEqualTo(from);
    }
}
