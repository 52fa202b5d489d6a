package dev.demoportal.contract;

import dev.demoportal.base.api.ProblemCatalogue;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compares an OpenAPI document with the endpoints that exist and the problem codes they can answer,
 * and names everything undocumented: an endpoint, a response status, a problem code (with its
 * example), a success response or a field without a type, the bearer scheme.
 */
final class OpenApiContract {

    static final String PROBLEM_JSON = "application/problem+json";

    /**
     * One endpoint as Spring MVC maps it. {@code problemCodes} is null when the handler has no
     * {@code @ApiProblem}, so nobody said what it can answer.
     */
    record Endpoint(String method, String path, @Nullable Set<String> problemCodes, boolean hasBody) {

        String name() {
            return method + " " + path;
        }

        /** Every code the endpoint can answer: the shared ones and its own. */
        Set<String> allCodes() {
            Set<String> codes = new LinkedHashSet<>(ProblemCatalogue.COMMON);
            if (hasBody) {
                codes.addAll(ProblemCatalogue.WITH_BODY);
            }
            if (method.equals("POST")) {
                codes.addAll(ProblemCatalogue.POST);
            } else if (!method.equals("GET")) {
                codes.add("auth.csrf");
            }
            if (problemCodes != null) {
                codes.addAll(problemCodes);
            }
            return codes;
        }
    }

    private OpenApiContract() {}

    /** Everything undocumented, one line each; empty when the document is complete. */
    static List<String> violations(OpenAPI document, Collection<Endpoint> endpoints, Set<String> thrownCodes) {
        List<String> found = new ArrayList<>();
        bearerScheme(document, found);
        Set<String> mapped = new TreeSet<>();
        for (Endpoint endpoint : endpoints) {
            mapped.add(endpoint.name());
            Operation operation = operation(document, endpoint.method(), endpoint.path());
            if (operation == null) {
                found.add(endpoint.name() + ": not in the OpenAPI document");
                continue;
            }
            if (endpoint.problemCodes() == null) {
                found.add(endpoint.name() + ": has no @ApiProblem, so the problem codes it answers are undocumented");
            }
            successResponse(document, endpoint, operation, found);
            for (String code : endpoint.allCodes()) {
                problemCode(endpoint, operation, code, found);
            }
        }
        documentedButMissing(document, mapped, found);
        for (String code : new TreeSet<>(thrownCodes)) {
            if (ProblemCatalogue.find(code).isEmpty()) {
                found.add("problem code " + code + " is thrown but not in the ProblemCatalogue");
            }
        }
        fields(document, found);
        return found;
    }

    private static void bearerScheme(OpenAPI document, List<String> found) {
        Map<String, SecurityScheme> schemes = document.getComponents() == null
                ? null
                : document.getComponents().getSecuritySchemes();
        boolean bearer = schemes != null
                && schemes.values().stream()
                        .anyMatch(s ->
                                s.getType() == SecurityScheme.Type.HTTP && "bearer".equalsIgnoreCase(s.getScheme()));
        if (!bearer) {
            found.add("no HTTP bearer security scheme");
        }
        if (document.getSecurity() == null || document.getSecurity().isEmpty()) {
            found.add("no security requirement for the API");
        }
    }

    private static @Nullable Operation operation(OpenAPI document, String method, String path) {
        PathItem item = document.getPaths() == null ? null : document.getPaths().get(path);
        if (item == null) {
            return null;
        }
        return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    }

    private static void successResponse(OpenAPI document, Endpoint endpoint, Operation operation, List<String> found) {
        if (operation.getResponses() == null) {
            found.add(endpoint.name() + ": no responses");
            return;
        }
        boolean success = false;
        for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
            if (!response.getKey().startsWith("2")) {
                continue;
            }
            success = true;
            if (response.getValue().getContent() == null) {
                continue;
            }
            response.getValue().getContent().forEach((type, media) -> {
                if (media.getSchema() == null) {
                    found.add(endpoint.name() + ": " + response.getKey() + " " + type + " has no schema");
                } else {
                    schemaRef(document, endpoint.name() + ": " + response.getKey(), media.getSchema(), found);
                }
            });
        }
        if (!success) {
            found.add(endpoint.name() + ": no success (2xx) response");
        }
    }

    private static void schemaRef(OpenAPI document, String where, Schema<?> schema, List<String> found) {
        String ref = schema.get$ref();
        if (schema.getItems() != null) {
            schemaRef(document, where, schema.getItems(), found);
        }
        if (ref == null) {
            return;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        if (document.getComponents() == null
                || document.getComponents().getSchemas() == null
                || !document.getComponents().getSchemas().containsKey(name)) {
            found.add(where + " refers to schema " + name + ", which is not documented");
        }
    }

    private static void problemCode(Endpoint endpoint, Operation operation, String code, List<String> found) {
        ProblemCatalogue.Entry entry = ProblemCatalogue.find(code).orElse(null);
        if (entry == null) {
            found.add(endpoint.name() + ": problem code " + code + " is not in the ProblemCatalogue");
            return;
        }
        String status = String.valueOf(entry.status());
        ApiResponse response = operation.getResponses() == null
                ? null
                : operation.getResponses().get(status);
        MediaType media = response == null || response.getContent() == null
                ? null
                : response.getContent().get(PROBLEM_JSON);
        if (media == null) {
            found.add(endpoint.name() + ": response " + status + " (" + code + ") is undocumented");
        } else if (media.getExamples() == null || !media.getExamples().containsKey(code)) {
            found.add(endpoint.name() + ": problem code " + code + " has no example in response " + status);
        }
    }

    private static void documentedButMissing(OpenAPI document, Set<String> mapped, List<String> found) {
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap().keySet().forEach(method -> {
                    String name = method.name() + " " + path;
                    if (!mapped.contains(name)) {
                        found.add(name + ": documented, but no such endpoint");
                    }
                }));
    }

    /** Every property of every documented schema says what it is (a type, a reference or a composition). */
    private static void fields(OpenAPI document, List<String> found) {
        if (document.getComponents() == null || document.getComponents().getSchemas() == null) {
            return;
        }
        document.getComponents().getSchemas().forEach((name, schema) -> {
            if (schema.getProperties() == null) {
                return;
            }
            schema.getProperties().forEach((field, property) -> {
                if (!described((Schema<?>) property)) {
                    found.add("schema " + name + ": field " + field + " has no type");
                }
            });
        });
    }

    private static boolean described(Schema<?> property) {
        return property.getType() != null
                || (property.getTypes() != null && !property.getTypes().isEmpty())
                || property.get$ref() != null
                || property.getOneOf() != null
                || property.getAnyOf() != null
                || property.getAllOf() != null;
    }
}
