package dev.demoportal.usage.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Apache ECharts chart: the option is built on the server as plain maps and lists and handed to
 * the browser as JSON; the library comes from the {@code org.webjars:echarts} WebJar, so nothing
 * is bundled by npm. When a chart has been drawn the element carries {@code data-drawn="true"}
 * (browser tests and the page benchmark wait for it).
 */
public class EChart extends Div {

    /** Where Spring Boot serves the WebJar; the version is the one pinned in the pom. */
    static final String LIBRARY = "context://webjars/echarts/5.5.0/echarts.min.js";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String DRAW = """
            const el = $0;
            const option = JSON.parse($1);
            el.removeAttribute('data-drawn');
            const draw = () => {
              if (!window.echarts) { setTimeout(draw, 30); return; }
              const chart = echarts.getInstanceByDom(el) || echarts.init(el, null, {renderer: 'canvas'});
              chart.off('finished');
              chart.on('finished', () => el.setAttribute('data-drawn', 'true'));
              chart.setOption(option, true);
              if (!el.__dpResize) {
                el.__dpResize = new ResizeObserver(() => chart.resize());
                el.__dpResize.observe(el);
              }
            };
            draw();""";

    private String option = "{}";
    private boolean scheduled;

    public EChart(String id, String height) {
        setId(id);
        addClassName("dp-chart");
        setWidthFull();
        setHeight(height);
        getElement().setAttribute("role", "img");
    }

    /** Draws {@code option} (an ECharts option as maps and lists); {@code summary} is the chart's text alternative. */
    public void draw(Map<String, Object> option, String summary) {
        this.option = JSON.writeValueAsString(option);
        getElement().setAttribute("aria-label", summary);
        getElement().setAttribute("title", summary);
        render();
    }

    /** The option last drawn, as JSON (tests read it). */
    public String option() {
        return option;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().addJavaScript(LIBRARY);
        render();
    }

    private void render() {
        if (scheduled) {
            return;
        }
        getUI().ifPresent(ui -> {
            scheduled = true;
            ui.beforeClientResponse(this, context -> {
                scheduled = false;
                getElement().executeJs(DRAW, getElement(), option);
            });
        });
    }
}
