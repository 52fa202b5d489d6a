package dev.demoportal.notification.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.Message;
import dev.demoportal.calendar.CalendarService;
import dev.demoportal.calendar.ui.CalendarFeedsCard;
import dev.demoportal.identity.InvitationService;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.notification.Notice;
import dev.demoportal.notification.NotificationChannel;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.notification.NotificationPreference;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.notification.OutboxEntry;
import dev.demoportal.notification.OutboxEntry.Channel;
import dev.demoportal.notification.OutboxEntry.Status;
import dev.demoportal.notification.WebhookSummary.Format;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pages of notifications: admins register a webhook (its secret shown once) and read the
 * outbox, where an invitation mail is held without showing its link; everyone chooses their
 * channels and makes a calendar feed under My account.
 */
class NotificationViewsIT extends ViewTestSupport {

    @Autowired
    InvitationService invitations;

    @Autowired
    NotificationService notifications;

    @Autowired
    CalendarService calendars;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAdminRegistersAWebhookAndSeesItsSecretOnce() {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("admin/webhooks");
        WebhooksView view = _get(WebhooksView.class);
        view.name.setValue("Ops channel");
        view.url.setValue("https://hooks.example.com/services/T000/B000/very-secret-path");
        view.kinds.setValue(Set.of(NotificationKind.SANDBOX_READY, NotificationKind.SANDBOX_FAILED));
        view.format.setValue(Format.TEAMS);
        _click(view.register);

        String secret =
                _get(TextField.class, spec -> spec.withId("webhook-secret")).getValue();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(_size(view.grid)).isGreaterThanOrEqualTo(1);
        // the URL's path (an incoming webhook's credential) is not shown
        assertThat(_get(view.grid, 0).displayUrl()).isEqualTo("https://hooks.example.com/…");
    }

    @Test
    void theOutboxShowsAHeldInvitationWithoutItsLink() {
        openUiAs(Person.ALICE);
        invitations.invite("wile.coyote@globex.example", "globex");
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("admin/outbox");
        OutboxView view = _get(OutboxView.class);
        view.status.setValue(Status.HELD);

        assertThat(_size(view.grid)).isGreaterThanOrEqualTo(1);
        OutboxEntry held = _get(view.grid, 0);
        assertThat(held.recipient()).isEqualTo("wile.coyote@globex.example");
        assertThat(held.lastError()).startsWith("Held:");
        view.grid.select(held);
        assertThat(_get(
                                view.detail,
                                Paragraph.class,
                                spec -> spec.withText("Its body is not shown: it carries a one-time sign-up link."))
                        .isVisible())
                .isTrue();
    }

    @Test
    void theOutboxShowsHowASlackDirectMessageWouldLookWithItsButtons() {
        UserAccount alice = openUiAs(Person.ALICE);
        notifications.choose(NotificationKind.SANDBOX_AWAITING_APPROVAL, NotificationChannel.SLACK, true);
        String sandbox = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> notifications.notify(new Notice(
                NotificationKind.SANDBOX_AWAITING_APPROVAL,
                List.of(new Notice.Recipient(alice.id(), alice.email(), alice.displayName())),
                "Sandbox request preview-" + sandbox + " waits for approval",
                Message.of("Carol requests a sandbox until ", Instant.parse("2026-12-07T10:00:00Z"), "."),
                "approvals",
                Map.of("Use case", "Show <Acme> the preview"),
                Map.of("sandbox", sandbox))));

        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("admin/outbox");
        OutboxView view = _get(OutboxView.class);
        view.channel.setValue(Channel.SLACK);
        OutboxEntry message = java.util.stream.IntStream.range(0, _size(view.grid))
                .mapToObj(i -> _get(view.grid, i))
                .filter(e -> e.subject().contains(sandbox))
                .findFirst()
                .orElseThrow();
        assertThat(message.recipient()).isEqualTo(alice.email());
        view.grid.select(message);

        SlackMessagePreview preview = _get(view.detail, SlackMessagePreview.class);
        assertThat(_find(preview, Div.class).stream().map(Div::getText))
                .contains(
                        "*Sandbox request preview-" + sandbox + " waits for approval*\n"
                                + "Carol requests a sandbox until 2026-12-07 10:00 UTC.",
                        "*Use case*\nShow <Acme> the preview");
        assertThat(_find(preview, Span.class).stream()
                        .filter(b -> b.getElement().hasAttribute("data-action-id"))
                        .map(b -> b.getText() + "=" + b.getElement().getAttribute("data-action-id")))
                .containsExactly("Approve=sandbox.approve", "Reject=sandbox.reject", "Open in the portal=portal.open");
    }

    @Test
    void everyoneChoosesTheirChannelsAndMakesACalendarFeed() {
        openUiAs(Person.CAROL);
        UI.getCurrent().navigate("account");
        NotificationPreferencesCard preferences = _get(NotificationPreferencesCard.class);
        int row = notifications.myPreferences().stream()
                .map(NotificationPreference::kind)
                .toList()
                .indexOf(NotificationKind.SANDBOX_READY);
        Checkbox mail =
                (Checkbox) com.github.mvysny.kaributesting.v10.GridKt._getCellComponent(preferences.grid, row, "mail");
        assertThat(mail.getId()).hasValue("pref-sandbox-ready-mail");
        assertThat(mail.getValue()).isTrue();
        com.github.mvysny.kaributesting.v10.LocatorJ._setValue(mail, false);

        assertThat(notifications.myPreferences())
                .filteredOn(p -> p.kind() == NotificationKind.SANDBOX_READY)
                .singleElement()
                .satisfies(p -> assertThat(p.on(NotificationChannel.MAIL)).isFalse());

        CalendarFeedsCard feeds = _get(CalendarFeedsCard.class);
        // customers have their own feed only
        assertThat(_find(
                        feeds,
                        com.vaadin.flow.component.button.Button.class,
                        spec -> spec.withId("calendar-environment")))
                .isEmpty();
        _click(_get(feeds, com.vaadin.flow.component.button.Button.class, spec -> spec.withId("calendar-personal")));
        String url = _get(TextField.class, spec -> spec.withId("calendar-url")).getValue();
        assertThat(url).matches("https?://.+/calendar/[A-Za-z0-9_-]{43}\\.ics");
        String token = url.substring(url.lastIndexOf('/') + 1, url.length() - 4);
        assertThat(calendars.ics(token))
                .hasValueSatisfying(ics -> assertThat(ics).startsWith("BEGIN:VCALENDAR"));
    }
}
