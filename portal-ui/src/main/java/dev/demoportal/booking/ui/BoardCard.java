package dev.demoportal.booking.ui;

import com.vaadin.flow.component.html.Span;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.AccessSummary;
import dev.demoportal.booking.BoardEntry;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.ui.ClaimDialog.ClaimLength;
import dev.demoportal.environment.DeploymentSummary;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import dev.demoportal.environment.ui.DeploymentLine;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One environment's card on the board, as HTML: its status, maintenance, what is deployed, and a row
 * per slot with its holder, access, reset, what is next and the slot's actions. The board keeps no
 * components per card, only this text in one element (see ADR 0041); its buttons carry
 * {@code data-action} (and {@code data-slot} or {@code data-booking}) for the board's one click
 * listener. Every text from the database is escaped.
 */
final class BoardCard {

    /** What the board's click listener does with a button of a card. */
    enum Action {
        CLAIM,
        FORCE_RELEASE,
        WAITLIST,
        BOOK
    }

    private BoardCard() {}

    /** Everything one card shows; equal inputs give the same HTML. */
    record Content(
            BoardEntry entry,
            List<MaintenanceWindowSummary> maintenance,
            Map<Integer, DeploymentSummary> deployments,
            Map<UUID, AccessSummary> access,
            boolean canForceRelease,
            ZoneId zone,
            Instant now) {}

    /** The card's inner HTML (the card element itself is {@code div#board-<slug>.dp-env-card}). */
    static String html(Content content) {
        ZoneId zone = content.zone();
        Instant now = content.now();
        BoardEntry entry = content.entry();
        EnvironmentSummary env = entry.environment();
        ZoneId local = ZoneId.of(env.region().timeZone());
        StringBuilder html = new StringBuilder(2048);

        MaintenanceWindowSummary ongoing = content.maintenance().stream()
                .filter(w -> !w.start().isAfter(now))
                .findFirst()
                .orElse(null);
        boolean full = env.bookable() && ongoing == null && entry.freeSlots() == 0;
        html.append("<div class=\"dp-env-card-header\"><a class=\"dp-env-name\" router-link href=\"environments/")
                .append(escape(env.slug()))
                .append("\">")
                .append(escape(env.name()))
                .append("</a>");
        if (full) {
            html.append("<span class=\"dp-status dp-status-full\" title=\"")
                    .append(escape(FULL_TITLE))
                    .append("\">Full</span>");
        } else {
            html.append("<span class=\"dp-status dp-status-")
                    .append(env.status().name().toLowerCase())
                    .append("\">")
                    .append(escape(env.status().label()))
                    .append("</span>");
        }
        html.append("<span class=\"dp-muted\">")
                .append(entry.freeSlots())
                .append(" of ")
                .append(env.tenantSlots())
                .append(" free</span>");
        if (full) {
            button(
                    html,
                    Action.WAITLIST,
                    "small primary",
                    "dp-push-right",
                    "Join the waitlist of " + env.name(),
                    "vaadin:clock",
                    "Join the waitlist",
                    "");
        }
        if (env.bookable()) {
            button(
                    html,
                    Action.BOOK,
                    "small tertiary",
                    full ? "" : "dp-push-right",
                    "Book " + env.name(),
                    null,
                    "Book…",
                    "");
        }
        html.append("</div>");

        for (MaintenanceWindowSummary w : content.maintenance()) {
            html.append("<div class=\"dp-maintenance-note\"><span><vaadin-icon icon=\"vaadin:wrench\"></vaadin-icon>")
                    .append("</span><span>")
                    .append(escape((w == ongoing
                                    ? "In maintenance until " + ViewerTime.format(w.end(), zone, now)
                                    : "Maintenance " + ViewerTime.range(w.start(), w.end(), zone, now))
                            + ": " + w.reason()))
                    .append("</span></div>");
        }
        DeploymentSummary deployed = content.deployments().get(0);
        if (deployed != null) {
            deployment(html, deployed, now, zone);
        }
        boolean claimable = ongoing == null && env.bookable();
        for (BoardEntry.Slot slot : entry.slots()) {
            slotRow(
                    html,
                    env,
                    slot,
                    local,
                    now,
                    claimable,
                    content.canForceRelease(),
                    zone,
                    content.deployments().get(slot.number()),
                    slot.current() == null
                            ? null
                            : content.access().get(slot.current().id()));
        }
        return html.toString();
    }

    private static void slotRow(
            StringBuilder html,
            EnvironmentSummary env,
            BoardEntry.Slot slot,
            ZoneId local,
            Instant now,
            boolean claimable,
            boolean canForceRelease,
            ZoneId zone,
            @Nullable DeploymentSummary deployed,
            @Nullable AccessSummary lease) {
        BookingSummary current = slot.current();
        String state = current != null
                ? ""
                : slot.free() ? " dp-free" : slot.outOfService() ? " dp-out-of-service" : " dp-resetting";
        html.append("<div class=\"dp-board-slot")
                .append(state)
                .append("\"><span class=\"dp-slot-no\" title=\"Slot ")
                .append(slot.number())
                .append("\">")
                .append(slot.number())
                .append("</span>");
        if (current != null) {
            html.append("<vaadin-avatar theme=\"small\" name=\"")
                    .append(escape(current.holder().name()))
                    .append("\" abbr=\"")
                    .append(escape(current.holder().initials()))
                    .append("\" color-index=\"")
                    .append(HolderColours.index(current.holder()))
                    // what the avatar's own colour-index observer sets, in case the attribute is not read
                    .append("\" has-color-index style=\"--vaadin-avatar-user-color: var(--vaadin-user-color-")
                    .append(HolderColours.index(current.holder()))
                    .append(")\"></vaadin-avatar>");
        }
        html.append("<div class=\"dp-slot-body\">");
        if (current != null) {
            line(html, "dp-holder", null, current.holder().name());
            line(
                    html,
                    "dp-muted",
                    null,
                    "since " + ViewerTime.format(current.start(), zone, now) + " · until "
                            + ViewerTime.format(current.end(), zone, now) + localBeside(current.end(), local, zone));
            line(
                    html,
                    "dp-purpose",
                    null,
                    current.purpose() + (current.customer() == null ? "" : " · " + current.customer()));
            if (lease != null) {
                line(
                        html,
                        "dp-access dp-access-" + lease.status().name().toLowerCase(),
                        AccessText.title(lease),
                        AccessText.text(lease, zone, now));
            }
        } else if (slot.free()) {
            line(html, "dp-free-label", null, "Free");
        }
        if (slot.reset() != null && (current == null || !slot.free())) {
            line(
                    html,
                    ResetText.classes(slot.reset()),
                    ResetText.title(slot.reset()),
                    ResetText.text(slot.reset(), zone, now));
        }
        BookingSummary next = slot.next();
        if (next != null) {
            line(
                    html,
                    "dp-muted",
                    next.holder().name() + ": " + next.purpose(),
                    "next: " + firstName(next.holder().name()) + " "
                            + ViewerTime.range(next.start(), next.end(), zone, now));
        }
        if (deployed != null) {
            deployment(html, deployed, now, zone);
        }
        html.append("</div>");

        if (slot.free() && claimable) {
            html.append("<div class=\"dp-slot-actions\"><select class=\"dp-claim-length\" aria-label=\"How long\">");
            for (ClaimLength length : ClaimLength.values()) {
                html.append("<option value=\"")
                        .append(length.name())
                        .append(length == ClaimLength.H2 ? "\" selected>" : "\">")
                        .append(escape(length.label))
                        .append("</option>");
            }
            html.append("</select>");
            button(
                    html,
                    Action.CLAIM,
                    "small primary",
                    "",
                    "Claim slot " + slot.number() + " of " + env.name(),
                    null,
                    "Claim",
                    " data-slot=\"" + slot.number() + "\"");
            html.append("</div>");
        } else if (current != null && canForceRelease) {
            html.append("<div class=\"dp-slot-actions\">");
            button(
                    html,
                    Action.FORCE_RELEASE,
                    "small tertiary error",
                    "",
                    "Force release slot " + slot.number() + " of " + env.name(),
                    null,
                    "Force release",
                    " data-booking=\"" + current.id() + "\"");
            html.append("</div>");
        }
        html.append("</div>");
    }

    /** A {@code <div><span>} line of the slot's body, as the board has always drawn them. */
    private static void line(StringBuilder html, String classes, @Nullable String title, String text) {
        html.append("<div><span class=\"").append(classes).append('"');
        if (title != null) {
            html.append(" title=\"").append(escape(title)).append('"');
        }
        html.append('>').append(escape(text)).append("</span></div>");
    }

    private static void button(
            StringBuilder html,
            Action action,
            String theme,
            String classes,
            String label,
            @Nullable String icon,
            String text,
            String data) {
        html.append("<vaadin-button theme=\"")
                .append(theme)
                .append('"')
                .append(classes.isEmpty() ? "" : " class=\"" + classes + "\"")
                .append(" aria-label=\"")
                .append(escape(label))
                .append("\" data-action=\"")
                .append(action.name())
                .append('"')
                .append(data)
                .append('>');
        if (icon != null) {
            html.append("<vaadin-icon icon=\"").append(icon).append("\" slot=\"prefix\"></vaadin-icon>");
        }
        html.append(escape(text)).append("</vaadin-button>");
    }

    private static void deployment(StringBuilder html, DeploymentSummary d, Instant now, ZoneId zone) {
        html.append("<div class=\"dp-deployment dp-deployment-")
                .append(d.status().name().toLowerCase())
                .append("\"><span><vaadin-icon icon=\"vaadin:package\"></vaadin-icon></span><span title=\"")
                .append(escape(DeploymentLine.title(d, zone)))
                .append("\">")
                .append(escape(DeploymentLine.text(d, now)))
                .append("</span>");
        String url = d.pipelineUrl();
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            html.append("<a href=\"").append(escape(url)).append("\" target=\"_blank\">pipeline</a>");
        }
        html.append("</div>");
    }

    private static final String FULL_TITLE = "Every slot is held now; join the waitlist, or book a later time";

    /** Every slot is held now: said instead of the environment's own status ("Available" would be untrue). */
    static Span fullStatus() {
        Span status = new Span("Full");
        status.addClassNames("dp-status", "dp-status-full");
        status.getElement().setAttribute("title", FULL_TITLE);
        return status;
    }

    /** Text for HTML content and double-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** " (17:00 Dublin)" when the region's clock reads differently from the viewer's. */
    private static String localBeside(Instant instant, ZoneId local, ZoneId zone) {
        if (local.getRules().getOffset(instant).equals(zone.getRules().getOffset(instant))) {
            return "";
        }
        return " (" + ViewerTime.TIME.format(instant.atZone(local)) + " " + ViewerTime.place(local) + ")";
    }

    private static String firstName(String name) {
        String[] parts = name.strip().split("\\s+");
        return parts[0];
    }
}
