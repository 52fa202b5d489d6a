package dev.demoportal.notification.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.notification.OutboxEntry;
import dev.demoportal.notification.OutboxEntry.Channel;
import dev.demoportal.notification.OutboxEntry.Status;
import dev.demoportal.notification.OutboxProperties;
import dev.demoportal.notification.OutboxService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * The delivery log: every outgoing mail, Slack message and webhook delivery with its state
 * (pending, retrying, sent, failed with the reason, held), newest first, paged from the database.
 * Selecting one shows what was (or, in local mode, would have been) sent: the mail's plain text and
 * HTML, the Slack message's blocks as a preview, the webhook's JSON body. Invitation mails carry a one-time link, so their bodies are never shown.
 */
@Route("admin/outbox")
@PageTitle("Outbox")
@RolesAllowed("ADMIN")
public class OutboxView extends VerticalLayout {

    final ComboBox<Status> status = new ComboBox<>("Status");
    final ComboBox<Channel> channel = new ComboBox<>("Channel");
    final Grid<OutboxEntry> grid = new Grid<>();
    final Div detail = new Div();
    private final OutboxService outbox;
    private final Clock clock;

    OutboxView(OutboxService outbox, OutboxProperties properties, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        setSizeFull();
        add(new H2("Outbox"));
        add(
                new Paragraph(
                        properties.hold()
                                ? "This portal sends nothing (local mode): every mail, Slack message and webhook delivery is kept "
                                        + "here, as it would have been sent."
                                : "Every mail, Slack message and webhook delivery, written with the change that caused it and "
                                        + "delivered by the worker with retries. Failed ones say why; they can be tried again."));
        status.setItems(Status.values());
        status.setItemLabelGenerator(Status::label);
        status.setClearButtonVisible(true);
        status.setId("outbox-status");
        channel.setItems(Channel.values());
        channel.setItemLabelGenerator(OutboxView::label);
        channel.setClearButtonVisible(true);
        status.addValueChangeListener(e -> refresh());
        channel.addValueChangeListener(e -> refresh());
        add(new HorizontalLayout(status, channel));

        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setId("outbox-grid");
        grid.addColumn(e -> ViewerTime.format(e.createdAt(), zone(), clock.instant()))
                .setHeader("Written")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> label(e.channel()))
                .setHeader("Channel")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(OutboxEntry::kind).setHeader("Event").setAutoWidth(true);
        grid.addColumn(OutboxEntry::recipient).setHeader("To").setFlexGrow(2);
        grid.addColumn(OutboxEntry::subject).setHeader("Subject").setFlexGrow(3);
        grid.addComponentColumn(OutboxView::badge)
                .setHeader("State")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(OutboxEntry::attempts)
                .setHeader("Attempts")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.lastError() == null ? "" : e.lastError())
                .setHeader("Reason")
                .setFlexGrow(3);
        grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        detail.setId("outbox-detail");
        detail.setWidthFull();
        add(grid, detail);
        setFlexGrow(1, grid);
        refresh();
    }

    private void refresh() {
        Status s = status.getValue();
        Channel c = channel.getValue();
        long total = outbox.count(s, c);
        grid.setItems(q -> outbox.log(s, c, q.getOffset(), q.getLimit()).stream());
        grid.getColumns().getFirst().setFooter(total + (total == 1 ? " message" : " messages"));
        show(null);
    }

    private void show(@Nullable OutboxEntry entry) {
        detail.removeAll();
        if (entry == null) {
            return;
        }
        detail.add(new H4(entry.subject()));
        Span meta = new Span(entry.status().label() + " · " + entry.attempts() + " attempt(s)"
                + (entry.sentAt() != null
                        ? " · sent " + ViewerTime.format(entry.sentAt(), zone(), clock.instant())
                        : entry.status() == Status.RETRYING
                                ? " · next attempt " + ViewerTime.format(entry.nextAttemptAt(), zone(), clock.instant())
                                : ""));
        meta.addClassName("dp-muted");
        detail.add(meta);
        if (entry.status() == Status.FAILED) {
            Button retry = new Button("Try again", e -> {
                outbox.retry(entry.id());
                refresh();
            });
            retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
            retry.setId("outbox-retry");
            detail.add(new Div(retry));
        }
        if (entry.bodyText() == null) {
            detail.add(new Paragraph("Its body is not shown: it carries a one-time sign-up link."));
            return;
        }
        if (entry.bodyBlocks() != null) {
            detail.add(new SlackMessagePreview(entry.bodyBlocks()));
            Span fallback = new Span("Notification text (shown where the blocks cannot be):");
            fallback.addClassName("dp-muted");
            detail.add(fallback);
        }
        Pre text = new Pre(entry.bodyText());
        text.setId("outbox-body");
        text.getStyle().set("white-space", "pre-wrap").set("max-height", "20em").set("overflow", "auto");
        detail.add(text);
        if (entry.bodyHtml() != null) {
            IFrame html = new IFrame();
            // an empty sandbox: no scripts, no forms, no same-origin access; the mail only renders
            html.getElement().setAttribute("sandbox", "");
            html.getElement().setAttribute("srcdoc", entry.bodyHtml());
            html.setWidth("100%");
            html.setHeight("28em");
            html.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)");
            html.setId("outbox-html");
            detail.add(html);
        }
    }

    private static String label(Channel channel) {
        return switch (channel) {
            case MAIL -> "Mail";
            case WEBHOOK -> "Webhook";
            case SLACK -> "Slack";
        };
    }

    private static Span badge(OutboxEntry e) {
        Span badge = new Span(e.status().label());
        badge.getElement()
                .getThemeList()
                .add("badge pill small "
                        + switch (e.status()) {
                            case SENT -> "success";
                            case FAILED -> "error";
                            case RETRYING -> "primary";
                            case PENDING, HELD -> "contrast";
                        });
        return badge;
    }

    private static ZoneId zone() {
        return ViewerTime.zone();
    }
}
