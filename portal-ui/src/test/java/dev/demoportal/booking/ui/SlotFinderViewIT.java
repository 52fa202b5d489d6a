package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.ui.BookDialog.Length;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** "Find a slot" on the fixture environments: a Tokyo customer gets Japan first, and one click books. */
class SlotFinderViewIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    private static List<String> rows(SlotFinderView view) {
        return _find(view.results, Div.class, spec -> spec.withClasses("dp-finder-row")).stream()
                .map(row -> String.join(
                        " | ",
                        _find(row, Span.class).stream().map(Span::getText).toList()))
                .toList();
    }

    @Test
    void aTokyoCustomerSeesJapanFirstAndBooksItInOneClick() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("find-a-slot");
        SlotFinderView view = _get(SlotFinderView.class);

        _setValue(view.length, Length.H1);
        _setValue(view.customerZone, "Asia/Tokyo");
        _click(view.search);

        List<String> rows = rows(view);
        assertThat(rows).isNotEmpty();
        assertThat(rows.getFirst()).contains("Japan / APAC", "region clock same as the customer's", "(Tokyo)");
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("EMEA"));

        Button first = _find(view.results, Button.class).getFirst();
        _click(first);
        assertThat(view.purpose.isInvalid()).as("no purpose, no booking").isTrue();

        _setValue(view.purpose, "Tokyo customer call");
        _click(first);

        List<BookingSummary> mine = bookings.mine().stream()
                .filter(b -> b.purpose().equals("Tokyo customer call"))
                .toList();
        assertThat(mine).singleElement().satisfies(b -> {
            assertThat(b.environmentSlug()).startsWith("apj-");
            assertThat(Duration.between(b.start(), b.end())).isEqualTo(Duration.ofHours(1));
        });
    }
}
