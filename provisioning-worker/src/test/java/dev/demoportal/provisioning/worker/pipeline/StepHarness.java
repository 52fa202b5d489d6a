package dev.demoportal.provisioning.worker.pipeline;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.worker.pipeline.PipelineTarget.CiSystem;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One step's row as the worker keeps it, for driving a {@link PipelineDriver} without the job
 * runner: its state survives between attempts (as the database keeps it), and a "worker" can be
 * killed at a chosen moment, when the state it is about to keep matches a condition: that write
 * never happens, as when the process dies.
 */
final class StepHarness {

    static final String TOKEN = "ci-token-" + UUID.randomUUID();

    final SandboxSpec spec;
    Map<String, String> state = Map.of();
    final List<String> log = new ArrayList<>();
    final List<Map<String, String>> kept = new ArrayList<>();
    Predicate<Map<String, String>> killWhen = s -> false;

    StepHarness() {
        String name = "sb-" + UUID.randomUUID().toString().substring(0, 8);
        spec = new SandboxSpec(
                UUID.randomUUID(),
                name,
                "acme",
                "web-shop",
                "emea",
                "eu-west-1",
                "acme-users",
                null,
                Map.of("size", "small"));
    }

    StepResult apply(PipelineDriver driver, JobKind kind, String step) {
        StepContext context = new StepContext(
                UUID.randomUUID(), kind, step, 1, spec, Map.of("clusterName", "c-emea"), log::add, state, next -> {
                    if (killWhen.test(next)) {
                        throw new WorkerKilled();
                    }
                    kept.add(next);
                    state = next;
                });
        return driver.apply(context);
    }

    /** The process died: nothing after this point happened. */
    static final class WorkerKilled extends RuntimeException {}

    static PipelineTarget circleci() {
        return new PipelineTarget(
                CiSystem.CIRCLECI,
                List.of("emea"),
                List.of(),
                FakeCircleCi.SLUG,
                "main",
                null,
                "env:CIRCLECI_TOKEN",
                Map.of(),
                "portal_run_key",
                "portal-outputs");
    }

    static PipelineTarget github() {
        return new PipelineTarget(
                CiSystem.GITHUB_ACTIONS,
                List.of(),
                List.of(),
                FakeGitHubActions.REPO,
                "main",
                FakeGitHubActions.WORKFLOW,
                "env:GITHUB_TOKEN",
                Map.of(),
                "portal_run_key",
                "portal-outputs");
    }

    static PipelineDriver driver(
            Layer layer,
            URI circleciApi,
            URI circleciApp,
            URI githubApi,
            Duration startTimeout,
            PipelineTarget target) {
        PipelineSettings settings = new PipelineSettings(
                circleciApi,
                circleciApp,
                githubApi,
                Duration.ofMillis(20),
                startTimeout,
                Duration.ofMinutes(1),
                layer == Layer.GLOBAL ? List.of(target) : List.of(),
                layer == Layer.REGION_CORE ? List.of(target) : List.of(),
                layer == Layer.REGION_PLATFORM ? List.of(target) : List.of());
        return new PipelineDriver(
                layer,
                settings,
                new SecretReference(Map.of("CIRCLECI_TOKEN", TOKEN, "GITHUB_TOKEN", TOKEN)::get),
                Clock.systemUTC());
    }
}
