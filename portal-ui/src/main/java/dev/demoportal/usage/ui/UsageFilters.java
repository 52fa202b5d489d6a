package dev.demoportal.usage.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.RecentDays;
import dev.demoportal.usage.FilterOptions;
import dev.demoportal.usage.FilterOptions.Option;
import dev.demoportal.usage.UsageFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The dashboards' filter bar: a range of days and the filters that apply to the dashboard shown.
 * The same values become the service's {@link UsageFilter} and the query of the CSV links.
 */
class UsageFilters extends Div {

    enum Field {
        REGION,
        ENVIRONMENT,
        HOLDER,
        ORGANISATION,
        TEMPLATE
    }

    final DatePicker from = Pickers.date("From");
    final DatePicker to = Pickers.date("To");
    final ComboBox<Option> region = combo("Region");
    final ComboBox<Option> environment = combo("Environment");
    final ComboBox<Option> holder = combo("Field engineer");
    final ComboBox<Option> organisation = combo("Organisation");
    final ComboBox<Option> template = combo("Template");

    private final RecentDays days;

    UsageFilters(FilterOptions options, Set<Field> fields, Clock clock, ZoneId zone, Runnable changed) {
        this.days = new RecentDays(from, to, 30, clock, zone);
        addClassName("dp-toolbar");
        getStyle().set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)").set("align-items", "baseline");
        from.setId("filter-from");
        to.setId("filter-to");
        add(from, to);
        region.setItems(options.regions());
        environment.setItems(options.environments());
        holder.setItems(options.holders());
        organisation.setItems(options.organisations());
        template.setItems(options.templates());
        if (fields.contains(Field.REGION)) {
            add(region);
        }
        if (fields.contains(Field.ENVIRONMENT)) {
            add(environment);
        }
        if (fields.contains(Field.HOLDER)) {
            add(holder);
        }
        if (fields.contains(Field.ORGANISATION)) {
            add(organisation);
        }
        if (fields.contains(Field.TEMPLATE)) {
            add(template);
        }
        for (var field : List.of(from, to)) {
            field.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    changed.run();
                }
            });
        }
        for (var field : List.of(region, environment, holder, organisation, template)) {
            field.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    changed.run();
                }
            });
        }
    }

    private static ComboBox<Option> combo(String label) {
        ComboBox<Option> box = new ComboBox<>(label);
        box.setItemLabelGenerator(Option::label);
        box.setClearButtonVisible(true);
        box.setPlaceholder("All");
        return box;
    }

    /** The viewer's zone is known: the untouched default range moves to the viewer's today. */
    void viewerZone(ZoneId zone) {
        days.viewerZone(zone);
    }

    /** The filter as the service takes it; an empty date falls back to the default range. */
    UsageFilter value() {
        LocalDate last = to.getValue() != null ? to.getValue() : days.today();
        LocalDate first = from.getValue() != null ? from.getValue() : last.minusDays(29);
        return UsageFilter.of(first, last)
                .withRegion(valueOf(region))
                .withEnvironment(valueOf(environment))
                .withHolder(uuid(valueOf(holder)))
                .withOrganisation(uuid(valueOf(organisation)))
                .withTemplate(valueOf(template));
    }

    /** The query string of the same filter, for the CSV links. */
    static String query(UsageFilter f) {
        Map<String, @Nullable Object> params = new LinkedHashMap<>();
        params.put("from", f.from());
        params.put("to", f.to());
        params.put("region", f.region());
        params.put("environment", f.environment());
        params.put("holder", f.holder());
        params.put("organisation", f.organisation());
        params.put("template", f.template());
        return params.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static @Nullable String valueOf(ComboBox<Option> box) {
        return box.getValue() == null ? null : box.getValue().value();
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
