package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.provisioning.PipelineRun;

/**
 * The CI runs of a job whose layers run on the team's pipelines: per step that started one, the CI
 * system, the run's live status (the worker updates it as it follows the run, and the page redraws
 * on each change) and a link to the run. Empty, and hidden, for jobs of the built-in drivers.
 */
class PipelineRuns extends Div {

    PipelineRuns(JobSummary job) {
        addClassName("dp-pipeline-runs");
        for (JobSummary.StepSummary step : job.steps()) {
            PipelineRun run = step.pipelineRun();
            if (run == null) {
                continue;
            }
            Div line = new Div();
            line.addClassName("dp-pipeline-run");
            line.getElement().setAttribute("data-layer", step.layer().code());
            line.add(new Span(step.layer().code() + ": " + title(run.system()) + " run " + run.id() + " — "));
            Span status = new Span(run.status() == null ? "unknown" : run.status());
            status.addClassName("dp-pipeline-status");
            line.add(status);
            if (run.url() != null
                    && (run.url().startsWith("https://") || run.url().startsWith("http://"))) {
                Anchor link = new Anchor(run.url(), "Open in " + title(run.system()), AnchorTarget.BLANK);
                link.getElement().setAttribute("rel", "noopener noreferrer");
                line.add(new Span(" "), link);
            }
            add(line);
        }
        setVisible(getComponentCount() > 0);
    }

    private static String title(String system) {
        return switch (system) {
            case "circleci" -> "CircleCI";
            case "github-actions" -> "GitHub Actions";
            default -> system;
        };
    }
}
