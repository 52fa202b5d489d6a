package dev.demoportal.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.base.ValidationFailed.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResetPlanTest {

    private static final ResetPlan.Step WIPE =
            new ResetPlan.Step("wipe", "bitnami/kubectl:1.31", List.of("delete", "all", "--all"), null, 10);

    @Test
    void aPlanSurvivesItsStoredForm() {
        ResetPlan plan = new ResetPlan(List.of(WIPE, new ResetPlan.Step("seed", "seed:1", List.of(), "reset", 5)));
        assertThat(ResetPlan.fromJson(plan.toJson())).isEqualTo(plan);
    }

    @Test
    void aStoredStepWithoutTimeoutOrWithUnknownFieldsIsReadWithTheDefault() {
        ResetPlan read = ResetPlan.fromJson("{\"steps\": [{\"name\": \"wipe\", \"image\": \"x\", \"extra\": 1}]}");
        assertThat(read.steps()).singleElement().satisfies(s -> {
            assertThat(s.timeoutMinutes()).isEqualTo(ResetPlan.Step.DEFAULT_TIMEOUT_MINUTES);
            assertThat(s.command()).isEmpty();
        });
    }

    @Test
    void badStepsAreNamedByTheirField() {
        List<FieldError> errors = new ResetPlan(
                        List.of(new ResetPlan.Step("Wipe All", "", List.of(""), "Bad_SA", 0), WIPE, WIPE))
                .problems();
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly(
                        "steps[0].name",
                        "steps[0].image",
                        "steps[0].command",
                        "steps[0].serviceAccount",
                        "steps[0].timeoutMinutes",
                        "steps[2].name");
        assertThat(new ResetPlan(List.of()).problems())
                .extracting(FieldError::field)
                .containsExactly("steps");
        assertThat(new ResetPlan(List.of(WIPE)).problems()).isEmpty();
    }
}
