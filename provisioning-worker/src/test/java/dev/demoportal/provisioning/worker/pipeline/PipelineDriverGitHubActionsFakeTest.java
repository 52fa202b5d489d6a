package dev.demoportal.provisioning.worker.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.PipelineRun;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The pipeline driver against a GitHub Actions fake (WireMock stubs from GitHub's public REST API documentation). */
class PipelineDriverGitHubActionsFakeTest {

    private final FakeGitHubActions github = new FakeGitHubActions();
    private final StepHarness step = new StepHarness();

    @AfterEach
    void stop() {
        github.close();
    }

    private PipelineDriver driver(Duration startTimeout) {
        URI nowhere = URI.create("http://127.0.0.1:9");
        return StepHarness.driver(
                Layer.REGION_PLATFORM, nowhere, nowhere, github.apiUrl(), startTimeout, StepHarness.github());
    }

    private PipelineDriver driver() {
        return driver(Duration.ofMinutes(1));
    }

    @Test
    void dispatchesTheWorkflowFindsItsRunByTheKeyFollowsItAndReadsTheOutputsArtifact() {
        long id = github.willRun(2, "queued", "in_progress", "in_progress", "completed/success");
        github.publishesOutputs(
                id, "{\"accessUrl\": \"https://shop.example.com/\", \"vaultPath\": \"kv/sandboxes/x\"}");

        StepResult result = step.apply(driver(), JobKind.PROVISION, "namespace");

        assertThat(result.output())
                .containsOnlyKeys("accessUrl", "vaultPath")
                .containsEntry("accessUrl", "https://shop.example.com/");
        List<LoggedRequest> dispatches = github.dispatches();
        assertThat(dispatches).hasSize(1);
        assertThat(dispatches.getFirst().getHeader("Authorization")).isEqualTo("Bearer " + StepHarness.TOKEN);
        assertThat(dispatches.getFirst().getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        JsonNode body = FakeGitHubActions.body(dispatches.getFirst());
        assertThat(body.path("ref").asString()).isEqualTo("main");
        assertThat(body.path("inputs").path("portal_action").asString()).isEqualTo("provision");
        assertThat(body.path("inputs").path("portal_sandbox_name").asString()).isEqualTo(step.spec.name());
        assertThat(body.path("inputs").path("portal_run_key").asString()).isEqualTo(step.state.get(PipelineDriver.KEY));
        assertThat(PipelineRun.of(step.state))
                .isEqualTo(new PipelineRun("github-actions", String.valueOf(id), github.htmlUrl(id), "success"));
        assertThat(step.kept)
                .extracting(s -> s.get(PipelineRun.STATUS))
                .containsSubsequence("dispatched", "found", "queued", "in_progress", "success");
        // the runs were looked up among the workflow's dispatches on the branch, since just before the dispatch
        LoggedRequest list = github.server
                .findAll(getRequestedFor(urlPathMatching(".*/sandbox-layer.yml/runs")))
                .getFirst();
        assertThat(list.queryParameter("event").firstValue()).isEqualTo("workflow_dispatch");
        assertThat(list.queryParameter("branch").firstValue()).isEqualTo("main");
        assertThat(list.queryParameter("created").firstValue()).startsWith(">=");
        // the signed download URL never gets the token
        LoggedRequest download = github.server
                .findAll(getRequestedFor(urlPathEqualTo("/signed/" + id + ".zip")))
                .getFirst();
        assertThat(download.containsHeader("Authorization")).isFalse();
    }

    @Test
    void aFailedRunFailsTheStepForGood() {
        github.willRun(0, "in_progress", "completed/failure");

        assertThatThrownBy(() -> step.apply(driver(), JobKind.PROVISION, "namespace"))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage())
                            .contains("the run concluded failure")
                            .contains("/actions/runs/");
                });
    }

    @Test
    void aCancelledTeardownIsRetriedWithANewDispatch() {
        github.willRun(0, "in_progress", "completed/cancelled");
        assertThatThrownBy(() -> step.apply(driver(), JobKind.TEARDOWN, "ingress-route"))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isTrue());

        long second = github.willRun(1, "completed/success");
        github.publishesOutputs(second, "{}");
        step.apply(driver(), JobKind.TEARDOWN, "ingress-route");

        assertThat(github.dispatches()).hasSize(2);
        assertThat(PipelineRun.of(step.state).id()).isEqualTo(String.valueOf(second));
    }

    @Test
    void aDispatchWhoseRunNeverAppearsTimesOutWithAClearError() {
        github.willRun(-1);

        assertThatThrownBy(() -> step.apply(driver(Duration.ofMillis(400)), JobKind.PROVISION, "namespace"))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage())
                            .startsWith("the GitHub Actions acme/infra sandbox-layer.yml@main pipeline"
                                    + " did not start within 0.4s: no run with key "
                                    + step.state.get(PipelineDriver.KEY))
                            .contains("run-name");
                });
        assertThat(github.dispatches()).hasSize(1);
    }

    @Test
    void aRunStuckInTheQueueTimesOutToo() {
        github.willRun(0, "queued");

        assertThatThrownBy(() -> step.apply(driver(Duration.ofMillis(400)), JobKind.PROVISION, "namespace"))
                .isInstanceOfSatisfying(
                        StepFailure.class,
                        f -> assertThat(f.getMessage())
                                .contains("did not start within 0.4s (https://github.com/acme/infra/actions/runs/"));
    }

    @Test
    void aStepResumedAfterItsWorkerDiedBeforeFindingTheRunFindsItByTheKeyAndNeverDispatchesAgain() {
        long id = github.willRun(3, "in_progress", "completed/success");
        github.publishesOutputs(id, "{\"accessUrl\": \"https://b.example.com/\"}");
        // killed right after the dispatch, before the run was listed
        step.killWhen = s -> "dispatched".equals(s.get(PipelineRun.STATUS));
        assertThatThrownBy(() -> step.apply(driver(), JobKind.PROVISION, "namespace"))
                .isInstanceOf(StepHarness.WorkerKilled.class);
        assertThat(step.state).doesNotContainKey(PipelineRun.ID).containsKey(PipelineDriver.KEY);

        step.killWhen = s -> false;
        StepResult result = step.apply(driver(), JobKind.PROVISION, "namespace");

        assertThat(result.output()).containsEntry("accessUrl", "https://b.example.com/");
        assertThat(github.dispatches()).hasSize(1);
        assertThat(PipelineRun.of(step.state).id()).isEqualTo(String.valueOf(id));
    }

    @Test
    void aStepResumedWhileTheRunIsInProgressFollowsTheSameRun() {
        long id = github.willRun(0, "in_progress", "in_progress", "completed/success");
        github.publishesOutputs(id, "{}");
        step.killWhen = s -> "in_progress".equals(s.get(PipelineRun.STATUS));
        assertThatThrownBy(() -> step.apply(driver(), JobKind.PROVISION, "namespace"))
                .isInstanceOf(StepHarness.WorkerKilled.class);

        step.killWhen = s -> false;
        step.apply(driver(), JobKind.PROVISION, "namespace");

        assertThat(github.dispatches()).hasSize(1);
        assertThat(step.log).anySatisfy(l -> assertThat(l).startsWith("following GitHub Actions run " + id));
    }

    @Test
    void theTokenIsSentButNeverLogged() {
        long id = github.willRun(1, "completed/success");
        github.publishesOutputs(id, "{}");
        List<String> lines;
        try (LogCapture logs = new LogCapture()) {
            step.apply(driver(), JobKind.EXTEND, "expiry-label");
            lines = logs.lines();
        }
        assertThat(github.dispatches().getFirst().getHeader("Authorization")).contains(StepHarness.TOKEN);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Triggered GitHub Actions acme/infra"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(StepHarness.TOKEN));
        assertThat(step.log).noneSatisfy(l -> assertThat(l).contains(StepHarness.TOKEN));
        assertThat(step.kept).noneSatisfy(s -> assertThat(s.toString()).contains(StepHarness.TOKEN));
    }
}
