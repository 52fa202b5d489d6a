package dev.demoportal.provisioning.worker.pipeline;

import dev.demoportal.provisioning.StepFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * CircleCI API v2: {@code POST /project/{slug}/pipeline} with branch and parameters, the
 * pipeline's workflows ({@code GET /pipeline/{id}/workflow}), their jobs and artifacts. Auth is the
 * {@code Circle-Token} header (a personal or project API token).
 */
final class CircleCiApi implements CiApi {

    private static final Set<String> FAILED = Set.of("failed", "error", "failing", "unauthorized");
    private static final Set<String> DONE = Set.of("success", "not_run");

    private final URI api;
    private final URI app;
    private final CiHttp http = new CiHttp("CircleCI");

    CircleCiApi(URI api, URI app) {
        this.api = withSlash(api);
        this.app = withSlash(app);
    }

    @Override
    public Optional<RunRef> trigger(PipelineTarget target, String token, Map<String, String> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branch", target.branch());
        body.put("parameters", parameters);
        HttpResponse<String> response =
                http.postJson(request("project/" + target.project() + "/pipeline", token), body);
        JsonNode pipeline = CiHttp.JSON.readTree(response.body());
        return Optional.of(ref(target, pipeline));
    }

    @Override
    public Optional<RunRef> find(PipelineTarget target, String token, String key, Instant since) {
        JsonNode page = http.getJson(request(
                "project/" + target.project() + "/pipeline?branch="
                        + URLEncoder.encode(target.branch(), StandardCharsets.UTF_8),
                token));
        for (JsonNode pipeline : page.path("items")) {
            String created = CiHttp.text(pipeline, "created_at");
            boolean recent = created == null || !Instant.parse(created).isBefore(since);
            if (recent && contains(pipeline.path("trigger_parameters"), key)) {
                return Optional.of(ref(target, pipeline));
            }
        }
        return Optional.empty();
    }

    @Override
    public RunStatus status(PipelineTarget target, String token, RunRef run) {
        JsonNode pipeline = http.getJson(request("pipeline/" + run.id(), token));
        String state = String.valueOf(CiHttp.text(pipeline, "state"));
        if (state.equals("errored")) {
            List<String> errors = new ArrayList<>();
            pipeline.path("errors").forEach(e -> errors.add(String.valueOf(CiHttp.text(e, "message"))));
            return new RunStatus(Phase.FAILED, "errored", "the pipeline errored: " + String.join("; ", errors));
        }
        List<JsonNode> workflows = workflows(run, token);
        if (workflows.isEmpty()) {
            return new RunStatus(Phase.NOT_STARTED, state, "no workflow started");
        }
        List<String> failed = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        String pending = null;
        for (JsonNode workflow : workflows) {
            String status = String.valueOf(CiHttp.text(workflow, "status"));
            String name = String.valueOf(CiHttp.text(workflow, "name"));
            if (FAILED.contains(status)) {
                failed.add(name + " " + status);
            } else if (status.equals("canceled")) {
                cancelled.add(name);
            } else if (!DONE.contains(status) && pending == null) {
                pending = status;
            }
        }
        if (pending != null) {
            // running, on_hold (an approval waits), failing: what people see in CircleCI
            return new RunStatus(Phase.RUNNING, failed.isEmpty() ? pending : "failing", String.join(", ", failed));
        }
        if (!failed.isEmpty()) {
            return new RunStatus(Phase.FAILED, "failed", "workflow " + String.join(", ", failed));
        }
        if (!cancelled.isEmpty()) {
            return new RunStatus(Phase.CANCELLED, "canceled", "workflow " + String.join(", ", cancelled) + " canceled");
        }
        return new RunStatus(Phase.SUCCEEDED, "success", "");
    }

    @Override
    public Map<String, String> outputs(PipelineTarget target, String token, RunRef run) {
        if (target.outputs().isEmpty()) {
            return Map.of();
        }
        String file = target.outputs() + ".json";
        for (JsonNode workflow : workflows(run, token)) {
            JsonNode jobs = http.getJson(request("workflow/" + CiHttp.text(workflow, "id") + "/job", token));
            for (JsonNode job : jobs.path("items")) {
                String number = CiHttp.text(job, "job_number");
                if (number == null) {
                    continue; // approval jobs have no number and no artifacts
                }
                JsonNode artifacts =
                        http.getJson(request("project/" + target.project() + "/" + number + "/artifacts", token));
                for (JsonNode artifact : artifacts.path("items")) {
                    String path = String.valueOf(CiHttp.text(artifact, "path"));
                    if (path.equals(file) || path.endsWith("/" + file)) {
                        byte[] body = http.download(http.request(
                                URI.create(String.valueOf(CiHttp.text(artifact, "url"))),
                                b -> b.header("Circle-Token", token)));
                        return CiHttp.outputsOf(body, "CircleCI");
                    }
                }
            }
        }
        throw StepFailure.permanent("the pipeline succeeded but published no artifact " + file, null);
    }

    private List<JsonNode> workflows(RunRef run, String token) {
        List<JsonNode> workflows = new ArrayList<>();
        http.getJson(request("pipeline/" + run.id() + "/workflow", token))
                .path("items")
                .forEach(workflows::add);
        return workflows;
    }

    private RunRef ref(PipelineTarget target, JsonNode pipeline) {
        String id = CiHttp.text(pipeline, "id");
        if (id == null) {
            throw StepFailure.transientFailure("CircleCI answered a pipeline without an id", null);
        }
        String number = CiHttp.text(pipeline, "number");
        return new RunRef(
                id,
                number == null
                        ? null
                        : app.resolve("pipelines/" + appSlug(target.project()) + "/" + number)
                                .toString());
    }

    /** The web app spells the VCS out: gh/acme/infra is pipelines/github/acme/infra. */
    private static String appSlug(String slug) {
        if (slug.startsWith("gh/")) {
            return "github/" + slug.substring(3);
        }
        if (slug.startsWith("bb/")) {
            return "bitbucket/" + slug.substring(3);
        }
        return slug;
    }

    private static boolean contains(JsonNode node, String key) {
        if (node.isValueNode()) {
            return key.equals(node.asString());
        }
        for (JsonNode child : node) {
            if (contains(child, key)) {
                return true;
            }
        }
        return false;
    }

    private HttpRequest.Builder request(String path, String token) {
        return http.request(api.resolve(path), b -> b.header("Circle-Token", token));
    }

    static URI withSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }
}
