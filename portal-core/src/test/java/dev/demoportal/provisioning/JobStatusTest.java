package dev.demoportal.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job and step tables, pair by pair. {@link JobRepository} writes a status only from the states
 * these tables name (ProvisioningServiceIT shows a refused step move on the database).
 */
class JobStatusTest {

    private static final Map<JobStatus, Set<JobStatus>> JOB = new EnumMap<>(Map.of(
            JobStatus.QUEUED, Set.of(JobStatus.RUNNING, JobStatus.CANCELLED),
            // claimed again by another worker when the one running it died
            JobStatus.RUNNING, Set.of(JobStatus.RUNNING, JobStatus.SUCCEEDED, JobStatus.FAILED),
            JobStatus.SUCCEEDED, Set.of(),
            // retried by a field engineer
            JobStatus.FAILED, Set.of(JobStatus.QUEUED),
            JobStatus.CANCELLED, Set.of()));

    private static final Map<StepStatus, Set<StepStatus>> STEP = new EnumMap<>(Map.of(
            StepStatus.PENDING, Set.of(StepStatus.RUNNING, StepStatus.SKIPPED),
            // started again after its worker died; back to pending to be retried after a backoff
            StepStatus.RUNNING, Set.of(StepStatus.RUNNING, StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.PENDING),
            StepStatus.SUCCEEDED, Set.of(),
            // its job retried
            StepStatus.FAILED, Set.of(StepStatus.PENDING),
            StepStatus.SKIPPED, Set.of()));

    static Stream<Arguments> jobPairs() {
        return Arrays.stream(JobStatus.values())
                .flatMap(from -> Arrays.stream(JobStatus.values()).map(to -> Arguments.of(from, to)));
    }

    static Stream<Arguments> stepPairs() {
        return Arrays.stream(StepStatus.values())
                .flatMap(from -> Arrays.stream(StepStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "job {0} -> {1}")
    @MethodSource("jobPairs")
    void aJobMovesOnlyAsTheTableAllows(JobStatus from, JobStatus to) {
        boolean allowed = JOB.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
        assertThat(JobStatus.into(to).contains(from))
                .as("%s among the states before %s", from, to)
                .isEqualTo(allowed);
        IllegalJobTransition refused = new IllegalJobTransition(from, to);
        assertThat(refused.code()).isEqualTo("provisioning.illegal_job_transition");
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.problemProperties())
                .containsEntry("from", from.name())
                .containsEntry("to", to.name());
    }

    @ParameterizedTest(name = "step {0} -> {1}")
    @MethodSource("stepPairs")
    void aStepMovesOnlyAsTheTableAllows(StepStatus from, StepStatus to) {
        boolean allowed = STEP.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
        assertThat(StepStatus.into(to).contains(from))
                .as("%s among the states before %s", from, to)
                .isEqualTo(allowed);
        IllegalStepTransition refused = new IllegalStepTransition(from, to);
        assertThat(refused.code()).isEqualTo("provisioning.illegal_step_transition");
        assertThat(refused.httpStatus()).isEqualTo(409);
    }
}
