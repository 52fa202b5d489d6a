package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CycloneDX SBOMs the two apps' builds publish ({@code <module>/target/sbom/sbom.cdx.json},
 * cyclonedx-maven-plugin at prepare-package; the images carry the same file, see
 * {@link ContainerImagesIT}). Skipped when the modules were not packaged in this build (e.g.
 * {@code -pl deploy -am}); with {@code -Pimages} a missing SBOM fails.
 */
class SbomIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"portal-ui, com.vaadin:flow-server", "provisioning-worker, com.github.kagkarlsson:db-scheduler"})
    void eachAppPublishesAnSbomOfWhatItRunsOn(String module, String distinctive) throws IOException {
        JsonNode bom = read(sbom(module));

        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).startsWith("1.");
        assertThat(bom.path("metadata").path("component").path("name").asText()).isEqualTo(module);
        List<String> components = new ArrayList<>();
        for (JsonNode component : bom.path("components")) {
            if (component.path("scope").asText().equals("optional")) {
                // optional compile dependencies (the configuration processor): marked as such, and
                // neither the runnable jar nor the image contains them
                continue;
            }
            components.add(component.path("group").asText() + ":"
                    + component.path("name").asText());
            assertThat(component.path("version").asText())
                    .as(component.toString())
                    .isNotBlank();
            assertThat(component.path("purl").asText())
                    .as(component.path("name").asText())
                    .startsWith("pkg:maven/");
            assertThat(component.path("hashes"))
                    .as(component.path("name").asText())
                    .isNotEmpty();
        }
        assertThat(components)
                .contains(
                        "org.springframework.boot:spring-boot",
                        "org.springframework:spring-core",
                        "org.postgresql:postgresql",
                        "dev.demoportal:portal-core",
                        distinctive);
        assertThat(components)
                .as("build-time and test dependencies")
                .noneMatch(c ->
                        c.matches(".*:(junit.*|mockito.*|assertj.*|spring-boot-configuration-processor|test-support)"));
        // the dependency graph, so a scanner can tell why a component is there
        assertThat(bom.path("dependencies")).isNotEmpty();
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static Path sbom(String module) {
        Path file = Path.of("..", module, "target", "sbom", "sbom.cdx.json");
        if (!Files.exists(file)) {
            String build = "./mvnw -B verify (the modules' package phase writes it)";
            if (Boolean.getBoolean("images.required")) {
                throw new AssertionError(file + " is missing: " + build);
            }
            Assumptions.abort("No SBOM at " + file + "; build the module first: " + build);
        }
        return file;
    }
}
