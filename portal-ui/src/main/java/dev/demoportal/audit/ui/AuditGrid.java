package dev.demoportal.audit.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.demoportal.audit.AuditEntry;
import dev.demoportal.base.ui.ViewerTime;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * The trail as a table people read: when, who, what happened (in words), what it was about (by
 * name) and the details as one "Key: value" line each, wrapping rather than cut off. Pages lazily.
 */
class AuditGrid extends Grid<AuditText.Line> {

    /** One page of entries from {@code offset}, at most {@code limit}. */
    interface Page {
        List<AuditEntry> fetch(int offset, int limit);
    }

    AuditGrid(Clock clock, Supplier<ZoneId> zone) {
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        addColumn(l -> ViewerTime.format(l.entry().occurredAt(), zone.get(), clock.instant()))
                .setHeader("Time")
                .setKey("time")
                .setWidth("11em")
                .setFlexGrow(0);
        addColumn(AuditText.Line::actor)
                .setHeader("Who")
                .setKey("actor")
                .setWidth("11em")
                .setFlexGrow(1);
        addColumn(AuditText.Line::what)
                .setHeader("What happened")
                .setKey("what")
                .setWidth("14em")
                .setFlexGrow(1);
        addColumn(AuditText.Line::about)
                .setHeader("About")
                .setKey("about")
                .setWidth("14em")
                .setFlexGrow(1);
        // one line per detail (styles.css: .dp-audit-details keeps the line breaks)
        addColumn(LitRenderer.<AuditText.Line>of("<div class=\"dp-audit-details\">${item.details}</div>")
                        .withProperty("details", l -> String.join("\n", l.details())))
                .setHeader("Details")
                .setKey("details")
                .setWidth("20em")
                .setFlexGrow(3);
        setEmptyStateText("Nothing in the trail matches this search.");
    }

    /** Shows {@code total} entries, each page fetched when scrolled to and read as {@link AuditText} says. */
    void show(Page page, long total, AuditText text, Supplier<ZoneId> zone) {
        setItems(q -> text.lines(page.fetch(q.getOffset(), q.getLimit()), zone.get()).stream(), q ->
                (int) Math.min(total, Integer.MAX_VALUE));
    }
}
