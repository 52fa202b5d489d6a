package dev.demoportal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.contract.OpenApiContract.Endpoint;
import dev.demoportal.testing.PortalDatabaseTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract: the OpenAPI document the portal serves parses and validates (swagger-parser),
 * documents every endpoint under {@code /api} that Spring MVC maps, every problem code each can
 * answer with an example, a success response and a type for every field; and {@code
 * docs/openapi.json} is a current copy. Regenerate the copy with {@code ./mvnw -o verify -pl
 * portal-local -am -Dit.test=OpenApiContractIT -Dopenapi.write=true} (OpenApiContractTest shows the
 * checker failing on an undocumented endpoint).
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=true"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT {

    /** Codes thrown only outside the API (browser sign-in, views, the worker, Slack, calendar feeds). */
    private static final Set<String> NOT_ON_THE_API = Set.of(
            "identity.no_subject",
            "identity.email_unverified",
            "identity.mixed_roles",
            "identity.no_organisation",
            "identity.no_role",
            "slack.link_not_found",
            "calendar.not_found",
            "maintenance.not_found",
            "outbox.not_failed",
            "provisioning.job-not-found",
            "provisioning.job-not-retryable",
            "provisioning.job-already-open",
            "provisioning.illegal_job_transition",
            "provisioning.illegal_step_transition");

    private static final Pattern THROWN = Pattern.compile(
            "(?:new\\s+(?:NotFound|Conflict|CallerRejected|ApiAuthenticationFailed|SignInRefused)\\(|super\\()\\s*\"([a-z_]+\\.[a-z_.-]+)\"");

    private static final Path DOCS_COPY = Path.of("..", "docs", "openapi.json");

    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String served = "";

    @BeforeAll
    void fetch() {
        HttpResponse<String> response = new ApiClient(port).get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        served = response.body();
    }

    @Test
    void theDocumentParsesAsValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served, null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
    }

    @Test
    void everyEndpointItsProblemCodesAndItsFieldsAreDocumented() {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served, null, new ParseOptions());

        List<String> violations = OpenApiContract.violations(result.getOpenAPI(), endpoints(), thrownCodes());

        assertThat(violations).isEmpty();
    }

    @Test
    void docsHoldsTheCurrentDocument() throws IOException {
        String current = canonical(served);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(DOCS_COPY, current, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOCS_COPY))
                .as("docs/openapi.json exists; write it with -Dopenapi.write=true")
                .isTrue();
        assertThat(Files.readString(DOCS_COPY, StandardCharsets.UTF_8))
                .as(
                        "docs/openapi.json is out of date; regenerate it with -Dit.test=OpenApiContractIT -Dopenapi.write=true")
                .isEqualTo(current);
    }

    /** Every {@code /api} endpoint Spring MVC maps, with the codes its {@link ApiProblem} declares. */
    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> patterns = info.getPatternValues();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : patterns) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods) {
                    endpoints.add(new Endpoint(method.name(), path, declared(handler), hasBody(handler)));
                }
            }
        });
        assertThat(endpoints).as("the API's endpoints").hasSizeGreaterThan(50);
        return endpoints;
    }

    private static Set<String> declared(HandlerMethod handler) {
        ApiProblem problems = handler.getMethodAnnotation(ApiProblem.class);
        return problems == null ? null : Set.of(problems.value());
    }

    private static boolean hasBody(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The problem codes the code base throws, as far as the source says them literally; every one
     * must be in the catalogue, unless it is thrown only outside the API.
     */
    private static Set<String> thrownCodes() {
        Set<String> codes = new TreeSet<>();
        for (String module : List.of("portal-core", "portal-ui")) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Matcher m = THROWN.matcher(read(f));
                    while (m.find()) {
                        codes.add(m.group(1));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(codes).as("codes found in the sources").contains("environment.not_found", "booking.changed");
        codes.removeAll(NOT_ON_THE_API);
        return codes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys sorted, two-space indent, a final line break: a stable file that diffs well. */
    private static String canonical(String json) {
        return PRETTY.writeValueAsString(sorted(PRETTY.readTree(json))) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode copy = PRETTY.createObjectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            var copy = PRETTY.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
