package dev.demoportal.provisioning.worker.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake of GitHub's REST API for Actions, as docs.github.com/rest/actions describes it: a
 * {@code workflow_dispatch} ({@code POST .../workflows/{id}/dispatches}, 204 without a body), the
 * workflow's runs (whose {@code display_title} is the workflow's {@code run-name}), a run, its
 * artifacts and their zip download (a 302 to a signed URL). WireMock stubs: nothing of GitHub's
 * permissions, input validation or rate limits is enforced.
 */
public final class FakeGitHubActions implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String REPO = "acme/infra";
    public static final String WORKFLOW = "sandbox-layer.yml";
    private static final AtomicLong RUN_IDS = new AtomicLong(9_000_000);

    private final ListRun listRun = new ListRun();
    public final WireMockServer server =
            new WireMockServer(wireMockConfig().dynamicPort().extensions(listRun));

    public FakeGitHubActions() {
        listRun.server = server;
        server.start();
    }

    /**
     * Lists the run with the title GitHub gives it from the workflow's {@code run-name}, which
     * carries the correlation input of the latest dispatch.
     */
    static final class ListRun implements ResponseDefinitionTransformerV2 {

        WireMockServer server;

        @Override
        public com.github.tomakehurst.wiremock.http.ResponseDefinition transform(ServeEvent event) {
            List<LoggedRequest> dispatches = server.findAll(postRequestedFor(
                    urlPathEqualTo("/repos/" + REPO + "/actions/workflows/" + WORKFLOW + "/dispatches")));
            JsonNode inputs = body(dispatches.getLast()).path("inputs");
            String title = "Sandbox " + inputs.path("portal_action").asString() + " "
                    + inputs.path("portal_sandbox_name").asString() + " ["
                    + inputs.path("portal_run_key").asString() + "]";
            Object id = event.getTransformerParameters().get("id");
            String base = String.valueOf(event.getTransformerParameters().get("base"));
            String run =
                    "{\"id\":" + id + ",\"name\":\"Sandbox layer\",\"display_title\":" + JSON.writeValueAsString(title)
                            + ",\"status\":\"queued\",\"conclusion\":null,\"event\":\"workflow_dispatch\",\"head_branch\":\"main\","
                            + "\"html_url\":\"https://github.com/" + REPO + "/actions/runs/" + id
                            + "\",\"created_at\":\"2026-12-06T08:00:02Z\","
                            + "\"url\":\"" + base + "/repos/" + REPO + "/actions/runs/" + id + "\"}";
            // a run of someone else's dispatch, listed too: the key tells them apart
            String other =
                    "{\"id\":1,\"name\":\"Sandbox layer\",\"display_title\":\"Sandbox provision other [other-key]\","
                            + "\"status\":\"completed\",\"conclusion\":\"success\",\"event\":\"workflow_dispatch\"}";
            return ResponseDefinitionBuilder.like(event.getResponseDefinition())
                    .but()
                    .withBody("{\"total_count\":2,\"workflow_runs\":[" + other + "," + run + "]}")
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "list-run";
        }
    }

    public URI apiUrl() {
        return URI.create(server.baseUrl());
    }

    /**
     * The next dispatch starts a run whose title carries the correlation key the portal sent (as
     * the workflow's run-name would) and that goes through the (status, conclusion) pairs given,
     * one per poll, the last repeated; the run is listed only after {@code listedAfterPolls} list
     * calls (GitHub creates it asynchronously; -1: never). Returns the run id.
     */
    public long willRun(int listedAfterPolls, String... statuses) {
        long id = RUN_IDS.incrementAndGet();
        server.stubFor(post(urlPathEqualTo("/repos/" + REPO + "/actions/workflows/" + WORKFLOW + "/dispatches"))
                .willReturn(aResponse().withStatus(204)));
        if (listedAfterPolls < 0) {
            server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/actions/workflows/" + WORKFLOW + "/runs"))
                    .willReturn(json("{\"total_count\":0,\"workflow_runs\":[]}")));
            return id;
        }
        String listScenario = "list-" + id;
        for (int i = 0; i <= listedAfterPolls; i++) {
            com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder stub = get(urlPathEqualTo(
                            "/repos/" + REPO + "/actions/workflows/" + WORKFLOW + "/runs"))
                    .inScenario(listScenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i);
            if (i < listedAfterPolls) {
                server.stubFor(stub.willSetStateTo("poll-" + (i + 1))
                        .willReturn(json("{\"total_count\":0,\"workflow_runs\":[]}")));
            } else {
                server.stubFor(stub.willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("list-run")
                        .withTransformerParameter("id", id)
                        .withTransformerParameter("base", server.baseUrl())));
            }
        }
        String runScenario = "run-" + id;
        for (int i = 0; i < statuses.length; i++) {
            String[] sc = statuses[i].split("/");
            com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder stub = get(urlPathEqualTo(
                            "/repos/" + REPO + "/actions/runs/" + id))
                    .inScenario(runScenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i);
            if (i < statuses.length - 1) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            server.stubFor(stub.willReturn(json("{\"id\":" + id + ",\"name\":\"Sandbox layer\",\"status\":\"" + sc[0]
                    + "\",\"conclusion\":" + (sc.length > 1 ? "\"" + sc[1] + "\"" : "null") + ",\"html_url\":\""
                    + htmlUrl(id) + "\",\"event\":\"workflow_dispatch\",\"head_branch\":\"main\"}")));
        }
        return id;
    }

    public String htmlUrl(long id) {
        return "https://github.com/" + REPO + "/actions/runs/" + id;
    }

    /** Run {@code id} uploaded an artifact {@code portal-outputs} holding {@code portal-outputs.json}. */
    public void publishesOutputs(long id, String outputsJson) {
        server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + id + "/artifacts"))
                .willReturn(json("{\"total_count\":1,\"artifacts\":[{\"id\":" + (id + 1)
                        + ",\"name\":\"portal-outputs\",\"size_in_bytes\":120,"
                        + "\"archive_download_url\":\"" + server.baseUrl() + "/repos/" + REPO + "/actions/artifacts/"
                        + (id + 1)
                        + "/zip\",\"expired\":false}]}")));
        server.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/actions/artifacts/" + (id + 1) + "/zip"))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", server.baseUrl() + "/signed/" + id + ".zip")));
        server.stubFor(get(urlPathEqualTo("/signed/" + id + ".zip"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/zip")
                        .withBody(zip("portal-outputs.json", outputsJson))));
    }

    public List<LoggedRequest> dispatches() {
        return server.findAll(
                postRequestedFor(urlPathEqualTo("/repos/" + REPO + "/actions/workflows/" + WORKFLOW + "/dispatches")));
    }

    public static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString());
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static byte[] zip(String name, String content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
