package dev.demoportal.booking.ui;

import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.AccessSettings.SubjectKind;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.ResetPlan;
import dev.demoportal.environment.ResetPlanService;
import java.time.Duration;
import java.util.List;

/** Test set-up: an environment whose slots are reset after each booking, as an admin makes one. */
final class ResettableEnvironment {

    private ResettableEnvironment() {}

    /**
     * Creates environment {@code slug} in emea with {@code slots} slots and a one-step reset plan;
     * reset steps run in the slot's namespace, so it gets the access settings that name it first.
     */
    static void create(EnvironmentService environments, ResetPlanService plans, String slug, String name, int slots) {
        SystemTask.run("test", List.of("ADMIN"), () -> {
            EnvironmentSummary env = environments.createEnvironment(
                    new EnvironmentForm(slug, name, "emea", slots, EnvironmentStatus.AVAILABLE, "", List.of()));
            environments.updateAccessSettings(
                    env.id(),
                    env.version(),
                    new AccessSettings("{environment}-slot-{slot}", SubjectKind.USER, "oidc:{email}", "edit"));
            return plans.update(
                    env.id(),
                    new ResetPlan(List.of(new ResetPlan.Step("wipe", "bitnami/kubectl:1.31", List.of(), null, 5))));
        });
    }

    /** Claims every slot of {@code slug} now and releases it again, as whoever is signed in: each slot then owes a reset. */
    static void holdAndReleaseEach(BookingService bookings, String slug, int slots) {
        for (int slot = 1; slot <= slots; slot++) {
            BookingSummary held = bookings.claim(slug, slot, Duration.ofHours(1), "Demo " + slot, null);
            bookings.release(held.id());
        }
    }
}
