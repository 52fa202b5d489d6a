package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.SlotResetJob;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.ResetPlanService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A slot's hand-off state as the board and the environment page show it, on an environment the
 * test makes with a reset plan. No worker runs here: the test plays it (one reset succeeds, one
 * fails, one is still waiting), then an admin returns the failed slot to service.
 */
class BoardResetIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    SlotResetService resets;

    @Autowired
    ResetPlanService plans;

    @Autowired
    EnvironmentService environments;

    @Test
    void theBoardShowsCleanSinceResettingAndOutOfServiceAndAnAdminReturnsTheSlot() {
        String slug = "reset-board-" + UUID.randomUUID().toString().substring(0, 6);
        ResettableEnvironment.create(environments, plans, slug, "Reset " + slug, 3);
        openUiAs(Person.ALICE);
        ResettableEnvironment.holdAndReleaseEach(bookings, slug, 3);
        // the worker: slot 1's reset succeeds, slot 2's fails, slot 3's has not run yet
        SystemTask.run("test", List.of("ADMIN"), () -> {
            SlotResetJob first = resets.claimNext().orElseThrow();
            resets.succeeded(first.resetId());
            SlotResetJob second = resets.claimNext().orElseThrow();
            resets.failed(second.resetId(), "step 1 (wipe): Job failed");
            return null;
        });

        UI.getCurrent().navigate("board");

        assertThat(resetText(slug, 1)).matches("clean since (.+ )?\\d{2}:\\d{2}");
        assertThat(claimable(slug, 1)).isTrue();
        assertThat(resetText(slug, 2)).startsWith("out of service: reset failed");
        assertThat(claimable(slug, 2)).isFalse();
        assertThat(resetText(slug, 3)).isEqualTo("resetting");
        assertThat(claimable(slug, 3)).isFalse();
        assertThat(BoardViewIT.texts(BoardViewIT.card(slug))).contains("1 of 3 free");

        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("environments/" + slug);
        Div section = _get(Div.class, spec -> spec.withClasses("dp-reset-section"));
        assertThat(BoardViewIT.texts(section)).contains("1. wipe: bitnami/kubectl:1.31", "resetting");
        _click(_get(section, Button.class, spec -> spec.withText("Return to service")));

        UI.getCurrent().navigate("board");
        assertThat(resetText(slug, 2)).startsWith("returned to service");
        assertThat(claimable(slug, 2)).isTrue();
    }

    private static org.jsoup.nodes.Element slotRow(String slug, int slot) {
        return BoardViewIT.card(slug).select(".dp-board-slot").stream()
                .filter(row -> row.select(".dp-slot-no").stream()
                        .anyMatch(s -> s.text().equals(String.valueOf(slot))))
                .findFirst()
                .orElseThrow();
    }

    private static String resetText(String slug, int slot) {
        return slotRow(slug, slot).select("span.dp-reset").stream()
                .map(org.jsoup.nodes.Element::text)
                .findFirst()
                .orElse("(none)");
    }

    private static boolean claimable(String slug, int slot) {
        return slotRow(slug, slot).select("vaadin-button").stream()
                .anyMatch(b -> b.text().equals("Claim"));
    }
}
