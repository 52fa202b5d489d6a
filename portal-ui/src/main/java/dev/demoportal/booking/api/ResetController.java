package dev.demoportal.booking.api;

import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.booking.SlotResetSummary;
import dev.demoportal.environment.ResetPlan;
import dev.demoportal.environment.ResetPlanService;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Verified hand-off: an environment's reset plan, each slot's reset state, and returning a slot to service. */
@RestController
@RequestMapping("/api/v1/environments/{slug}")
class ResetController {

    /** Field names are part of the stable API; {@code steps} empty: the environment has no plan. */
    record PlanJson(@Nullable List<StepJson> steps) {

        static PlanJson of(@Nullable ResetPlan plan) {
            return new PlanJson(
                    plan == null
                            ? List.of()
                            : plan.steps().stream().map(StepJson::of).toList());
        }

        ResetPlan toPlan() {
            return new ResetPlan(
                    steps == null
                            ? List.of()
                            : steps.stream()
                                    .map(s -> s == null
                                            ? new ResetPlan.Step("", "", List.of(), null, 0)
                                            : new ResetPlan.Step(
                                                    s.name(),
                                                    s.image(),
                                                    s.command(),
                                                    s.serviceAccount(),
                                                    s.timeoutMinutes() == null
                                                            ? ResetPlan.Step.DEFAULT_TIMEOUT_MINUTES
                                                            : s.timeoutMinutes()))
                                    .toList());
        }
    }

    /** One step: a Kubernetes Job in the slot's namespace. */
    record StepJson(
            @Nullable String name,
            @Nullable String image,
            @Nullable List<String> command,
            @Nullable String serviceAccount,
            @Nullable Integer timeoutMinutes) {

        static StepJson of(ResetPlan.Step s) {
            return new StepJson(s.name(), s.image(), s.command(), s.serviceAccount(), s.timeoutMinutes());
        }
    }

    /** A slot's reset; {@code state} is what the board shows: RESETTING, OUT_OF_SERVICE, CLEAN, RETURNED. */
    record ResetJson(
            UUID id,
            int slot,
            String state,
            String status,
            @Nullable UUID afterBooking,
            Instant requestedAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            int stepsDone,
            int steps,
            @Nullable String error,
            @Nullable Instant returnedAt,
            @Nullable String returnNote) {

        static ResetJson of(SlotResetSummary r) {
            return new ResetJson(
                    r.id(),
                    r.slot(),
                    r.state().name(),
                    r.status().name(),
                    r.bookingId(),
                    r.requestedAt(),
                    r.startedAt(),
                    r.finishedAt(),
                    r.step(),
                    r.steps(),
                    r.error(),
                    r.returnedAt(),
                    r.returnNote());
        }
    }

    /** The slot's latest reset (null: never reset) and its history, newest first. */
    record SlotResetsJson(int slot, @Nullable ResetJson latest, List<ResetJson> history) {}

    record ReturnJson(@Nullable String note) {}

    private final ResetPlanService plans;
    private final SlotResetService resets;

    ResetController(ResetPlanService plans, SlotResetService resets) {
        this.plans = plans;
        this.resets = resets;
    }

    @GetMapping("/reset-plan")
    @ApiProblem("environment.not_found")
    @Operation(summary = "The environment's reset plan: the steps run on a slot after each holding (empty: none)")
    PlanJson plan(@PathVariable String slug) {
        return PlanJson.of(plans.plan(slug).orElse(null));
    }

    @PutMapping("/reset-plan")
    @ApiProblem({"validation.failed", "environment.not_found"})
    @Operation(
            summary = "Admins: set the reset plan, 1–10 steps {name, image, command[], serviceAccount, "
                    + "timeoutMinutes (1–120, default 15)}; needs the environment's slot namespaces")
    PlanJson putPlan(@PathVariable String slug, @RequestBody PlanJson body) {
        return PlanJson.of(plans.update(slug, body.toPlan()).orElse(null));
    }

    @DeleteMapping("/reset-plan")
    @ApiProblem("environment.not_found")
    @Operation(summary = "Admins: remove the reset plan (slots are handed over as they are left)")
    ResponseEntity<Void> deletePlan(@PathVariable String slug) {
        plans.update(slug, null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/slots/{slot}/reset")
    @ApiProblem({"validation.failed", "environment.not_found", "slot.not_found"})
    @Operation(summary = "A slot's reset state (latest reset) and its reset history, newest first")
    SlotResetsJson slotResets(
            @PathVariable String slug, @PathVariable int slot, @RequestParam(defaultValue = "20") int limit) {
        List<ResetJson> history =
                resets.history(slug, slot, limit).stream().map(ResetJson::of).toList();
        return new SlotResetsJson(slot, history.isEmpty() ? null : history.getFirst(), history);
    }

    @PostMapping("/slots/{slot}/return-to-service")
    @ApiProblem({
        "validation.failed",
        "environment.not_found",
        "slot.not_found",
        "slot_reset.not_out_of_service",
        "slot_reset.illegal_transition"
    })
    @Operation(
            summary = "Admins: return a slot that is out of service (its reset failed) to service, with an "
                    + "optional note; 409 slot_reset.not_out_of_service otherwise")
    ResetJson returnToService(
            @PathVariable String slug, @PathVariable int slot, @RequestBody(required = false) ReturnJson body) {
        return ResetJson.of(resets.returnToService(slug, slot, body == null ? null : body.note()));
    }
}
