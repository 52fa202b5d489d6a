package dev.demoportal.notification.ui;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Hr;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import dev.demoportal.notification.SlackBlocks;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a Slack message would look: its Block Kit blocks as readable text (sections, their fields,
 * buttons as button-like labels with their action ids), since local mode sends nothing to Slack.
 * Mrkdwn is shown as plain text, without links: date tokens read as their UTC fallback, links as
 * their label. Nothing here is clickable.
 */
final class SlackMessagePreview extends Div {

    private static final Pattern TOKEN = Pattern.compile("<!date\\^\\d+\\^[^|>]*\\|([^>]*)>|<([^|>]+)\\|([^>]*)>");

    SlackMessagePreview(String blocksJson) {
        setId("outbox-slack");
        addClassName("dp-slack-preview");
        getStyle()
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-left", "4px solid #4a154b")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("max-width", "40em");
        List<LayoutBlock> blocks;
        try {
            blocks = SlackBlocks.parse(blocksJson);
        } catch (RuntimeException e) {
            // a reader never dies on a row the product could have stored
            add(new Span("These blocks cannot be shown: " + e.getClass().getSimpleName()));
            return;
        }
        for (LayoutBlock block : blocks) {
            add(block(block));
        }
    }

    private static Component block(LayoutBlock block) {
        return switch (block) {
            case SectionBlock section -> section(section);
            case HeaderBlock header -> strong(text(header.getText()));
            case DividerBlock ignored -> new Hr();
            case ContextBlock context -> {
                Div div = new Div();
                div.addClassName("dp-muted");
                context.getElements().forEach(e -> {
                    if (e instanceof TextObject t) {
                        div.add(new Span(text(t) + " "));
                    }
                });
                yield div;
            }
            case ActionsBlock actions -> buttons(actions.getElements());
            default -> new Span("[" + block.getType() + " block]");
        };
    }

    private static Component section(SectionBlock section) {
        Div div = new Div();
        div.addClassName("dp-slack-section");
        if (section.getText() != null) {
            div.add(paragraph(text(section.getText())));
        }
        if (section.getFields() != null && !section.getFields().isEmpty()) {
            FlexLayout fields = new FlexLayout();
            fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            fields.getStyle().set("gap", "var(--lumo-space-xs) var(--lumo-space-l)");
            section.getFields().forEach(f -> {
                Div field = paragraph(text(f));
                field.getStyle().set("min-width", "14em");
                fields.add(field);
            });
            div.add(fields);
        }
        if (section.getAccessory() instanceof ButtonElement button) {
            div.add(buttons(List.of(button)));
        }
        return div;
    }

    private static Component buttons(List<BlockElement> elements) {
        FlexLayout row = new FlexLayout();
        row.addClassName("dp-slack-actions");
        row.getStyle().set("gap", "var(--lumo-space-s)").set("margin", "var(--lumo-space-s) 0");
        for (BlockElement element : elements) {
            if (element instanceof ButtonElement button) {
                Span b = new Span(text(button.getText()));
                b.getElement().setAttribute("title", button.getUrl() != null ? button.getUrl() : button.getActionId());
                b.getElement().setAttribute("data-action-id", String.valueOf(button.getActionId()));
                b.getElement()
                        .getThemeList()
                        .add("badge "
                                + ("primary".equals(button.getStyle())
                                        ? "primary"
                                        : "danger".equals(button.getStyle()) ? "error" : "contrast"));
                row.add(b);
            }
        }
        return row;
    }

    /** Mrkdwn's lines as lines, with *bold* lines kept as written (a preview, not a renderer). */
    private static Div paragraph(String text) {
        Div div = new Div();
        div.getStyle().set("white-space", "pre-wrap");
        div.setText(text);
        return div;
    }

    private static Span strong(String text) {
        Span span = new Span(text);
        span.getStyle().set("font-weight", "bold");
        return span;
    }

    /** The text of a text object: date tokens as their fallback, links as their label, entities decoded. */
    static String text(@Nullable TextObject object) {
        String raw = switch (object) {
            case MarkdownTextObject m -> m.getText();
            case PlainTextObject p -> p.getText();
            case null -> "";
            default -> "";
        };
        if (raw == null) {
            return "";
        }
        Matcher m = TOKEN.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) != null ? fallback(m.group(1)) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String fallback(String iso) {
        try {
            return dev.demoportal.base.Message.of(Instant.parse(iso)).utc();
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
