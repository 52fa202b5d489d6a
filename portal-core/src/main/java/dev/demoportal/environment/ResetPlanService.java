package dev.demoportal.environment;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reset plans of environments: what the worker runs on a slot after each holding (admins edit
 * them). A plan's Job steps run in the slot's namespace, so a plan needs the environment's access
 * settings to name one.
 */
@Service
@Transactional
public class ResetPlanService {

    private final ResetPlanQueries plans;
    private final SharedEnvironmentRepository environments;
    private final ApplicationEventPublisher events;

    ResetPlanService(
            ResetPlanQueries plans, SharedEnvironmentRepository environments, ApplicationEventPublisher events) {
        this.plans = plans;
        this.environments = environments;
        this.events = events;
    }

    /** The plan of an environment; empty when it has none (slots are handed over as they are). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public Optional<ResetPlan> plan(UUID environmentId) {
        return plans.plan(environmentId)
                .orElseThrow(() -> notFound(environmentId.toString()))
                .map(ResetPlan::fromJson);
    }

    /** The plan of environment {@code slug}. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public Optional<ResetPlan> plan(String slug) {
        return plan(id(slug));
    }

    /**
     * Sets (or, with null, removes) the plan. It applies to holdings that end from now on; a
     * reset already asked for runs the plan it was asked with.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<ResetPlan> update(UUID environmentId, @Nullable ResetPlan plan) {
        SharedEnvironment environment =
                environments.findById(environmentId).orElseThrow(() -> notFound(environmentId.toString()));
        if (plan != null) {
            plan.checked();
            if (!environment.access().enabled()) {
                throw ValidationFailed.of(
                        "steps",
                        "Reset steps run in the slot's namespace: set the environment's slot namespaces "
                                + "(access settings) first");
            }
        }
        Optional<ResetPlan> before = plan(environmentId);
        if (before.equals(Optional.ofNullable(plan))) {
            return before;
        }
        plans.store(environmentId, plan == null ? null : plan.toJson());
        events.publishEvent(new ResetPlanChanged(
                CurrentActor.actor(),
                environmentId,
                environment.toView().slug(),
                before.map(ResetPlan::describe).orElse(List.of()),
                plan == null ? List.of() : plan.describe()));
        return Optional.ofNullable(plan);
    }

    /** Sets the plan of environment {@code slug}. */
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<ResetPlan> update(String slug, @Nullable ResetPlan plan) {
        return update(id(slug), plan);
    }

    private UUID id(String slug) {
        return environments.findBySlug(slug).map(SharedEnvironment::id).orElseThrow(() -> notFound(slug));
    }

    private static NotFound notFound(String which) {
        return new NotFound("environment.not_found", "No environment " + which);
    }

    /** An admin set, changed or removed an environment's reset plan. */
    public record ResetPlanChanged(
            Actor actor, UUID environmentId, String environment, List<String> before, List<String> after)
            implements AuditableEvent {
        @Override
        public String action() {
            return "environment.reset_plan_changed";
        }

        @Override
        public String targetType() {
            return "environment";
        }

        @Override
        public String targetId() {
            return environmentId.toString();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("environment", environment);
            d.put("before", before);
            d.put("after", after);
            return d;
        }
    }
}
