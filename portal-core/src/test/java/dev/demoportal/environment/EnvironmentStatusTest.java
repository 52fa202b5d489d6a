package dev.demoportal.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An environment's status is an administrator's setting: every pair is allowed, and a change to that
 * (say, RETIRED made final) has to change this test on purpose.
 */
class EnvironmentStatusTest {

    static Stream<Arguments> everyPair() {
        return Arrays.stream(EnvironmentStatus.values())
                .flatMap(from -> Arrays.stream(EnvironmentStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void everyMoveIsAllowed(EnvironmentStatus from, EnvironmentStatus to) {
        assertThat(from.canMoveTo(to)).isTrue();
        assertThat(from.next()).contains(to);
    }
}
