package dev.demoportal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.base.api.ProblemCatalogue;
import dev.demoportal.contract.OpenApiContract.Endpoint;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker finds what is undocumented, and finds nothing in a complete document. */
class OpenApiContractTest {

    private static final Endpoint THING =
            new Endpoint("GET", "/api/v1/things/{id}", Set.of("environment.not_found"), false);

    @Test
    void aCompleteDocumentHasNoViolations() {
        assertThat(OpenApiContract.violations(documenting(THING), List.of(THING), Set.of("environment.not_found")))
                .isEmpty();
    }

    @Test
    void anEndpointLeftOutOfTheDocumentIsNamed() {
        Endpoint hidden = new Endpoint("POST", "/api/v1/hidden", Set.of(), true);

        assertThat(OpenApiContract.violations(documenting(THING), List.of(THING, hidden), Set.of()))
                .containsExactly("POST /api/v1/hidden: not in the OpenAPI document");
    }

    @Test
    void anEndpointWithoutApiProblemIsNamed() {
        Endpoint undeclared = new Endpoint("GET", "/api/v1/things/{id}", null, false);

        assertThat(OpenApiContract.violations(documenting(THING), List.of(undeclared), Set.of()))
                .containsExactly("GET /api/v1/things/{id}: has no @ApiProblem, so the problem codes it answers are "
                        + "undocumented");
    }

    @Test
    void aProblemCodeWithoutItsResponseOrExampleIsNamed() {
        OpenAPI document = documenting(THING);
        Operation get = document.getPaths().get("/api/v1/things/{id}").getGet();
        get.getResponses().remove("404");
        get.getResponses()
                .get("429")
                .getContent()
                .get(OpenApiContract.PROBLEM_JSON)
                .getExamples()
                .remove("rate_limit.exceeded");

        assertThat(OpenApiContract.violations(document, List.of(THING), Set.of()))
                .containsExactlyInAnyOrder(
                        "GET /api/v1/things/{id}: response 404 (environment.not_found) is undocumented",
                        "GET /api/v1/things/{id}: problem code rate_limit.exceeded has no example in response 429");
    }

    @Test
    void anOperationThatDoesNotExistAFieldWithoutTypeAndAnUnknownThrownCodeAreNamed() {
        OpenAPI document = documenting(THING);
        document.getPaths().addPathItem("/api/v1/gone", new PathItem().delete(new Operation()));
        document.getComponents().getSchemas().get("Thing").addProperty("mystery", new Schema<>());

        assertThat(OpenApiContract.violations(document, List.of(THING), Set.of("thing.exploded")))
                .containsExactlyInAnyOrder(
                        "DELETE /api/v1/gone: documented, but no such endpoint",
                        "schema Thing: field mystery has no type",
                        "problem code thing.exploded is thrown but not in the ProblemCatalogue");
    }

    @Test
    void aDocumentWithoutTheBearerSchemeIsNamed() {
        OpenAPI document = documenting(THING);
        document.getComponents().setSecuritySchemes(null);
        document.setSecurity(null);

        assertThat(OpenApiContract.violations(document, List.of(THING), Set.of()))
                .containsExactly("no HTTP bearer security scheme", "no security requirement for the API");
    }

    /** A document that says everything about {@code endpoint}, as the portal's customizer writes it. */
    private static OpenAPI documenting(Endpoint endpoint) {
        ApiResponses responses = new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("OK")
                                .content(new Content()
                                        .addMediaType(
                                                "application/json",
                                                new MediaType()
                                                        .schema(new Schema<>().$ref("#/components/schemas/Thing")))));
        for (String code : endpoint.allCodes()) {
            String status = String.valueOf(ProblemCatalogue.of(code).status());
            ApiResponse response = responses.computeIfAbsent(
                    status,
                    s -> new ApiResponse()
                            .description("Problem")
                            .content(new Content().addMediaType(OpenApiContract.PROBLEM_JSON, new MediaType())));
            response.getContent().get(OpenApiContract.PROBLEM_JSON).addExamples(code, new Example().value(code));
        }
        ObjectSchema thing = new ObjectSchema();
        thing.addProperty("id", new StringSchema());
        Operation operation = new Operation().responses(responses);
        PathItem item = new PathItem();
        item.operation(PathItem.HttpMethod.valueOf(endpoint.method()), operation);
        return new OpenAPI()
                .paths(new Paths().addPathItem(endpoint.path(), item))
                .components(new Components()
                        .addSchemas("Thing", thing)
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
