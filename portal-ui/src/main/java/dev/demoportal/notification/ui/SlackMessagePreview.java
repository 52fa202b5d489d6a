package dev.demoportal.notification.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import dev.demoportal.notification.SlackPreview;
import java.util.List;

/**
 * How a Slack message would look: its Block Kit blocks as readable text (sections, their fields,
 * buttons as button-like labels carrying their action ids), since local mode sends nothing to
 * Slack. Nothing here is clickable.
 */
final class SlackMessagePreview extends Div {

    SlackMessagePreview(String blocksJson) {
        setId("outbox-slack");
        getStyle()
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-left", "4px solid #4a154b")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("max-width", "40em");
        List<SlackPreview> parts;
        try {
            parts = SlackPreview.of(blocksJson);
        } catch (RuntimeException e) {
            // a reader never dies on a row the product could have stored
            add(new Span("These blocks cannot be shown: " + e.getClass().getSimpleName()));
            return;
        }
        parts.forEach(this::part);
    }

    private void part(SlackPreview part) {
        if (!part.text().isEmpty()) {
            add(paragraph(part.text()));
        }
        if (!part.fields().isEmpty()) {
            FlexLayout fields = new FlexLayout();
            fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            fields.getStyle().set("gap", "var(--lumo-space-xs) var(--lumo-space-l)");
            part.fields().forEach(f -> {
                Div field = paragraph(f);
                field.getStyle().set("min-width", "14em");
                fields.add(field);
            });
            add(fields);
        }
        if (!part.buttons().isEmpty()) {
            FlexLayout row = new FlexLayout();
            row.getStyle().set("gap", "var(--lumo-space-s)").set("margin", "var(--lumo-space-s) 0");
            for (SlackPreview.Button button : part.buttons()) {
                Span b = new Span(button.label());
                b.getElement().setAttribute("title", button.url() != null ? button.url() : button.actionId());
                b.getElement().setAttribute("data-action-id", button.actionId());
                b.getElement()
                        .getThemeList()
                        .add("badge "
                                + ("primary".equals(button.style())
                                        ? "primary"
                                        : "danger".equals(button.style()) ? "error" : "contrast"));
                row.add(b);
            }
            add(row);
        }
    }

    private static Div paragraph(String text) {
        Div div = new Div();
        div.getStyle().set("white-space", "pre-wrap");
        div.setText(text);
        return div;
    }
}
