package dev.demoportal.usage.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options for the dashboards, built as maps and lists. A chart draws no title of its own:
 * the section around it has the one readable heading. Axes are named with their units and scaled to
 * the data; legends wrap onto as many lines as they need (never pages of a scrolling legend) and
 * the plot makes room for them. Animation is off so a chart is complete as soon as it is drawn.
 */
final class Charts {

    /** What a value axis counts. */
    enum Scale {
        /** Percentages: from 0 to a round number just above the data, at most 100. */
        PERCENT,
        /** Whole things: no ticks between whole numbers. */
        COUNT,
        /** Amounts such as hours or minutes: ECharts' own scale. */
        AMOUNT
    }

    /** Round ends for a percent axis; the first with some room above the data is taken. */
    private static final double[] PERCENT_ENDS = {5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100};
    /** The height of one legend line, and the narrowest a chart is laid out (half of a wide page). */
    private static final int LEGEND_LINE = 24;

    private static final int NARROWEST = 420;
    /** Font size of axis and legend text: the dashboards' small text, not ECharts' 12 px. */
    private static final int TEXT = 13;

    private Charts() {}

    /** Lines (or bars) over a category axis, one series per entry of {@code series}. */
    static Map<String, Object> series(
            String xName, List<String> x, String yName, Map<String, List<Double>> series, String type, Scale scale) {
        Map<String, Object> option = base();
        option.put("legend", legend(series.keySet()));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put(
                "grid",
                Map.of(
                        "left",
                        56,
                        "right",
                        24,
                        "top",
                        24,
                        "bottom",
                        72 + legendExtraHeight(series.keySet()),
                        "containLabel",
                        true));
        option.put(
                "xAxis",
                Map.of(
                        "type",
                        "category",
                        "name",
                        xName,
                        "nameLocation",
                        "middle",
                        "nameGap",
                        32,
                        "data",
                        x,
                        "axisLabel",
                        Map.of("fontSize", TEXT, "hideOverlap", true)));
        Map<String, Object> yAxis = new LinkedHashMap<>(Map.of(
                "type",
                "value",
                "name",
                yName,
                "nameLocation",
                "middle",
                "nameGap",
                44,
                "axisLabel",
                Map.of("fontSize", TEXT)));
        switch (scale) {
            case PERCENT -> {
                yAxis.put("min", 0);
                yAxis.put(
                        "max",
                        percentAxisMax(series.values().stream()
                                .flatMap(List::stream)
                                .mapToDouble(Double::doubleValue)
                                .max()
                                .orElse(0)));
            }
            case COUNT -> yAxis.put("minInterval", 1);
            case AMOUNT -> {}
        }
        option.put("yAxis", yAxis);
        List<Map<String, Object>> list = new ArrayList<>();
        series.forEach((name, values) ->
                list.add(Map.of("name", name, "type", type, "data", values, "showSymbol", values.size() < 40)));
        option.put("series", list);
        return option;
    }

    /** Horizontal bars, one per category. */
    static Map<String, Object> horizontalBars(
            String valueName, List<String> categories, Map<String, List<Double>> series) {
        Map<String, Object> option = base();
        option.put("legend", legend(series.keySet()));
        option.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        option.put(
                "grid",
                Map.of(
                        "left",
                        16,
                        "right",
                        32,
                        "top",
                        16,
                        "bottom",
                        64 + legendExtraHeight(series.keySet()),
                        "containLabel",
                        true));
        option.put(
                "xAxis",
                Map.of(
                        "type",
                        "value",
                        "name",
                        valueName,
                        "nameLocation",
                        "middle",
                        "nameGap",
                        32,
                        "axisLabel",
                        Map.of("fontSize", TEXT, "hideOverlap", true)));
        option.put(
                "yAxis",
                Map.of(
                        "type",
                        "category",
                        "data",
                        categories,
                        "inverse",
                        true,
                        "axisLabel",
                        Map.of("fontSize", TEXT, "width", 200, "overflow", "truncate")));
        List<Map<String, Object>> list = new ArrayList<>();
        series.forEach((name, values) -> list.add(Map.of("name", name, "type", "bar", "data", values)));
        option.put("series", list);
        return option;
    }

    /**
     * Weekday × hour heatmap; {@code cells} are [hour, weekday index 0–6, percent]. Every other hour
     * is labelled so the labels never touch on a half-width chart; the colour scale below has its
     * ends written out and no handles (their numbers sat over the scale's labels).
     */
    static Map<String, Object> heatmap(List<List<Number>> cells, double max, String valueName) {
        Map<String, Object> option = base();
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(String.format("%02d", h));
        }
        double top = Math.max(max, 1);
        option.put("tooltip", Map.of("position", "top"));
        option.put("grid", Map.of("left", 16, "right", 16, "top", 16, "bottom", 96, "containLabel", true));
        option.put(
                "xAxis",
                Map.of(
                        "type",
                        "category",
                        "name",
                        "Hour of day (region's local time)",
                        "nameLocation",
                        "middle",
                        "nameGap",
                        32,
                        "data",
                        hours,
                        "splitArea",
                        Map.of("show", true),
                        "axisLabel",
                        Map.of("interval", 1, "fontSize", TEXT)));
        option.put(
                "yAxis",
                Map.of(
                        "type",
                        "category",
                        "data",
                        List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
                        "inverse",
                        true,
                        "splitArea",
                        Map.of("show", true),
                        "axisLabel",
                        Map.of("fontSize", TEXT)));
        option.put(
                "visualMap",
                Map.of(
                        "min",
                        0,
                        "max",
                        top,
                        "calculable",
                        false,
                        "orient",
                        "horizontal",
                        "left",
                        "center",
                        "bottom",
                        8,
                        "itemHeight",
                        160,
                        "text",
                        List.of(DashboardView.number(top) + " %", "0 %"),
                        "textStyle",
                        Map.of("fontSize", TEXT),
                        "inRange",
                        Map.of("color", List.of("#f3f6fb", "#7aa6e0", "#1f4e99"))));
        option.put("legend", Map.of("show", false));
        option.put(
                "series",
                List.of(Map.of("name", valueName, "type", "heatmap", "data", cells, "label", Map.of("show", false))));
        return option;
    }

    /** A funnel of stages, widest first; each stage is labelled inside, so no legend. */
    static Map<String, Object> funnel(Map<String, Long> stages) {
        Map<String, Object> option = base();
        option.put("tooltip", Map.of("trigger", "item", "formatter", "{b}: {c} sandboxes"));
        option.put("legend", Map.of("show", false));
        List<Map<String, Object>> data = new ArrayList<>();
        stages.forEach((name, value) -> data.add(Map.of("name", name, "value", value)));
        option.put(
                "series",
                List.of(Map.of(
                        "name",
                        "Sandboxes",
                        "type",
                        "funnel",
                        "sort",
                        "none",
                        "top",
                        16,
                        "bottom",
                        16,
                        "minSize",
                        "8%",
                        "label",
                        Map.of("show", true, "position", "inside", "fontSize", TEXT, "formatter", "{b}: {c}"),
                        "data",
                        data)));
        return option;
    }

    /**
     * The end of a percent axis: a round number with a little room above {@code highest}, at most
     * 100, so that 3 % of use does not sit flat at the bottom of a 0–100 axis.
     */
    static double percentAxisMax(double highest) {
        if (highest <= 0) {
            return 10;
        }
        for (double end : PERCENT_ENDS) {
            if (end >= highest * 1.1) {
                return end;
            }
        }
        return 100;
    }

    /**
     * How many lines a legend of {@code names} takes on the narrowest chart, as ECharts lays it
     * out: a 25 px symbol, 5 px, the text and 10 px between entries.
     */
    static int legendRows(Collection<String> names) {
        int rows = 1;
        int used = 0;
        for (String name : names) {
            int width = 25 + 5 + (int) Math.ceil(name.length() * TEXT * 0.6) + 10;
            if (used > 0 && used + width > NARROWEST) {
                rows++;
                used = 0;
            }
            used += width;
        }
        return rows;
    }

    /** The height a legend of {@code names} needs beyond its first line. */
    static int legendExtraHeight(Collection<String> names) {
        return (legendRows(names) - 1) * LEGEND_LINE;
    }

    private static Map<String, Object> legend(Collection<String> names) {
        return Map.of(
                "type",
                "plain",
                "bottom",
                0,
                "left",
                "center",
                "data",
                new ArrayList<>(names),
                "textStyle",
                Map.of("fontSize", TEXT));
    }

    private static Map<String, Object> base() {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("textStyle", Map.of("fontFamily", "inherit"));
        return option;
    }
}
