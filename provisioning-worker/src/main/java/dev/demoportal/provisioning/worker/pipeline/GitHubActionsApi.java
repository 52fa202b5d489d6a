package dev.demoportal.provisioning.worker.pipeline;

import dev.demoportal.provisioning.StepFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.JsonNode;

/**
 * GitHub REST API for Actions: {@code POST .../actions/workflows/{workflow}/dispatches} with ref and
 * inputs (answers 204 without the run), the run found again among the workflow's
 * {@code workflow_dispatch} runs by the portal's key in its title (the workflow's {@code run-name}),
 * followed through {@code GET .../actions/runs/{id}}, its outputs read from a run artifact (a zip).
 */
final class GitHubActionsApi implements CiApi {

    private static final int MAX_ARTIFACT_BYTES = 1 << 20;

    private final URI api;
    private final CiHttp http = new CiHttp("GitHub");

    GitHubActionsApi(URI api) {
        this.api = CircleCiApi.withSlash(api);
    }

    @Override
    public Optional<RunRef> trigger(PipelineTarget target, String token, Map<String, String> parameters) {
        http.postJson(
                request(workflowPath(target) + "/dispatches", token),
                Map.of("ref", target.branch(), "inputs", parameters));
        return Optional.empty();
    }

    @Override
    public Optional<RunRef> find(PipelineTarget target, String token, String key, Instant since) {
        // created is compared to the second; the clocks of the worker and GitHub may differ a little
        String created = ">=" + since.minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        JsonNode page = http.getJson(request(
                workflowPath(target) + "/runs?event=workflow_dispatch&per_page=100&branch=" + encode(target.branch())
                        + "&created=" + encode(created),
                token));
        for (JsonNode run : page.path("workflow_runs")) {
            String title = CiHttp.text(run, "display_title");
            String name = CiHttp.text(run, "name");
            if ((title != null && title.contains(key)) || (name != null && name.contains(key))) {
                return Optional.of(new RunRef(String.valueOf(CiHttp.text(run, "id")), CiHttp.text(run, "html_url")));
            }
        }
        return Optional.empty();
    }

    @Override
    public RunStatus status(PipelineTarget target, String token, RunRef run) {
        JsonNode node = http.getJson(request("repos/" + target.project() + "/actions/runs/" + run.id(), token));
        String status = String.valueOf(CiHttp.text(node, "status"));
        String conclusion = CiHttp.text(node, "conclusion");
        if (!status.equals("completed")) {
            // queued, waiting, requested and pending have not started a job yet
            Phase phase = status.equals("in_progress") ? Phase.RUNNING : Phase.NOT_STARTED;
            return new RunStatus(phase, status, "");
        }
        return switch (String.valueOf(conclusion)) {
            case "success" -> new RunStatus(Phase.SUCCEEDED, "success", "");
            case "cancelled" -> new RunStatus(Phase.CANCELLED, "cancelled", "the run was cancelled");
            default -> new RunStatus(Phase.FAILED, String.valueOf(conclusion), "the run concluded " + conclusion);
        };
    }

    @Override
    public Map<String, String> outputs(PipelineTarget target, String token, RunRef run) {
        if (target.outputs().isEmpty()) {
            return Map.of();
        }
        JsonNode artifacts = http.getJson(request(
                "repos/" + target.project() + "/actions/runs/" + run.id() + "/artifacts?name="
                        + encode(target.outputs()),
                token));
        for (JsonNode artifact : artifacts.path("artifacts")) {
            if (target.outputs().equals(CiHttp.text(artifact, "name"))
                    && !artifact.path("expired").asBoolean(false)) {
                byte[] zip = http.download(http.request(
                        URI.create(String.valueOf(CiHttp.text(artifact, "archive_download_url"))),
                        b -> auth(b, token)));
                return CiHttp.outputsOf(entry(zip, target.outputs() + ".json"), "GitHub");
            }
        }
        throw StepFailure.permanent("the run succeeded but published no artifact " + target.outputs(), null);
    }

    private static byte[] entry(byte[] zip, String file) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(file) || entry.getName().endsWith("/" + file)) {
                    byte[] content = in.readNBytes(MAX_ARTIFACT_BYTES + 1);
                    if (content.length > MAX_ARTIFACT_BYTES) {
                        throw StepFailure.permanent("the outputs file " + file + " is larger than 1 MiB", null);
                    }
                    return content;
                }
            }
        } catch (IOException e) {
            throw StepFailure.permanent("the outputs artifact is not a zip archive", null);
        }
        throw StepFailure.permanent("the outputs artifact holds no " + file, null);
    }

    private static String workflowPath(PipelineTarget target) {
        return "repos/" + target.project() + "/actions/workflows/" + encode(String.valueOf(target.workflow()));
    }

    private HttpRequest.Builder request(String path, String token) {
        return http.request(api.resolve(path), b -> auth(b, token));
    }

    private static void auth(HttpRequest.Builder builder, String token) {
        builder.setHeader("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + token)
                .header("X-GitHub-Api-Version", "2022-11-28");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
