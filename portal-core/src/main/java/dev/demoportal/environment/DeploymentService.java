package dev.demoportal.environment;

import dev.demoportal.base.Actor;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.FormValidator;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.Message;
import dev.demoportal.base.ValidationFailed;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deployment reports: pipelines say what they deployed to an environment or to one of its slots;
 * every report is kept and audited, and the latest by the time the pipeline saw it is current.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
public class DeploymentService {

    /** A report this far ahead of the portal's clock is a pipeline's clock gone wrong. */
    private static final java.time.Duration FUTURE_TOLERANCE = java.time.Duration.ofMinutes(5);

    /** What the environment page lists. */
    public static final int HISTORY = 20;

    private final DeploymentRepository deployments;
    private final SharedEnvironmentRepository environments;
    private final FormValidator validator;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeploymentService(
            DeploymentRepository deployments,
            SharedEnvironmentRepository environments,
            FormValidator validator,
            ApplicationEventPublisher events,
            Clock clock) {
        this.deployments = deployments;
        this.environments = environments;
        this.validator = validator;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records what was deployed to environment {@code slug} ({@code slot} null) or to one of its
     * slots. A report the pipeline saw earlier than the current one arrived late: it is refused
     * with {@link StaleDeploymentReport}, so the current state never goes back in time.
     */
    @Transactional
    public DeploymentSummary report(String slug, @Nullable Integer slot, DeploymentReport report) {
        validator.check(report);
        SharedEnvironment environment =
                environments.findBySlug(slug).orElseThrow(() -> EnvironmentService.notFound(slug));
        EnvironmentSummary view = environment.toView();
        if (slot != null && (slot < 1 || slot > view.tenantSlots())) {
            throw ValidationFailed.of("slot", view.name() + " has slots 1 to " + view.tenantSlots());
        }
        Instant now = clock.instant();
        Instant at = report.at() == null ? now : report.at().truncatedTo(ChronoUnit.MILLIS);
        if (!InputRules.check("at", at).isEmpty()) {
            throw new ValidationFailed(InputRules.check("at", at));
        }
        if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw ValidationFailed.of("at", Message.of("Lies in the future (the portal's clock says ", now, ")"));
        }
        deployments.lockEnvironment(environment.id());
        deployments
                .current(environment.id(), slot)
                .filter(current -> current.observedAt().isAfter(at))
                .ifPresent(current -> {
                    throw new StaleDeploymentReport(current.toView(), at);
                });
        Actor actor = CurrentActor.actor();
        Deployment deployment = deployments.saveAndFlush(
                new Deployment(environment.id(), slot, report, at, now, actor.userId(), actor.name()));
        DeploymentSummary saved = deployment.toView();
        events.publishEvent(new EnvironmentEvents.DeploymentReported(actor, view, saved));
        return saved;
    }

    /** The current reports of an environment: key 0 is the environment's own, others are slot numbers. */
    public Map<Integer, DeploymentSummary> current(UUID environmentId) {
        return current(List.of(environmentId)).getOrDefault(environmentId, Map.of());
    }

    /** The current reports of several environments (for the board), as {@link #current(UUID)} keys them. */
    public Map<UUID, Map<Integer, DeploymentSummary>> current(List<UUID> environmentIds) {
        Map<UUID, Map<Integer, DeploymentSummary>> result = new HashMap<>();
        if (environmentIds.isEmpty()) {
            return result;
        }
        for (Deployment d : deployments.currentOf(environmentIds)) {
            DeploymentSummary view = d.toView();
            result.computeIfAbsent(view.environmentId(), id -> new HashMap<>())
                    .put(view.slot() == null ? 0 : view.slot(), view);
        }
        return result;
    }

    /** The latest {@code limit} reports of an environment and its slots, newest first. */
    public List<DeploymentSummary> history(String slug, int limit) {
        SharedEnvironment environment =
                environments.findBySlug(slug).orElseThrow(() -> EnvironmentService.notFound(slug));
        return deployments.history(environment.id(), Limit.of(Math.clamp(limit, 1, 200))).stream()
                .map(Deployment::toView)
                .toList();
    }

    /** One page of an environment's reports, newest first, and how many there are in all. */
    public record HistoryPage(List<DeploymentSummary> items, long total) {}

    /** Every report of the environment and its slots, newest first, a page at a time (no cap). */
    @Transactional(readOnly = true)
    public HistoryPage history(String slug, int offset, int limit) {
        SharedEnvironment environment =
                environments.findBySlug(slug).orElseThrow(() -> EnvironmentService.notFound(slug));
        return new HistoryPage(
                deployments.historyPage(environment.id(), offset, limit).stream()
                        .map(Deployment::toView)
                        .toList(),
                deployments.countByEnvironmentId(environment.id()));
    }

    /** A report that the pipeline saw before the current one: it arrived too late to count. */
    public static class StaleDeploymentReport extends Conflict {

        private final DeploymentSummary current;

        StaleDeploymentReport(DeploymentSummary current, Instant at) {
            super(
                    "deployment.stale",
                    Message.of(
                            "This report (seen ",
                            at,
                            ") is older than the current one (" + current.label() + ", "
                                    + current.status().label() + ", seen ",
                            current.at(),
                            "); it was not " + "recorded."));
            this.current = current;
        }

        @Override
        public Map<String, Object> problemProperties() {
            return Map.of("currentAt", current.at().toString(), "currentVersion", current.version());
        }
    }
}
