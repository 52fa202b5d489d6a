package dev.demoportal.notification;

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
import dev.demoportal.base.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A stored Slack message's blocks as plain parts for the Outbox page's preview (views do not see
 * the Slack SDK): each block's text, its fields and its buttons. Mrkdwn stays as written, except
 * that date tokens read as their UTC moment, links as their label, and entities are decoded.
 *
 * @param text the block's text (a section's, a header's, a context's), empty for none
 * @param fields a section's fields
 * @param buttons an actions block's (or a section's accessory) buttons
 */
public record SlackPreview(String text, List<String> fields, List<Button> buttons) {

    public SlackPreview {
        fields = List.copyOf(fields);
        buttons = List.copyOf(buttons);
    }

    /** A button: its label, action id, style ({@code primary}, {@code danger} or null) and link. */
    public record Button(
            String label,
            String actionId,
            @Nullable String style,
            @Nullable String url) {}

    private static final Pattern TOKEN = Pattern.compile("<!date\\^\\d+\\^[^|>]*\\|([^>]*)>|<([^|>]+)\\|([^>]*)>");

    /** The blocks of a stored message, in order; throws for JSON that is not Block Kit blocks. */
    public static List<SlackPreview> of(String blocksJson) {
        List<SlackPreview> parts = new ArrayList<>();
        for (LayoutBlock block : SlackBlocks.parse(blocksJson)) {
            parts.add(part(block));
        }
        return parts;
    }

    private static SlackPreview part(LayoutBlock block) {
        return switch (block) {
            case SectionBlock s ->
                new SlackPreview(
                        text(s.getText()),
                        s.getFields() == null
                                ? List.of()
                                : s.getFields().stream().map(SlackPreview::text).toList(),
                        s.getAccessory() == null ? List.of() : buttons(List.of(s.getAccessory())));
            case HeaderBlock h -> new SlackPreview(text(h.getText()), List.of(), List.of());
            case DividerBlock ignored -> new SlackPreview("―", List.of(), List.of());
            case ContextBlock c ->
                new SlackPreview(
                        String.join(
                                " ",
                                c.getElements().stream()
                                        .filter(TextObject.class::isInstance)
                                        .map(e -> text((TextObject) e))
                                        .toList()),
                        List.of(),
                        List.of());
            case ActionsBlock a -> new SlackPreview("", List.of(), buttons(a.getElements()));
            default -> new SlackPreview("[" + block.getType() + " block]", List.of(), List.of());
        };
    }

    private static List<Button> buttons(List<? extends BlockElement> elements) {
        return elements.stream()
                .filter(ButtonElement.class::isInstance)
                .map(ButtonElement.class::cast)
                .map(b -> new Button(text(b.getText()), String.valueOf(b.getActionId()), b.getStyle(), b.getUrl()))
                .toList();
    }

    static String text(@Nullable TextObject object) {
        String raw = switch (object) {
            case MarkdownTextObject m -> m.getText();
            case PlainTextObject p -> p.getText();
            case null, default -> "";
        };
        if (raw == null) {
            return "";
        }
        Matcher m = TOKEN.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) != null ? moment(m.group(1)) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String moment(String iso) {
        try {
            return Message.of(Instant.parse(iso)).utc();
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
