package dev.demoportal.provisioning.worker.pipeline;

import dev.demoportal.provisioning.StepFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over the JDK's HTTP client for the CI APIs, with their errors turned into step failures:
 * throttling, 5xx and I/O are transient (retried with backoff), a refused token or a missing project
 * permanent. Messages name the method and path, never a header (the token travels in one).
 */
final class CiHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_OUTPUTS = 50;
    private static final int MAX_OUTPUT_LENGTH = 2000;

    private final String system;
    private final HttpClient client;

    CiHttp(String system) {
        this.system = system;
        // redirects by hand: an artifact download redirects to a signed URL that must not get the token
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A request with the CI system's auth headers. */
    HttpRequest.Builder request(URI uri, Consumer<HttpRequest.Builder> auth) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        auth.accept(builder);
        return builder;
    }

    JsonNode getJson(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        return parse(response.body(), request.build());
    }

    HttpResponse<String> postJson(HttpRequest.Builder request, Object body) {
        HttpRequest built = request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return send(built, HttpResponse.BodyHandlers.ofString());
    }

    /** A body as bytes, following one redirect without the auth headers (signed download URLs). */
    byte[] download(HttpRequest.Builder request) {
        HttpRequest built = request.GET().build();
        HttpResponse<byte[]> response = sendRaw(built, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 == 3) {
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                throw StepFailure.transientFailure(system + " redirected " + what(built) + " nowhere", null);
            }
            HttpRequest follow = HttpRequest.newBuilder(built.uri().resolve(location.get()))
                    .timeout(Duration.ofSeconds(60))
                    .GET()
                    .build();
            response = sendRaw(follow, HttpResponse.BodyHandlers.ofByteArray());
            built = follow;
        }
        check(response.statusCode(), built);
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response = sendRaw(request, handler);
        check(response.statusCode(), request);
        return response;
    }

    private <T> HttpResponse<T> sendRaw(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw StepFailure.transientFailure(
                    system + " did not answer " + what(request) + " ("
                            + e.getClass().getSimpleName() + ")",
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.transientFailure("interrupted while calling " + system, null);
        }
    }

    private void check(int status, HttpRequest request) {
        if (status / 100 == 2) {
            return;
        }
        String message = system + " answered " + status + " to " + what(request);
        if (status == 401) {
            throw StepFailure.permanent(message + ": the token was refused", null);
        }
        if (status == 429 || status >= 500 || status == 403) {
            // GitHub answers 403 (as well as 429) when a rate limit is hit; a missing permission stays 403 after
            // retries
            throw StepFailure.transientFailure(message, null);
        }
        throw StepFailure.permanent(message, null);
    }

    private JsonNode parse(String body, HttpRequest request) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            throw StepFailure.transientFailure(system + " sent something other than JSON for " + what(request), null);
        }
    }

    private static String what(HttpRequest request) {
        return request.method() + " " + request.uri().getPath();
    }

    /**
     * The string, number and boolean values of a published outputs object, as step outputs. Keys
     * that could not be names and oversized values are left out; nested objects are ignored.
     */
    static Map<String, String> outputsOf(byte[] json, String system) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw StepFailure.permanent(system + " outputs are not JSON", null);
        }
        if (!node.isObject()) {
            throw StepFailure.permanent(system + " outputs are not a JSON object", null);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (outputs.size() < MAX_OUTPUTS
                    && field.getKey().matches("[A-Za-z][A-Za-z0-9._-]{0,63}")
                    && value.isValueNode()
                    && !value.isNull()
                    && value.asString().length() <= MAX_OUTPUT_LENGTH) {
                outputs.put(field.getKey(), value.asString());
            }
        }
        return outputs;
    }

    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
