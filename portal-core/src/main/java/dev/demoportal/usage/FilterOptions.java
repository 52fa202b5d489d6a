package dev.demoportal.usage;

import java.util.List;

/** What the dashboard filters offer: each a value (code, slug or id) and a label. */
public record FilterOptions(
        List<Option> regions,
        List<Option> environments,
        List<Option> holders,
        List<Option> organisations,
        List<Option> templates) {

    public record Option(String value, String label) {}
}
