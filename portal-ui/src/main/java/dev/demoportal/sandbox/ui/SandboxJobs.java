package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** A sandbox's provisioning jobs, newest first: each one's progress and its steps per layer with timings. */
class SandboxJobs extends Div {

    private final SandboxService sandboxes;
    private final Clock clock;

    SandboxJobs(SandboxService sandboxes, Clock clock) {
        this.sandboxes = sandboxes;
        this.clock = clock;
        setId("jobs");
    }

    void show(SandboxSummary s, ZoneId zone) {
        removeAll();
        Instant now = clock.instant();
        if (s.status() == SandboxStatus.CANCELLED) {
            add(new Paragraph("Cancelled before approval: nothing was provisioned."));
            return;
        }
        if (s.decidedAt() == null || s.status() == SandboxStatus.REJECTED) {
            add(new Paragraph("Provisioning starts once the request is approved."));
            return;
        }
        List<JobSummary> all = sandboxes.jobs(s.id());
        if (all.isEmpty()) {
            add(new Paragraph("Queued."));
            return;
        }
        for (JobSummary job : all) {
            Div box = new Div();
            box.addClassName("dp-job");
            String title = job.kind().name().toLowerCase(Locale.ROOT) + " — "
                    + job.status().name().toLowerCase(Locale.ROOT) + (job.simulated() ? " (simulated)" : "");
            box.add(new Span(title));
            ProgressBar bar = new ProgressBar(0, 1, job.progress());
            bar.getElement().setAttribute("aria-label", title);
            box.add(bar);
            Grid<JobSummary.StepSummary> steps = new Grid<>();
            steps.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
            steps.addColumn(st -> st.layer().code()).setHeader("Layer");
            steps.addColumn(JobSummary.StepSummary::name).setHeader("Step");
            steps.addColumn(st -> st.status().name().toLowerCase(Locale.ROOT)
                            + (st.attempts() > 1 ? " (" + st.attempts() + " attempts)" : ""))
                    .setHeader("Status");
            steps.addColumn(st -> SandboxText.when(st.startedAt(), zone, now)).setHeader("Started");
            steps.addColumn(st -> SandboxText.when(st.finishedAt(), zone, now)).setHeader("Finished");
            steps.addColumn(st -> SandboxText.took(st.startedAt(), st.finishedAt()))
                    .setHeader("Took");
            steps.addColumn(st -> st.error() == null ? "" : st.error()).setHeader("Error");
            steps.setItems(job.steps());
            steps.setAllRowsVisible(true);
            box.add(steps);
            box.add(new PipelineRuns(job));
            add(box);
            if (job != all.getFirst()) {
                box.addClassName("dp-job-older");
            }
        }
    }
}
