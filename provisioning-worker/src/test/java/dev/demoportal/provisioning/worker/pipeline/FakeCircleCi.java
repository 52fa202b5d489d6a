package dev.demoportal.provisioning.worker.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake of the CircleCI API v2, as its public documentation describes it (circleci.com/docs/api/v2):
 * trigger a pipeline ({@code POST /project/{slug}/pipeline}, 201 with id, number, state,
 * created_at), list a project's pipelines, get a pipeline, its workflows, a workflow's jobs, a job's
 * artifacts. WireMock stubs, no CircleCI behind them: it checks nothing a real project would (its
 * config, declared parameters, the token's rights).
 */
public final class FakeCircleCi implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String SLUG = "gh/acme/infra";

    public final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    private int pipelines;

    public FakeCircleCi() {
        server.start();
    }

    public URI apiUrl() {
        return URI.create(server.baseUrl() + "/api/v2");
    }

    public URI appUrl() {
        return URI.create(server.baseUrl() + "/app");
    }

    /** Pipelines of a project start with these workflow statuses, one per poll, the last repeated. */
    public String willRun(String... workflowStatuses) {
        return willRunOn(SLUG, workflowStatuses);
    }

    /**
     * The next trigger on {@code slug} creates a pipeline whose single workflow goes through the
     * statuses given (an empty list: it never starts one). Returns the pipeline id.
     */
    public String willRunOn(String slug, String... workflowStatuses) {
        String id = UUID.randomUUID().toString();
        int number = ++pipelines;
        server.stubFor(post(urlPathEqualTo("/api/v2/project/" + slug + "/pipeline"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + id + "\",\"state\":\"created\",\"number\":" + number
                                + ",\"created_at\":\"2026-12-06T08:00:00.000Z\"}")));
        pipelineExists(id, number, slug);
        String workflowId = "wf-" + id;
        String scenario = "workflows-" + id;
        if (workflowStatuses.length == 0) {
            server.stubFor(get(urlPathEqualTo("/api/v2/pipeline/" + id + "/workflow"))
                    .willReturn(json("{\"items\":[],\"next_page_token\":null}")));
        }
        for (int i = 0; i < workflowStatuses.length; i++) {
            com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder stub = get(urlPathEqualTo(
                            "/api/v2/pipeline/" + id + "/workflow"))
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i);
            if (i < workflowStatuses.length - 1) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            server.stubFor(stub.willReturn(json("{\"items\":[{\"pipeline_id\":\"" + id + "\",\"id\":\"" + workflowId
                    + "\",\"name\":\"sandbox-layer\",\"project_slug\":\"" + slug + "\",\"status\":\""
                    + workflowStatuses[i]
                    + "\",\"pipeline_number\":" + number
                    + ",\"created_at\":\"2026-12-06T08:00:01Z\"}],\"next_page_token\":null}")));
        }
        return id;
    }

    /** A pipeline the API knows (GET /pipeline/{id}). */
    public void pipelineExists(String id, int number, String slug) {
        server.stubFor(
                get(urlPathEqualTo("/api/v2/pipeline/" + id))
                        .willReturn(
                                json(
                                        "{\"id\":\"" + id
                                                + "\",\"errors\":[],\"project_slug\":\"" + slug + "\",\"number\":"
                                                + number
                                                + ",\"state\":\"created\",\"created_at\":\"2026-12-06T08:00:00.000Z\","
                                                + "\"trigger\":{\"type\":\"api\",\"received_at\":\"2026-12-06T08:00:00Z\",\"actor\":{\"login\":\"portal\"}}}")));
    }

    /** The project's pipeline list shows one pipeline triggered with these parameters (lost trigger answers). */
    public void listsPipeline(String slug, String id, int number, String parametersJson) {
        server.stubFor(get(urlPathEqualTo("/api/v2/project/" + slug + "/pipeline"))
                .willReturn(json("{\"items\":[{\"id\":\""
                        + id + "\",\"errors\":[],\"project_slug\":\"" + slug + "\",\"number\":" + number
                        + ",\"state\":\"created\",\"created_at\":\"2099-01-01T00:00:00Z\",\"trigger_parameters\":"
                        + "{\"parameters\":" + parametersJson + "}}],\"next_page_token\":null}")));
    }

    /** The workflow of pipeline {@code id} has one job (number 7) that stored {@code portal-outputs.json}. */
    public void publishesOutputs(String id, String outputsJson) {
        publishesOutputs(SLUG, id, outputsJson);
    }

    /** From now on, the workflow of pipeline {@code id} has this status (whatever it went through before). */
    public void workflowNow(String slug, String id, String status) {
        server.stubFor(get(urlPathEqualTo("/api/v2/pipeline/" + id + "/workflow"))
                .willReturn(json("{\"items\":[{\"pipeline_id\":\""
                        + id + "\",\"id\":\"wf-" + id + "\",\"name\":\"sandbox-layer\",\"project_slug\":\"" + slug
                        + "\",\"status\":\"" + status + "\"}],\"next_page_token\":null}")));
    }

    public void publishesOutputs(String slug, String id, String outputsJson) {
        String workflowId = "wf-" + id;
        server.stubFor(get(urlPathEqualTo("/api/v2/workflow/" + workflowId + "/job"))
                .willReturn(json(
                        "{\"items\":[{\"id\":\"j1\",\"name\":\"hold\",\"type\":\"approval\",\"status\":\"success\"},"
                                + "{\"id\":\"j2\",\"name\":\"apply\",\"type\":\"build\",\"job_number\":7,\"status\":\"success\"}],"
                                + "\"next_page_token\":null}")));
        server.stubFor(get(urlPathEqualTo("/api/v2/project/" + slug + "/7/artifacts"))
                .willReturn(
                        json("{\"items\":[{\"path\":\"logs/plan.txt\",\"node_index\":0,\"url\":\"" + server.baseUrl()
                                + "/artifacts/plan.txt\"},{\"path\":\"out/portal-outputs.json\",\"node_index\":0,\"url\":\""
                                + server.baseUrl() + "/artifacts/" + id
                                + "/portal-outputs.json\"}],\"next_page_token\":null}")));
        server.stubFor(
                get(urlPathEqualTo("/artifacts/" + id + "/portal-outputs.json")).willReturn(json(outputsJson)));
    }

    public List<LoggedRequest> triggers() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/v2/project/" + SLUG + "/pipeline")));
    }

    public List<LoggedRequest> triggers(String slug) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/v2/project/" + slug + "/pipeline")));
    }

    public static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    /** For stubs built elsewhere. */
    public void stub(Supplier<MappingBuilder> stub) {
        server.stubFor(stub.get());
    }

    @Override
    public void close() {
        server.stop();
    }
}
