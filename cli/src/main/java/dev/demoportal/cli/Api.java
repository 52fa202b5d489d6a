package dev.demoportal.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/** The portal's REST API as the commands call it: JSON in and out, problems as {@link ApiProblem}. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI portal;
    private final String token;

    Api(HttpClient http, URI portal, String token) {
        this.http = http;
        this.portal = portal;
        this.token = token;
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    /**
     * POSTs with an {@code Idempotency-Key} of its own, so a proxy's or the JDK's retry of the same
     * request never books twice.
     */
    JsonNode post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /**
     * GETs a document that is not JSON ({@code accept}, e.g. a kubeconfig's {@code
     * application/yaml}) and returns it as text; a problem is still an {@link ApiProblem}.
     */
    String text(String path, String accept) {
        HttpResponse<String> response = exchange(
                http,
                request(path)
                        .setHeader("Accept", accept + ", application/problem+json")
                        .GET()
                        .build(),
                "the portal at " + portal);
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return response.body() == null ? "" : response.body();
        }
        read(response);
        throw ApiProblem.fromStatus(response.statusCode(), "");
    }

    JsonNode put(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(portal.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .setHeader("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "demo-cli");
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(http, request.build(), "the portal at " + portal);
        return read(response);
    }

    /** Sends, turning a failure to connect into a clear {@link CliFailure} (exit code 4). */
    static HttpResponse<String> exchange(HttpClient http, HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliFailure(
                    ExitCodes.UNREACHABLE,
                    "cannot reach " + what + ": "
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.FAILED, "interrupted");
        }
    }

    /** The body of a 2xx answer as JSON (null for none); anything else as an {@link ApiProblem}. */
    static JsonNode read(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return body.isBlank() ? NullNode.getInstance() : parse(body, status);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json") && !body.isBlank()) {
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem.isObject()) {
                    return throwProblem(new ApiProblem(status, problem));
                }
            } catch (JacksonException e) {
                // not JSON after all: reported from the status below
            }
        }
        throw ApiProblem.fromStatus(status, type.startsWith("text/html") ? "" : body);
    }

    private static JsonNode throwProblem(ApiProblem problem) {
        throw problem;
    }

    private static JsonNode parse(String body, int status) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new CliFailure(
                    ExitCodes.FAILED, "the portal answered " + status + " with something that is not JSON");
        }
    }
}
