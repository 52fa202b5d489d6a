package dev.demoportal.usage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart options the server builds: axes scaled to the data, no titles of their own, legends that fit. */
class ChartsTest {

    @Test
    void aPercentAxisEndsAtARoundNumberAboveItsDataAndNeverAbove100() {
        assertThat(Charts.percentAxisMax(0)).isEqualTo(10);
        assertThat(Charts.percentAxisMax(3.3)).isEqualTo(5);
        assertThat(Charts.percentAxisMax(14.6)).isEqualTo(20);
        assertThat(Charts.percentAxisMax(26)).isEqualTo(30);
        assertThat(Charts.percentAxisMax(45)).isEqualTo(50);
        assertThat(Charts.percentAxisMax(91)).isEqualTo(100);
        assertThat(Charts.percentAxisMax(130)).isEqualTo(100);
    }

    @Test
    void aPercentSeriesChartUsesThatAxis() {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("EMEA", List.of(4.0, 12.5, 17.9));
        Map<String, Object> option =
                Charts.series("Day", List.of("a", "b", "c"), "Utilisation (%)", series, "line", Charts.Scale.PERCENT);

        assertThat(yAxis(option)).containsEntry("max", 20.0).containsEntry("min", 0);
        assertThat(option).doesNotContainKey("title");
    }

    @Test
    void aCountAxisShowsWholeNumbersOnly() {
        Map<String, List<Double>> series = Map.of("Slots held now", List.of(1.0, 0.0));
        Map<String, Object> option =
                Charts.series("Region", List.of("EMEA", "Japan / APAC"), "Count", series, "bar", Charts.Scale.COUNT);

        assertThat(yAxis(option)).containsEntry("minInterval", 1).doesNotContainKey("max");
    }

    @Test
    void aLongLegendWrapsOntoMoreLinesAndTheChartMakesRoomForIt() {
        Map<String, List<Double>> few = new LinkedHashMap<>();
        few.put("EMEA", List.of(1.0));
        few.put("Japan / APAC", List.of(2.0));
        Map<String, List<Double>> many = new LinkedHashMap<>();
        for (String region : List.of("North America", "EMEA", "Japan / APAC")) {
            for (String template :
                    List.of("CI/CD trial", "Progressive delivery demo app", "Secrets management workshop")) {
                many.put(region + " · " + template, List.of(1.0));
            }
        }

        Map<String, Object> small = Charts.series("Day", List.of("d"), "Active", few, "line", Charts.Scale.COUNT);
        Map<String, Object> large = Charts.series("Day", List.of("d"), "Active", many, "line", Charts.Scale.COUNT);

        assertThat(legend(small)).containsEntry("type", "plain");
        assertThat(legend(large)).containsEntry("type", "plain");
        assertThat(Charts.legendRows(few.keySet())).isEqualTo(1);
        assertThat(Charts.legendRows(many.keySet())).isGreaterThanOrEqualTo(5);
        assertThat(Charts.legendExtraHeight(few.keySet())).isZero();
        assertThat((int) grid(large).get("bottom"))
                .isEqualTo((int) grid(small).get("bottom") + Charts.legendExtraHeight(many.keySet()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yAxis(Map<String, Object> option) {
        return (Map<String, Object>) option.get("yAxis");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> legend(Map<String, Object> option) {
        return (Map<String, Object>) option.get("legend");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> grid(Map<String, Object> option) {
        return (Map<String, Object>) option.get("grid");
    }
}
