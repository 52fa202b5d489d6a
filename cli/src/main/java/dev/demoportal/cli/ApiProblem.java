package dev.demoportal.cli;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portal answered with an error: its RFC 9457 problem details (or, for an answer that is not
 * one, a problem made from the status), shown as a clear message, never as a stack trace.
 */
final class ApiProblem extends CliFailure {

    private static final Set<String> STANDARD =
            Set.of("type", "title", "status", "detail", "instance", "code", "errors");

    private final int status;
    private final JsonNode problem;

    ApiProblem(int status, JsonNode problem) {
        super(status == 401 ? ExitCodes.SIGN_IN : ExitCodes.FAILED, summary(status, problem));
        this.status = status;
        this.problem = problem;
    }

    /** A problem from an answer that is not problem details (a proxy's error page, an empty body). */
    static ApiProblem fromStatus(int status, String body) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("status", status);
        node.put("title", "HTTP " + status);
        if (!body.isBlank()) {
            node.put("detail", body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }
        return new ApiProblem(status, node);
    }

    int status() {
        return status;
    }

    @Nullable
    String code() {
        JsonNode code = problem.get("code");
        return code == null || code.isNull() ? null : code.asString();
    }

    JsonNode problem() {
        return problem;
    }

    /** The problem for a person: what went wrong, which field, anything the portal added, and what to do. */
    String describe() {
        StringBuilder text = new StringBuilder("error: ").append(getMessage());
        JsonNode errors = problem.get("errors");
        if (errors != null && errors.isArray()) {
            for (JsonNode e : errors) {
                text.append("\n  ")
                        .append(e.path("field").asString(""))
                        .append(": ")
                        .append(e.path("message").asString(""));
            }
        }
        for (var field : problem.properties()) {
            if (!STANDARD.contains(field.getKey()) && field.getValue().isValueNode()) {
                text.append("\n  ")
                        .append(field.getKey())
                        .append(": ")
                        .append(field.getValue().asString());
            }
        }
        if (status == 401) {
            text.append("\nSign in with `demo login`, or set DEMO_PORTAL_TOKEN to a valid API token.");
        }
        return text.toString();
    }

    private static String summary(int status, JsonNode problem) {
        String detail = text(problem, "detail");
        String title = text(problem, "title");
        String message = detail != null ? detail : title != null ? title : "HTTP " + status;
        String code = text(problem, "code");
        return message + " (" + (code != null ? code + ", " : "") + "HTTP " + status + ")";
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }
}
