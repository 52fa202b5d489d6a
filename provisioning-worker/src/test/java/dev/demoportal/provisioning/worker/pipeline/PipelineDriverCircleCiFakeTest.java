package dev.demoportal.provisioning.worker.pipeline;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The pipeline driver against a CircleCI API v2 fake (WireMock stubs from CircleCI's public API documentation). */
class PipelineDriverCircleCiFakeTest {

    private final FakeCircleCi circleci = new FakeCircleCi();
    private final StepHarness step = new StepHarness();

    @AfterEach
    void stop() {
        circleci.close();
    }

    private PipelineDriver driver(Layer layer, Duration startTimeout) {
        return StepHarness.driver(
                layer,
                circleci.apiUrl(),
                circleci.appUrl(),
                URI.create("http://127.0.0.1:9"),
                startTimeout,
                StepHarness.circleci());
    }

    private PipelineDriver driver(Layer layer) {
        return driver(layer, Duration.ofMinutes(1));
    }

    @Test
    void triggersThePipelineWithTheSandboxParametersFollowsItAndReadsItsOutputs() {
        String id = circleci.willRun("running", "on_hold", "running", "success");
        circleci.publishesOutputs(id, """
                {"accessUrl": "https://shop.emea.example.com/", "clusterName": "core-emea", "replicas": 3,
                 "nested": {"ignored": true}, "bad key": "ignored"}""");

        StepResult result = step.apply(driver(Layer.REGION_CORE), JobKind.PROVISION, "cluster-access");

        assertThat(result.output())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "accessUrl", "https://shop.emea.example.com/", "clusterName", "core-emea", "replicas", "3"));
        List<LoggedRequest> triggers = circleci.triggers();
        assertThat(triggers).hasSize(1);
        assertThat(triggers.getFirst().getHeader("Circle-Token")).isEqualTo(StepHarness.TOKEN);
        JsonNode body = FakeCircleCi.body(triggers.getFirst());
        assertThat(body.path("branch").asString()).isEqualTo("main");
        JsonNode parameters = body.path("parameters");
        assertThat(parameters.path("portal_action").asString()).isEqualTo("provision");
        assertThat(parameters.path("portal_sandbox_name").asString()).isEqualTo(step.spec.name());
        assertThat(parameters.path("portal_sandbox_id").asString())
                .isEqualTo(step.spec.sandboxId().toString());
        assertThat(parameters.path("portal_region").asString()).isEqualTo("emea");
        assertThat(parameters.path("portal_organisation").asString()).isEqualTo("acme");
        assertThat(parameters.path("portal_run_key").asString()).isEqualTo(step.state.get(PipelineDriver.KEY));
        // the page's view of the step: where the pipeline is, and how it ended
        PipelineRun run = PipelineRun.of(step.state);
        assertThat(run)
                .isEqualTo(new PipelineRun(
                        "circleci", id, circleci.appUrl() + "/pipelines/github/acme/infra/1", "success"));
        // the run was kept right after the trigger answered, before it was followed
        assertThat(step.kept)
                .anySatisfy(s ->
                        assertThat(s).containsEntry(PipelineRun.ID, id).containsEntry(PipelineRun.STATUS, "triggered"));
        assertThat(step.kept).extracting(s -> s.get(PipelineRun.STATUS)).contains("running", "on_hold", "success");
        assertThat(String.join("\n", step.log)).contains("on_hold").contains("pipeline succeeded");
    }

    @Test
    void mapsParametersAsConfigured() {
        PipelineTarget mapped = new PipelineTarget(
                PipelineTarget.CiSystem.CIRCLECI,
                List.of(),
                List.of("web-shop"),
                FakeCircleCi.SLUG,
                "release",
                null,
                "env:CIRCLECI_TOKEN",
                Map.of(
                        "sandbox",
                        "{name}",
                        "size",
                        "{param.size}",
                        "what",
                        "{action} in {aws-region}",
                        "cluster",
                        "{output.clusterName}"),
                "correlation",
                "");
        String id = circleci.willRun("success");
        PipelineDriver driver = StepHarness.driver(
                Layer.REGION_PLATFORM,
                circleci.apiUrl(),
                circleci.appUrl(),
                URI.create("http://127.0.0.1:9"),
                Duration.ofMinutes(1),
                mapped);

        StepResult result = step.apply(driver, JobKind.TEARDOWN, "ingress-route");

        assertThat(result.output()).isEmpty();
        JsonNode body = FakeCircleCi.body(circleci.triggers().getFirst());
        assertThat(body.path("branch").asString()).isEqualTo("release");
        assertThat(body.path("parameters").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("sandbox", "size", "what", "cluster", "correlation");
        assertThat(body.path("parameters").path("what").asString()).isEqualTo("teardown in eu-west-1");
        assertThat(body.path("parameters").path("size").asString()).isEqualTo("small");
        assertThat(body.path("parameters").path("cluster").asString()).isEqualTo("c-emea");
        assertThat(body.path("parameters").path("correlation").asString())
                .isEqualTo(step.state.get(PipelineDriver.KEY));
        assertThat(PipelineRun.of(step.state).id()).isEqualTo(id);
    }

    @Test
    void theLayersOtherStepsOnlyRecordThatThePipelineDidTheirWork() {
        StepResult result = step.apply(driver(Layer.REGION_PLATFORM), JobKind.PROVISION, "resource-quota");

        assertThat(result.output()).isEmpty();
        assertThat(circleci.server.getAllServeEvents()).isEmpty();
        assertThat(step.log).singleElement().asString().contains("pipeline of step namespace");
    }

    @Test
    void aFailedPipelineFailsTheStepForGoodWithItsLink() {
        circleci.willRun("running", "failed");

        assertThatThrownBy(() -> step.apply(driver(Layer.REGION_CORE), JobKind.PROVISION, "cluster-access"))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage())
                            .contains("failed: workflow sandbox-layer failed")
                            .contains("/pipelines/github/acme/infra/1");
                });
        assertThat(step.state).containsEntry(PipelineDriver.ENDED, "true").containsEntry(PipelineRun.STATUS, "failed");
    }

    @Test
    void aCancelledProvisionFailsButACancelledTeardownIsRetriedWithANewRun() {
        circleci.willRun("canceled");
        assertThatThrownBy(() -> step.apply(driver(Layer.GLOBAL), JobKind.PROVISION, "dns-record"))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isFalse());

        StepHarness teardown = new StepHarness();
        circleci.willRun("running", "canceled");
        assertThatThrownBy(() -> teardown.apply(driver(Layer.GLOBAL), JobKind.TEARDOWN, "workload-role"))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isTrue();
                    assertThat(f.getMessage()).contains("was cancelled").contains("starts it again");
                });
        String second = circleci.willRun("running", "success");
        circleci.publishesOutputs(second, "{}");
        teardown.apply(driver(Layer.GLOBAL), JobKind.TEARDOWN, "workload-role");

        assertThat(circleci.triggers()).hasSize(3);
        assertThat(FakeCircleCi.body(circleci.triggers().get(2))
                        .path("parameters")
                        .path("portal_action")
                        .asString())
                .isEqualTo("teardown");
        assertThat(PipelineRun.of(teardown.state))
                .extracting(PipelineRun::id, PipelineRun::status)
                .containsExactly(second, "success");
    }

    @Test
    void aPipelineThatNeverStartsAWorkflowTimesOutWithAClearError() {
        circleci.willRun();

        assertThatThrownBy(() -> step.apply(
                        driver(Layer.REGION_CORE, Duration.ofMillis(400)), JobKind.PROVISION, "cluster-access"))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage())
                            .matches(
                                    "CircleCI run .* did not start within 0\\.4s \\(.*/pipelines/github/acme/infra/1\\)");
                });
        assertThat(circleci.triggers()).hasSize(1);
    }

    @Test
    void aStepResumedAfterItsWorkerDiedFollowsTheSameRun() {
        String id = circleci.willRun("running", "running", "success");
        circleci.publishesOutputs(id, "{\"accessUrl\": \"https://a.example.com/\"}");
        step.killWhen = s -> "running".equals(s.get(PipelineRun.STATUS));
        assertThatThrownBy(() -> step.apply(driver(Layer.REGION_CORE), JobKind.PROVISION, "cluster-access"))
                .isInstanceOf(StepHarness.WorkerKilled.class);
        assertThat(step.state).containsEntry(PipelineRun.ID, id);

        step.killWhen = s -> false;
        StepResult result = step.apply(driver(Layer.REGION_CORE), JobKind.PROVISION, "cluster-access");

        assertThat(result.output()).containsEntry("accessUrl", "https://a.example.com/");
        assertThat(circleci.triggers()).hasSize(1);
        assertThat(step.log).anySatisfy(line -> assertThat(line).startsWith("following CircleCI run " + id));
    }

    @Test
    void aTriggerWhoseAnswerWasLostIsFoundByItsKeyNotStartedAgain() {
        String id = circleci.willRun("success");
        circleci.listsPipeline(FakeCircleCi.SLUG, id, 1, "{\"portal_run_key\": \"sb-x-provision-abc\"}");
        circleci.publishesOutputs(id, "{}");
        step.state = Map.of(
                PipelineRun.SYSTEM,
                "circleci",
                PipelineDriver.KEY,
                "sb-x-provision-abc",
                PipelineDriver.TRIGGERED_AT,
                Instant.now().toString(),
                PipelineRun.STATUS,
                "triggering");

        step.apply(driver(Layer.REGION_CORE), JobKind.PROVISION, "cluster-access");

        assertThat(circleci.triggers()).isEmpty();
        assertThat(PipelineRun.of(step.state))
                .extracting(PipelineRun::id, PipelineRun::status)
                .containsExactly(id, "success");
    }

    @Test
    void theTokenIsSentButNeverLoggedNorShown() {
        circleci.willRun("running", "failed");
        List<String> lines;
        String error;
        try (LogCapture logs = new LogCapture()) {
            try {
                step.apply(driver(Layer.REGION_CORE), JobKind.PROVISION, "cluster-access");
                throw new AssertionError("the failed pipeline should fail the step");
            } catch (StepFailure e) {
                error = e.getMessage();
            }
            lines = logs.lines();
        }
        assertThat(circleci.triggers().getFirst().getHeader("Circle-Token")).isEqualTo(StepHarness.TOKEN);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Triggered CircleCI " + FakeCircleCi.SLUG));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(StepHarness.TOKEN));
        assertThat(step.log).noneSatisfy(l -> assertThat(l).contains(StepHarness.TOKEN));
        assertThat(step.kept).noneSatisfy(s -> assertThat(s.toString()).contains(StepHarness.TOKEN));
        assertThat(error).doesNotContain(StepHarness.TOKEN);
    }

    @Test
    void aRefusedOrMissingTokenFailsTheStepNamingOnlyTheReference() {
        circleci.stub(() -> com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                                "/api/v2/project/gh/acme/infra/pipeline"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(401)
                        .withBody("{\"message\":\"Invalid token provided.\"}")));
        assertThatThrownBy(() -> step.apply(driver(Layer.REGION_CORE), JobKind.PROVISION, "cluster-access"))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage())
                            .isEqualTo("CircleCI answered 401 to POST /api/v2/project/gh/acme/infra/pipeline:"
                                    + " the token was refused");
                });

        // the refusal started nothing: a retry (after the token is fixed) triggers afresh
        assertThat(step.state)
                .containsEntry(PipelineDriver.ENDED, "true")
                .containsEntry(PipelineRun.STATUS, "not started");
        circleci.publishesOutputs(circleci.willRun("success"), "{}");
        step.apply(driver(Layer.REGION_CORE), JobKind.PROVISION, "cluster-access");
        assertThat(circleci.triggers()).hasSize(2);
        assertThat(step.state).containsEntry(PipelineRun.STATUS, "success");

        PipelineSettings settings = new PipelineSettings(
                circleci.apiUrl(),
                circleci.appUrl(),
                circleci.apiUrl(),
                Duration.ofMillis(20),
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                List.of(),
                List.of(StepHarness.circleci()),
                List.of());
        PipelineDriver noToken = new PipelineDriver(
                Layer.REGION_CORE, settings, new SecretReference(name -> null), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> new StepHarness().apply(noToken, JobKind.PROVISION, "cluster-access"))
                .hasMessage("no CI token at env:CIRCLECI_TOKEN");
    }

    @Test
    void configurationWithATokenValueOrAnUnknownPlaceholderIsRefusedAtStartUp() {
        PipelineTarget literal = new PipelineTarget(
                PipelineTarget.CiSystem.CIRCLECI,
                List.of(),
                List.of(),
                FakeCircleCi.SLUG,
                "main",
                null,
                "CCIPAT_abc123",
                Map.of(),
                "portal_run_key",
                "portal-outputs");
        assertThatThrownBy(() -> StepHarness.driver(
                        Layer.GLOBAL,
                        circleci.apiUrl(),
                        circleci.appUrl(),
                        circleci.apiUrl(),
                        Duration.ofMinutes(1),
                        literal))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("portal.provisioning.pipelines.global[0].token must be a secret reference")
                .hasMessageNotContaining("CCIPAT_abc123");
        PipelineTarget typo = new PipelineTarget(
                PipelineTarget.CiSystem.CIRCLECI,
                List.of(),
                List.of(),
                FakeCircleCi.SLUG,
                "main",
                null,
                "file:/run/secrets/circleci",
                Map.of("r", "{regoin}"),
                "k",
                "");
        assertThatThrownBy(() -> StepHarness.driver(
                        Layer.GLOBAL,
                        circleci.apiUrl(),
                        circleci.appUrl(),
                        circleci.apiUrl(),
                        Duration.ofMinutes(1),
                        typo))
                .hasMessageContaining("parameters.r uses {regoin}");
    }

    @Test
    void aSandboxNoPipelineServesFailsItsStepForGood() {
        StepHarness other = new StepHarness();
        PipelineTarget naOnly = new PipelineTarget(
                PipelineTarget.CiSystem.CIRCLECI,
                List.of("na"),
                List.of(),
                FakeCircleCi.SLUG,
                "main",
                null,
                "env:CIRCLECI_TOKEN",
                Map.of(),
                "portal_run_key",
                "");
        PipelineDriver driver = StepHarness.driver(
                Layer.REGION_CORE,
                circleci.apiUrl(),
                circleci.appUrl(),
                circleci.apiUrl(),
                Duration.ofMinutes(1),
                naOnly);
        assertThatThrownBy(() -> other.apply(driver, JobKind.PROVISION, "cluster-access"))
                .isInstanceOfSatisfying(
                        StepFailure.class,
                        f -> assertThat(f.getMessage())
                                .isEqualTo(
                                        "no pipeline of layer region-core serves region emea and template web-shop"));
    }
}
