package dev.demoportal.notification;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A notification as a Slack Block Kit message (the SDK's block model): the headline, the facts, and
 * the buttons that act on the thing where Slack can act on it: release and extend a held booking by
 * an hour, approve or reject a sandbox request. The Slack app's interaction endpoint reads the
 * buttons' action ids below and the thing's id in their {@code value}.
 */
public final class SlackBlocks {

    /** Releases the booking named in the button's value. */
    public static final String RELEASE = "booking.release";
    /** Extends the booking named in the button's value by one hour. */
    public static final String EXTEND = "booking.extend";
    /** Approves the sandbox request named in the button's value. */
    public static final String APPROVE = "sandbox.approve";
    /** Rejects the sandbox request named in the button's value. */
    public static final String REJECT = "sandbox.reject";
    /** Opens the portal (a link button: Slack still reports the press, which changes nothing). */
    public static final String OPEN = "portal.open";

    private static final Gson GSON = GsonFactory.createSnakeCase();
    private static final int MAX_FIELDS = 10;
    private static final String MOMENT = "\u0001";
    private static final java.util.regex.Pattern MARKED = java.util.regex.Pattern.compile("\u0001(-?\\d+)\u0001");

    private SlackBlocks() {}

    /**
     * The blocks of a direct message about {@code notice}; {@code link} makes a portal route an
     * absolute URL.
     */
    static List<LayoutBlock> of(Notice notice, UnaryOperator<String> link) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + escape(notice.subject()) + "*\n" + message(notice)))));
        List<TextObject> fields = new ArrayList<>();
        for (Map.Entry<String, String> fact : notice.details().entrySet()) {
            if (fields.size() == MAX_FIELDS) {
                break;
            }
            fields.add(markdownText("*" + escape(fact.getKey()) + "*\n" + escape(fact.getValue())));
        }
        if (!fields.isEmpty()) {
            blocks.add(section(s -> s.fields(fields)));
        }
        List<BlockElement> buttons = new ArrayList<>(buttons(notice));
        if (notice.link() != null) {
            buttons.add(ButtonElement.builder()
                    .actionId(OPEN)
                    .text(plainText("Open in the portal"))
                    .url(link.apply(notice.link()))
                    .build());
        }
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.elements(buttons)));
        }
        return blocks;
    }

    /** The buttons that act, by kind; none where the data does not name the thing. */
    private static List<BlockElement> buttons(Notice notice) {
        return switch (notice.kind()) {
            case WAITLIST_GRANTED, BOOKING_CHECK_IN_DUE -> {
                String booking = id(notice, "booking");
                yield booking == null
                        ? List.of()
                        : List.of(
                                button(EXTEND, "Extend 1 h", booking, null), button(RELEASE, "Release", booking, null));
            }
            case SANDBOX_AWAITING_APPROVAL -> {
                String sandbox = id(notice, "sandbox");
                yield sandbox == null
                        ? List.of()
                        : List.of(
                                button(APPROVE, "Approve", sandbox, "primary"),
                                button(REJECT, "Reject", sandbox, "danger"));
            }
            default -> List.of();
        };
    }

    private static @Nullable String id(Notice notice, String key) {
        Object value = notice.data().get(key);
        return value == null ? null : value.toString();
    }

    private static ButtonElement button(String actionId, String label, String value, @Nullable String style) {
        return ButtonElement.builder()
                .actionId(actionId)
                .text(plainText(label))
                .value(value)
                .style(style)
                .build();
    }

    /** The blocks as Slack's JSON array, as the outbox stores and chat.postMessage sends them. */
    public static String json(List<LayoutBlock> blocks) {
        return GSON.toJson(blocks);
    }

    /** Blocks back from their JSON (for the Outbox page's preview). */
    public static List<LayoutBlock> parse(String json) {
        return GSON.fromJson(json, new TypeToken<List<LayoutBlock>>() {}.getType());
    }

    /** A Slack date token: each reader sees it in their own time zone; the fallback is UTC. */
    public static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
    }

    /** The message, escaped, with its moments as date tokens (which must not be escaped). */
    private static String message(Notice notice) {
        String marked = escape(notice.message().render(at -> MOMENT + at.getEpochSecond() + MOMENT));
        return MARKED.matcher(marked)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        date(Instant.ofEpochSecond(Long.parseLong(m.group(1))))));
    }

    /** Slack mrkdwn's three control characters, so names cannot become links or mentions. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
