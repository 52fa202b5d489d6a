package dev.demoportal.base.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document at {@code /v3/api-docs}: the bearer scheme, and for every operation the
 * problem responses it can answer, one example per {@code code}, from its {@link ApiProblem} and
 * the codes every endpoint shares. A copy is kept in {@code docs/openapi.json}, checked by
 * OpenApiContractIT.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    /** The codes an operation declares, so the contract test can compare them with the examples. */
    static final String CODES_EXTENSION = "x-problem-codes";

    @Bean
    OpenAPI portalOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Demo Portal API")
                        .version("v1")
                        .description("Book demo environments, request sandboxes, report deployments. Conventions, "
                                + "authentication, idempotency, limits and paging: docs/api.md."))
                .servers(List.of(new Server().url("/").description("this portal")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API token (dpt_…), a trusted CI system's OIDC token, or an "
                                                + "access token of the portal's identity provider."))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** One example per problem code, which the operations' problem responses refer to. */
    @Bean
    OpenApiCustomizer problemExamples() {
        return openApi -> ProblemCatalogue.all().values().stream()
                .sorted(java.util.Comparator.comparing(ProblemCatalogue.Entry::code))
                .forEach(entry -> openApi.getComponents().addExamples(entry.code(), example(entry)));
    }

    private static Example example(ProblemCatalogue.Entry entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://demoportal.dev/problems/" + entry.code());
        body.put(
                "title",
                org.springframework.http.HttpStatus.valueOf(entry.status()).getReasonPhrase());
        body.put("status", entry.status());
        body.put("detail", entry.when());
        body.put("instance", "/api/v1/…");
        body.put("code", entry.code());
        return new Example().summary(entry.when()).value(body);
    }

    @Bean
    OperationCustomizer problemResponses() {
        return OpenApiConfiguration::describeProblems;
    }

    static Operation describeProblems(Operation operation, HandlerMethod handler) {
        ApiProblem declared = handler.getMethodAnnotation(ApiProblem.class);
        Set<String> codes = new LinkedHashSet<>(ProblemCatalogue.COMMON);
        if (hasBody(handler)) {
            codes.addAll(ProblemCatalogue.WITH_BODY);
        }
        if (handler.hasMethodAnnotation(PostMapping.class)) {
            codes.addAll(ProblemCatalogue.POST);
        } else if (handler.hasMethodAnnotation(PutMapping.class)
                || handler.hasMethodAnnotation(DeleteMapping.class)
                || handler.hasMethodAnnotation(PatchMapping.class)) {
            codes.add("auth.csrf");
        }
        if (declared != null) {
            codes.addAll(List.of(declared.value()));
            operation.addExtension(CODES_EXTENSION, List.of(declared.value()));
        }
        Map<Integer, List<ProblemCatalogue.Entry>> byStatus = new TreeMap<>();
        for (String code : codes) {
            ProblemCatalogue.Entry entry = ProblemCatalogue.of(code);
            byStatus.computeIfAbsent(entry.status(), s -> new ArrayList<>()).add(entry);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, entries) -> responses.addApiResponse(String.valueOf(status), response(entries)));
        operation.setResponses(responses);
        return operation;
    }

    private static boolean hasBody(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return true;
            }
        }
        return false;
    }

    private static ApiResponse response(List<ProblemCatalogue.Entry> entries) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ProblemCatalogue.Entry entry : entries) {
            examples.put(entry.code(), new Example().$ref("#/components/examples/" + entry.code()));
        }
        String description = "Problem: "
                + String.join(
                        ", ", entries.stream().map(ProblemCatalogue.Entry::code).toList());
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                                        .examples(examples)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema());
        fieldError.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details; switch on code, show detail to people.");
        problem.addProperty("type", new StringSchema().format("uri"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("code", new StringSchema().description("Stable identifier, area.condition."));
        problem.addProperty(
                "errors", new ArraySchema().items(fieldError).description("validation.failed: each wrong field."));
        problem.setRequired(List.of("type", "status", "code"));
        problem.setAdditionalProperties(Boolean.TRUE);
        return problem;
    }
}
