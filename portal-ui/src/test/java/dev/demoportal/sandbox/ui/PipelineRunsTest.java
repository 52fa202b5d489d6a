package dev.demoportal.sandbox.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import dev.demoportal.provisioning.Layer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sandbox page's pipeline runs: what a person sees of the CI runs of a job. */
class PipelineRunsTest {

    private static StepSummary step(Layer layer, String name, Map<String, String> state) {
        return new StepSummary(1, layer, name, StepStatus.RUNNING, 1, Instant.EPOCH, null, Map.of(), "", null, state);
    }

    private static JobSummary job(StepSummary... steps) {
        return new JobSummary(
                UUID.randomUUID(),
                UUID.randomUUID(),
                JobKind.PROVISION,
                JobStatus.RUNNING,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null,
                Map.of("global", "aws", "region-core", "pipeline"),
                List.of(steps));
    }

    @Test
    void showsEachRunWithItsLiveStatusAndALinkToIt() {
        PipelineRuns runs = new PipelineRuns(job(
                step(Layer.GLOBAL, "dns-record", Map.of()),
                step(
                        Layer.REGION_CORE,
                        "cluster-access",
                        Map.of(
                                "pipeline.system",
                                "circleci",
                                "pipeline.id",
                                "5034460f",
                                "pipeline.url",
                                "https://app.circleci.com/pipelines/github/acme/infra/42",
                                "pipeline.status",
                                "on_hold",
                                "pipeline.key",
                                "sb-provision-ab12")),
                step(
                        Layer.REGION_PLATFORM,
                        "namespace",
                        Map.of("pipeline.system", "github-actions", "pipeline.key", "k"))));

        assertThat(runs.isVisible()).isTrue();
        assertThat(runs.getChildren()).singleElement().satisfies(line -> {
            assertThat(line.getElement().getAttribute("data-layer")).isEqualTo("region-core");
            assertThat(line.getElement().getTextRecursively())
                    .isEqualTo("region-core: CircleCI run 5034460f — on_hold Open in CircleCI");
            Anchor link = (Anchor) ((Div) line)
                    .getChildren()
                    .filter(Anchor.class::isInstance)
                    .findFirst()
                    .orElseThrow();
            assertThat(link.getHref()).isEqualTo("https://app.circleci.com/pipelines/github/acme/infra/42");
            assertThat(link.getElement().getAttribute("rel")).isEqualTo("noopener noreferrer");
        });
    }

    @Test
    void aRunWithoutALinkYetShowsItsStatusAndNoLinkThatCouldBeAScript() {
        PipelineRuns runs = new PipelineRuns(job(step(
                Layer.REGION_PLATFORM,
                "namespace",
                Map.of(
                        "pipeline.system",
                        "github-actions",
                        "pipeline.id",
                        "9000001",
                        "pipeline.url",
                        "javascript:alert(1)",
                        "pipeline.status",
                        "queued"))));

        Component line = runs.getChildren().findFirst().orElseThrow();
        assertThat(line.getElement().getTextRecursively())
                .isEqualTo("region-platform: GitHub Actions run 9000001 — queued");
        assertThat(line.getChildren()).noneMatch(Anchor.class::isInstance);
    }

    @Test
    void jobsOfTheBuiltInDriversShowNothing() {
        assertThat(new PipelineRuns(job(step(Layer.GLOBAL, "dns-record", Map.of()))).isVisible())
                .isFalse();
    }
}
