package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the alert rules use the metric names the apps register (Prometheus
 * form) and nothing else of ours: a renamed meter would otherwise leave a blank panel or an alert
 * that can never fire.
 */
class MonitoringTest {

    /** The portal's own metrics, as Micrometer's Prometheus registry names them. */
    private static final Set<String> PORTAL_METRICS = Set.of(
            "portal_provisioning_jobs",
            "portal_provisioning_jobs_completed_total",
            "portal_provisioning_step_duration_seconds_bucket",
            "portal_provisioning_step_duration_seconds_count",
            "portal_provisioning_step_duration_seconds_sum",
            "portal_provisioning_job_oldest_running_age_seconds",
            "portal_sandbox_approvals_total",
            "portal_sandbox_expiry_lag_seconds",
            "portal_bookings_total",
            "portal_ui_sessions");

    private static final Pattern METRIC = Pattern.compile("\\b(portal_[a-z_]+)\\b");
    /** Metrics only the worker registers (JobMetrics): absent while no worker runs. */
    private static final Pattern WORKER_ONLY =
            Pattern.compile("\\bportal_provisioning_[a-z_]+|\\{[^}]*application=\"provisioning-worker\"");

    @Test
    void theDashboardShowsEveryPortalMetricAndOnlyThoseThatExist() throws Exception {
        JsonNode dashboard =
                new ObjectMapper().readTree(Path.of("grafana/demo-portal.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(t -> expressions.add(t.path("expr").asText())));

        Set<String> used = metrics(expressions);
        assertThat(PORTAL_METRICS).as("unknown metric names in the dashboard").containsAll(used);
        assertThat(used)
                .containsAll(
                        PORTAL_METRICS.stream().filter(m -> !m.endsWith("_sum")).toList());
        assertThat(dashboard.path("uid").asText()).isEqualTo("demo-portal");
        dashboard.path("panels").forEach(panel -> {
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText())
                        .as(panel.path("title").asText())
                        .isEqualTo("${datasource}");
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertRulesCoverFailedAndStuckJobsLateExpiryAndTheDatabase() throws Exception {
        List<Map<String, Object>> rules = rules();

        assertThat(rules)
                .extracting(r -> r.get("alert"))
                .contains(
                        "DemoPortalProvisioningJobsFailing",
                        "DemoPortalProvisioningJobStuck",
                        "DemoPortalSandboxExpiryLagging",
                        "DemoPortalDatabaseUnreachable");
        assertThat(PORTAL_METRICS)
                .containsAll(
                        metrics(rules.stream().map(r -> (String) r.get("expr")).toList()));
        for (Map<String, Object> rule : rules) {
            assertThat(rule).as(rule.get("alert").toString()).containsKeys("expr", "labels", "annotations");
            assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
            assertThat((Map<String, Object>) rule.get("annotations")).containsKeys("summary", "description");
        }
    }

    @Test
    void theQueueAlertFiresWhenNoWorkerRunsAtAll() throws Exception {
        String expr = (String) rules().stream()
                .filter(r -> "DemoPortalProvisioningQueueNotDraining".equals(r.get("alert")))
                .findFirst()
                .orElseThrow()
                .get("expr");

        // no promtool here: check the structure. Some branch of the top-level "or" must be able to
        // produce a result when every worker series is absent: it may mention the worker only on
        // the right of "unless" (absence is what it looks for), and must name a series that exists then
        List<String> branches = topLevel(expr, "or");
        assertThat(branches).as("branches of " + expr).hasSizeGreaterThan(1);
        assertThat(branches).as("a branch that can fire with zero workers").anySatisfy(branch -> {
            List<String> unless = topLevel(branch, "unless");
            assertThat(unless).hasSize(2);
            assertThat(unless.get(0)).doesNotContainPattern(WORKER_ONLY).contains("application=\"demo-portal\"");
            assertThat(unless.get(1)).containsPattern(WORKER_ONLY).contains("on (namespace)");
        });
        assertThat(branches.getFirst())
                .contains("portal_provisioning_jobs{state=\"queued\"}")
                .contains("portal_provisioning_jobs{state=\"running\"}");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws Exception {
        Map<String, Object> file =
                new Yaml().load(Files.readString(RenderedChart.CHART.resolve("files/alert-rules.yaml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** Splits a PromQL expression at a binary operator outside any parentheses, braces or brackets. */
    private static List<String> topLevel(String expr, String operator) {
        List<String> parts = new ArrayList<>();
        String text = expr.strip();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += "({[".indexOf(c) >= 0 ? 1 : ")}]".indexOf(c) >= 0 ? -1 : 0;
            int end = i + 1 + operator.length();
            if (depth == 0
                    && Character.isWhitespace(c)
                    && end < text.length()
                    && text.startsWith(operator, i + 1)
                    && Character.isWhitespace(text.charAt(end))) {
                parts.add(unwrap(text.substring(start, i)));
                start = end;
            }
        }
        parts.add(unwrap(text.substring(start)));
        return parts;
    }

    /** Drops parentheses around the whole expression. */
    private static String unwrap(String part) {
        String p = part.strip();
        while (p.startsWith("(") && p.endsWith(")") && closes(p) == p.length() - 1) {
            p = p.substring(1, p.length() - 1).strip();
        }
        return p;
    }

    /** Where the parenthesis opened at index 0 closes. */
    private static int closes(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> metrics(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
