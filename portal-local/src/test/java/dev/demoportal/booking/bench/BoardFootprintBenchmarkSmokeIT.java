package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link BoardFootprintBenchmark} ({@code benchmarks/board-footprint.sh}) alive: two UIs of
 * each kind must open and the benchmark must print the floor, the board and its class histogram.
 * The sizes are figures to read, not asserted.
 */
class BoardFootprintBenchmarkSmokeIT {

    @Test
    void aTwoBoardRunPrintsItsFigures() throws Exception {
        String report = PrintedOutput.of(
                () -> BoardFootprintBenchmark.run(new BoardFootprintBenchmark.Options(2, 5, List.of()), System.out));

        assertThat(report)
                .contains("Board footprint: 2 UIs of each kind in one session")
                .containsPattern("\\| empty UI \\(floor\\) \\| -?[\\d,]+ bytes \\|")
                .containsPattern("\\| board \\| -?[\\d,]+ bytes \\| -?[\\d,]+ bytes \\|")
                .contains("Top 5 classes a board retains (per board UI):");
    }
}
