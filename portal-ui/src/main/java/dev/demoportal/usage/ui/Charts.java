package dev.demoportal.usage.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options for the dashboards, built as maps and lists. Every chart has a title, named axes
 * with their units, a legend and a tooltip; animation is off so a chart is complete as soon as it
 * is drawn.
 */
final class Charts {

    private Charts() {}

    /** Lines (or bars) over a category axis, one series per entry of {@code series}. */
    static Map<String, Object> series(String title, String subtitle, String xName, List<String> x, String yName,
            Map<String, List<Double>> series, String type, boolean percent) {
        Map<String, Object> option = base(title, subtitle);
        option.put("legend", Map.of("type", "scroll", "bottom", 0, "data", new ArrayList<>(series.keySet())));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("grid", Map.of("left", 64, "right", 24, "top", 64, "bottom", 64, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "name", xName, "nameLocation", "middle", "nameGap", 28,
                "data", x));
        Map<String, Object> yAxis = new LinkedHashMap<>(Map.of("type", "value", "name", yName, "nameLocation", "middle",
                "nameGap", 48));
        if (percent) {
            yAxis.put("max", 100);
        }
        option.put("yAxis", yAxis);
        List<Map<String, Object>> list = new ArrayList<>();
        series.forEach((name, values) -> list.add(Map.of("name", name, "type", type, "data", values,
                "showSymbol", values.size() < 40)));
        option.put("series", list);
        return option;
    }

    /** Horizontal bars, one per category. */
    static Map<String, Object> horizontalBars(String title, String subtitle, String valueName, List<String> categories,
            Map<String, List<Double>> series) {
        Map<String, Object> option = base(title, subtitle);
        option.put("legend", Map.of("bottom", 0, "data", new ArrayList<>(series.keySet())));
        option.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        option.put("grid", Map.of("left", 16, "right", 32, "top", 64, "bottom", 56, "containLabel", true));
        option.put("xAxis", Map.of("type", "value", "name", valueName, "nameLocation", "middle", "nameGap", 28));
        option.put("yAxis", Map.of("type", "category", "data", categories, "inverse", true));
        List<Map<String, Object>> list = new ArrayList<>();
        series.forEach((name, values) -> list.add(Map.of("name", name, "type", "bar", "data", values)));
        option.put("series", list);
        return option;
    }

    /** Weekday × hour heatmap; {@code cells} are [hour, weekday index 0–6, value]. */
    static Map<String, Object> heatmap(String title, String subtitle, List<List<Number>> cells, double max,
            String valueName) {
        Map<String, Object> option = base(title, subtitle);
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(String.format("%02d", h));
        }
        option.put("tooltip", Map.of("position", "top"));
        option.put("grid", Map.of("left", 64, "right", 24, "top", 64, "bottom", 80, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "name", "Hour of day (region's local time)",
                "nameLocation", "middle", "nameGap", 28, "data", hours, "splitArea", Map.of("show", true)));
        option.put("yAxis", Map.of("type", "category", "name", "Weekday", "data",
                List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "inverse", true,
                "splitArea", Map.of("show", true)));
        option.put("visualMap", Map.of("min", 0, "max", Math.max(max, 1), "calculable", true, "orient", "horizontal",
                "left", "center", "bottom", 0, "text", List.of(valueName, "0"),
                "inRange", Map.of("color", List.of("#f3f6fb", "#7aa6e0", "#1f4e99"))));
        option.put("legend", Map.of("show", false));
        option.put("series", List.of(Map.of("name", valueName, "type", "heatmap", "data", cells,
                "label", Map.of("show", false))));
        return option;
    }

    /** A funnel of stages, widest first. */
    static Map<String, Object> funnel(String title, String subtitle, Map<String, Long> stages) {
        Map<String, Object> option = base(title, subtitle);
        option.put("tooltip", Map.of("trigger", "item", "formatter", "{b}: {c} sandboxes"));
        option.put("legend", Map.of("bottom", 0, "data", new ArrayList<>(stages.keySet())));
        List<Map<String, Object>> data = new ArrayList<>();
        stages.forEach((name, value) -> data.add(Map.of("name", name, "value", value)));
        option.put("series", List.of(Map.of("name", "Sandboxes", "type", "funnel", "sort", "none", "top", 64,
                "bottom", 48, "minSize", "8%", "label", Map.of("show", true, "position", "inside",
                        "formatter", "{b}: {c}"), "data", data)));
        return option;
    }

    private static Map<String, Object> base(String title, String subtitle) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("title", Map.of("text", title, "subtext", subtitle, "left", "left"));
        option.put("textStyle", Map.of("fontFamily", "inherit"));
        return option;
    }
}
