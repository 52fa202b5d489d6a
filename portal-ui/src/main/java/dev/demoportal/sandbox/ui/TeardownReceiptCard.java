package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.demoportal.sandbox.SandboxSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The receipt of a sandbox's teardown, or of the rollback of its failed provision: per layer what
 * was found and removed and what was checked, then the final "nothing left" check beyond the
 * portal's own names. Reads the receipt as the worker stored it, whatever its age: an older receipt
 * without removals or scans shows what it has.
 */
class TeardownReceiptCard extends Div {

    TeardownReceiptCard() {
        setId("teardown-receipt");
        addClassName("dp-card");
        setVisible(false);
    }

    void show(SandboxSummary s, ZoneId zone, Instant now) {
        removeAll();
        Map<String, Object> receipt = s.teardownReceipt();
        setVisible(receipt != null && !receipt.isEmpty());
        if (receipt == null || receipt.isEmpty()) {
            return;
        }
        boolean rollback = "rollback".equals(receipt.get("kind"));
        add(new H3(rollback ? "Rollback receipt" : "Teardown receipt"));
        if (rollback) {
            add(new Paragraph("The provision failed; what it had made was removed. The sandbox stays failed."));
        }
        if (receipt.get("layers") instanceof Map<?, ?> layers) {
            layers.forEach((code, entry) -> {
                if (entry instanceof Map<?, ?> layer) {
                    add(layer(String.valueOf(code), layer));
                }
            });
        }
        Span verdict = new Span(verdict(receipt, zone, now));
        verdict.setId("receipt-final-check");
        add(new Div(verdict));
    }

    private static Div layer(String code, Map<?, ?> layer) {
        Div block = new Div();
        block.addClassName("dp-receipt-layer");
        block.add(new H4(code + (layer.get("driver") == null ? "" : " (" + layer.get("driver") + ")")));
        UnorderedList lines = new UnorderedList();
        for (Object removed : list(layer.get("removed"))) {
            if (removed instanceof Map<?, ?> step) {
                lines.add(new ListItem("Removed " + step.get("step") + describe(step.get("result"))));
            }
        }
        if (!list(layer.get("checked")).isEmpty()) {
            lines.add(new ListItem("Checked gone: "
                    + list(layer.get("checked")).stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        for (Object scan : list(layer.get("leftoverScans"))) {
            if (scan instanceof Map<?, ?> searched) {
                List<?> found = list(searched.get("found"));
                lines.add(new ListItem("Searched " + searched.get("searched") + ": "
                        + (found.isEmpty()
                                ? "nothing found"
                                : found.stream().map(String::valueOf).collect(Collectors.joining(", ")))));
            }
        }
        block.add(lines);
        return block;
    }

    private static String verdict(Map<String, Object> receipt, ZoneId zone, Instant now) {
        String when = "";
        if (receipt.get("verifiedAt") != null) {
            try {
                when = " (checked "
                        + SandboxText.when(Instant.parse(String.valueOf(receipt.get("verifiedAt"))), zone, now) + ")";
            } catch (DateTimeParseException e) {
                // an unreadable time is left out rather than shown raw
            }
        }
        if (Boolean.TRUE.equals(receipt.get("nothingLeft"))) {
            return "Final check: nothing left, by the portal's names or the sandbox id" + when + ".";
        }
        return "Final check: nothing left under the portal's own names" + when + ".";
    }

    private static String describe(@Nullable Object result) {
        if (!(result instanceof Map<?, ?> map) || map.isEmpty()) {
            return "";
        }
        return " — "
                + map.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static List<?> list(@Nullable Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
