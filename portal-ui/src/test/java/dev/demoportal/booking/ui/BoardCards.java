package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import dev.demoportal.booking.ui.ClaimDialog.ClaimLength;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The board's cards as the browser gets them: each card's HTML parsed (jsoup), and a button pressed
 * the way the browser reports it, with the event data the board's click listener asks for, read
 * from the pressed button and its slot row.
 */
final class BoardCards {

    private BoardCards() {}

    /** The card of {@code slug} on the board open in the current UI, as the browser builds it. */
    static org.jsoup.nodes.Element card(String slug) {
        return card(_get(BoardView.class), slug);
    }

    /** The card of {@code slug} on {@code board}, as the browser builds it. */
    static org.jsoup.nodes.Element card(BoardView board, String slug) {
        Element card = cardElements(board)
                .filter(c -> c.getAttribute("id").equals("board-" + slug))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no card board-" + slug));
        Document page = Jsoup.parseBodyFragment("<div id=\"" + card.getAttribute("id") + "\" class=\""
                + card.getAttribute("class") + "\">" + card.getProperty("innerHTML") + "</div>");
        return page.body().child(0);
    }

    /** The texts of every {@code <span>} in {@code container}, as the board's tests have always read them. */
    static List<String> texts(org.jsoup.nodes.Element container) {
        return container.select("span").stream().map(e -> e.text()).toList();
    }

    /** Every card's buttons with {@code label} as their text. */
    static Elements buttons(String text) {
        Elements all = new Elements();
        cardElements()
                .forEach(card -> all.addAll(
                        card(card.getAttribute("id").substring("board-".length())).select("vaadin-button").stream()
                                .filter(b -> b.text().equals(text))
                                .toList()));
        return all;
    }

    /** Presses the button whose {@code aria-label} is {@code label}, on whichever card it is. */
    static void press(String label) {
        press(label, null);
    }

    /** Presses the button labelled {@code label}, with {@code length} chosen in its row's picker first. */
    static void press(String label, @Nullable ClaimLength length) {
        for (Element card : cardElements().toList()) {
            org.jsoup.nodes.Element parsed = card(card.getAttribute("id").substring("board-".length()));
            org.jsoup.nodes.Element button = parsed.selectFirst("vaadin-button[aria-label=\"" + label + "\"]");
            if (button == null) {
                continue;
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put(BoardView.PRESSED, true);
            data.put(BoardView.ACTION, button.attr("data-action"));
            data.put(BoardView.CARD, parsed.id());
            if (button.hasAttr("data-slot")) {
                data.put(BoardView.SLOT, button.attr("data-slot"));
            }
            if (button.hasAttr("data-booking")) {
                data.put(BoardView.BOOKING, button.attr("data-booking"));
            }
            org.jsoup.nodes.Element row = button.closest(".dp-board-slot");
            org.jsoup.nodes.Element select = row == null ? null : row.selectFirst("select");
            if (select != null) {
                org.jsoup.nodes.Element chosen = select.selectFirst("option[selected]");
                data.put(BoardView.LENGTH, length != null ? length.name() : chosen == null ? "" : chosen.attr("value"));
            }
            Element regions = card.getParent().getParent().getParent();
            ElementUtilsKt._fireDomEvent(regions, new DomEvent(regions, "click", data));
            return;
        }
        throw new AssertionError("no button labelled " + label + " on the board");
    }

    private static Stream<Element> cardElements() {
        return cardElements(_get(BoardView.class));
    }

    private static Stream<Element> cardElements(BoardView board) {
        List<Element> cards = new ArrayList<>();
        collect(board.getElement(), cards);
        return cards.stream();
    }

    private static void collect(Element element, List<Element> cards) {
        if ("dp-env-card".equals(element.getAttribute("class"))) {
            cards.add(element);
            return;
        }
        element.getChildren().forEach(child -> collect(child, cards));
    }
}
