package dev.demoportal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.demoportal.base.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlackBlocksTest {

    private static final UUID ALICE = UUID.randomUUID();

    private static Notice notice(NotificationKind kind, String name, Map<String, Object> data) {
        return new Notice(
                kind,
                List.of(new Notice.Recipient(ALICE, "alice@demoportal.dev", "Alice Field")),
                "About " + name,
                Message.of("<@U0EVIL> " + name + " & co until ", Instant.parse("2026-12-07T10:00:00Z"), "."),
                "approvals",
                Map.of("Use case", "<!channel> please"),
                data);
    }

    @Test
    void namesCannotMentionOrLinkButMomentsStayDateTokens() {
        List<LayoutBlock> blocks =
                SlackBlocks.of(notice(NotificationKind.SANDBOX_READY, "acme", Map.of()), r -> "https://p/" + r);
        String text = ((SectionBlock) blocks.getFirst()).getText().getText();
        assertThat(text)
                .isEqualTo("*About acme*\n&lt;@U0EVIL&gt; acme &amp; co until "
                        + "<!date^1796637600^{date_short_pretty} {time}|2026-12-07T10:00:00Z>.");
        assertThat(((SectionBlock) blocks.get(1)).getFields().getFirst().getText())
                .isEqualTo("*Use case*\n&lt;!channel&gt; please");
    }

    @Test
    void approvalRequestsGetApproveAndRejectAndEveryMessageTheLink() {
        String id = UUID.randomUUID().toString();
        List<LayoutBlock> blocks = SlackBlocks.parse(SlackBlocks.json(SlackBlocks.of(
                notice(NotificationKind.SANDBOX_AWAITING_APPROVAL, "x", Map.of("sandbox", id)),
                r -> "https://p/" + r)));
        List<ButtonElement> buttons = ((ActionsBlock) blocks.getLast())
                .getElements().stream().map(ButtonElement.class::cast).toList();
        assertThat(buttons)
                .extracting(ButtonElement::getActionId, ButtonElement::getValue, ButtonElement::getStyle)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SlackBlocks.APPROVE, id, "primary"),
                        org.assertj.core.groups.Tuple.tuple(SlackBlocks.REJECT, id, "danger"),
                        org.assertj.core.groups.Tuple.tuple(SlackBlocks.OPEN, null, null));
        assertThat(buttons.getLast().getUrl()).isEqualTo("https://p/approvals");
    }

    @Test
    void aNoticeWithoutTheThingsIdGetsNoActingButtons() {
        List<LayoutBlock> blocks =
                SlackBlocks.of(notice(NotificationKind.BOOKING_CHECK_IN_DUE, "x", Map.of()), r -> "https://p/" + r);
        assertThat(((ActionsBlock) blocks.getLast()).getElements())
                .map(e -> ((ButtonElement) e).getActionId())
                .containsExactly(SlackBlocks.OPEN);
    }
}
